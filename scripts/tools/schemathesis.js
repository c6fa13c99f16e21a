// Installs schemathesis (the OpenAPI contract tester the test suite runs) from PyPI into the
// project-local virtual environment, pinned, beside the Temporal CLI.
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const VENV = path.join(ROOT, '.tools', 'venv');
const PACKAGE = 'schemathesis==4.32.5';
const CLI = path.join(VENV, 'bin', 'schemathesis');

/** The installed CLI, if it is the pinned version. */
function schemathesisCli() {
  if (!existsSync(CLI)) return undefined;
  const version = spawnSync(CLI, ['--version'], { encoding: 'utf8' });
  return version.stdout?.includes(PACKAGE.split('==')[1]) ? CLI : undefined;
}

function installSchemathesis() {
  if (schemathesisCli()) return;
  const python = ['python3', 'python'].find((p) => spawnSync('sh', ['-c', `command -v ${p}`]).status === 0);
  if (!python) {
    console.warn('[schemathesis] no python3 found: the OpenAPI contract test will be skipped.');
    return;
  }
  console.log(`[schemathesis] installing ${PACKAGE} into ${path.relative(ROOT, VENV)}`);
  const pip = path.join(VENV, 'bin', 'pip');
  const ok =
    (existsSync(pip) || spawnSync(python, ['-m', 'venv', VENV], { stdio: 'inherit' }).status === 0) &&
    spawnSync(pip, ['install', '--quiet', '--disable-pip-version-check', PACKAGE], { stdio: 'inherit' }).status === 0;
  if (!ok || !schemathesisCli()) console.warn('[schemathesis] could not install it from PyPI: the OpenAPI contract test will be skipped.');
}

module.exports = { schemathesisCli, installSchemathesis };
