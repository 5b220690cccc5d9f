// What `npm start` and `npm test` share: find or install pnpm, install the workspace,
// find (or, on a machine like ours, start) PostgreSQL and Redis, run commands.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const PNPM_VERSION = '12.4.2';
const LOCAL_PNPM = `${ROOT}.tools/node_modules/.bin/pnpm`;

export const DEFAULTS = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/kizuna',
  REDIS_URL: 'redis://127.0.0.1:6379',
};

// Where setup messages and the output of the commands run go: the terminal's stdout, or stderr for commands whose
// stdout is their result (`npm run assign` prints JSON).
let setupOutput = 'inherit';

/** From now on, step messages and the output of run() go to stderr, keeping stdout for the command's result. */
export function keepStdoutForResults() {
  setupOutput = 2;
}

export function step(message) {
  (setupOutput === 2 ? console.error : console.log)(`\n▶ ${message}`);
}

export function fail(message) {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

/** Runs a command, inheriting the terminal; exits the script if it fails. */
export function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, {
    cwd: ROOT,
    stdio: ['inherit', setupOutput, 'inherit'],
    ...options,
    env: { ...process.env, ...options.env },
  });
  if (result.error) fail(`${cmd} could not start: ${result.error.message}`);
  if (result.status !== 0) fail(`${[cmd, ...args].join(' ')} failed (exit ${result.status ?? result.signal})`);
}

export function runAsync(cmd, args, options = {}) {
  return spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', ...options, env: { ...process.env, ...options.env } });
}

function versionOf(cmd) {
  const result = spawnSync(cmd, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** pnpm at the pinned version: the one on PATH if it matches, else a copy installed into .tools/ from npm. */
export function ensurePnpm() {
  if (versionOf('pnpm') === PNPM_VERSION) return 'pnpm';
  if (!(existsSync(LOCAL_PNPM) && versionOf(LOCAL_PNPM) === PNPM_VERSION)) {
    step(`Installing pnpm ${PNPM_VERSION} into .tools/ (corepack cannot fetch it here)`);
    mkdirSync(`${ROOT}.tools`, { recursive: true });
    run('npm', [
      'install',
      '--prefix',
      `${ROOT}.tools`,
      '--no-audit',
      '--no-fund',
      '--no-save',
      `pnpm@${PNPM_VERSION}`,
    ]);
    if (versionOf(LOCAL_PNPM) !== PNPM_VERSION) fail(`pnpm ${PNPM_VERSION} could not be installed into .tools/`);
  }
  // Turborepo and package scripts look pnpm up on PATH: put this copy first for every child process.
  process.env.PATH = `${dirname(LOCAL_PNPM)}${delimiter}${process.env.PATH ?? ''}`;
  return LOCAL_PNPM;
}

export function installWorkspace(pnpm) {
  step('Installing the workspace dependencies');
  run(pnpm, ['install', '--frozen-lockfile', '--reporter=append-only'], { env: { CI: 'true' } });
}

function reachable(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

function tryStart(cmd, args) {
  const result = spawnSync(cmd, args, { stdio: 'ignore', shell: false });
  return result.status === 0;
}

/** Local start commands for a Debian machine with the packages installed (as on our CI machines). */
const STARTERS = {
  postgres: () => {
    const versions =
      spawnSync('ls', ['/etc/postgresql'], { encoding: 'utf8' }).stdout?.trim().split('\n').filter(Boolean) ?? [];
    return versions.some((v) => tryStart('pg_ctlcluster', ['--skip-systemctl-redirect', v, 'main', 'start']));
  },
  redis: () =>
    tryStart('redis-server', [
      '--daemonize',
      'yes',
      '--bind',
      '127.0.0.1',
      '-::1',
      '--port',
      '6379',
      '--save',
      '',
      '--appendonly',
      'no',
    ]),
};

const HOW_TO = {
  postgres:
    'PostgreSQL 15+ is needed. Start your local server (Debian: `pg_ctlcluster 15 main start`), or run one with Docker: `docker compose -f infra/docker-compose.yml up -d postgres`, or set DATABASE_URL to a server you can reach.',
  redis:
    'Redis 7 is needed. Start your local server (`redis-server --daemonize yes`), or run one with Docker: `docker compose -f infra/docker-compose.yml up -d redis`, or set REDIS_URL to a server you can reach.',
};

/** Finds PostgreSQL and Redis from DATABASE_URL / REDIS_URL (or the defaults); starts local ones if it can. */
export async function ensureServices() {
  const services = [
    ['postgres', 'DATABASE_URL', process.env.DATABASE_URL || DEFAULTS.DATABASE_URL, 5432],
    ['redis', 'REDIS_URL', process.env.REDIS_URL || DEFAULTS.REDIS_URL, 6379],
  ];
  for (const [name, variable, url, defaultPort] of services) {
    const { hostname, port } = new URL(url);
    const p = Number(port || defaultPort);
    if (await reachable(hostname, p)) continue;
    if (LOOPBACK.has(hostname) && STARTERS[name]()) {
      for (let i = 0; i < 20 && !(await reachable(hostname, p)); i++) await new Promise((r) => setTimeout(r, 250));
      if (await reachable(hostname, p)) {
        console.log(`  started the local ${name} server`);
        continue;
      }
    }
    fail(`${name} is not reachable at ${hostname}:${p} (${variable}).\n  ${HOW_TO[name]}`);
  }
}

export async function waitForHttp(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return true;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 250));
  }
}

export const TURBO_ENV = { TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1', DO_NOT_TRACK: '1' };
