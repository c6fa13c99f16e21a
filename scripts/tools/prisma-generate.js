// placeholder: replaced by the offline Prisma tooling
function generatePrismaClients() {}
module.exports = { generatePrismaClients };
