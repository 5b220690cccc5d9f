// Runs the built platform as real processes (API, worker) against real services, the way
// production does: a fresh database, a mail sink, and Redis under a unique queue prefix.
// Used by the system tests' global setup, by tests that need a platform of their own
// (e.g. to stop its Redis), and by the benchmarks.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type MailSink, startMailSink } from '../../infra/mail-sink/src/index.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const LOG_DIR = `${ROOT}var/test-logs`;

const ENTRYPOINTS = {
  migrate: `${ROOT}packages/db/dist/migrate/cli.js`,
  seed: `${ROOT}packages/db/dist/seed/cli.js`,
  api: `${ROOT}apps/api/dist/main.js`,
  worker: `${ROOT}apps/worker/dist/main.js`,
};

export function assertBuilt() {
  const missing = Object.values(ENTRYPOINTS).filter((file) => !existsSync(file));
  if (missing.length) {
    throw new Error(`Build first (npm test does): missing ${missing.join(', ')}. Run: pnpm exec turbo run build`);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Proc {
  name: string;
  child: ChildProcess;
  /** Exit code, or the name of the signal that ended it. */
  exited: Promise<number | string>;
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

/** Starts a command; its output goes to var/test-logs/<name>.log. */
export function startCommand(name: string, command: string, args: string[], env: Record<string, string> = {}): Proc {
  mkdirSync(LOG_DIR, { recursive: true });
  const log = createWriteStream(`${LOG_DIR}/${name}.log`, { flags: 'w' });
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, sig) => resolve(code ?? sig ?? -1)),
  );
  return {
    name,
    child,
    exited,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Starts one app of the platform (built JavaScript, run by this Node). */
export function startProcess(name: string, which: keyof typeof ENTRYPOINTS, env: Record<string, string>): Proc {
  return startCommand(name, process.execPath, [ENTRYPOINTS[which]], env);
}

export async function runToEnd(which: keyof typeof ENTRYPOINTS, env: Record<string, string>, name: string = which) {
  const proc = startProcess(name, which, env);
  const code = await proc.exited;
  if (code !== 0) throw new Error(`${which} exited with ${code}; see ${LOG_DIR}/${name}.log`);
}

export async function waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Stack {
  name: string;
  apiUrl: string;
  sinkUrl: string;
  sink: MailSink;
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  env: Record<string, string>;
  api: Proc;
  workers: Proc[];
  /** Starts another worker process on the same database and queues. */
  addWorker(): Proc;
  /** Stops everything; drops the database unless KEEP_TEST_DATABASE is set. Returns the exit codes. */
  stop(): Promise<{ api: number | string; workers: (number | string)[] }>;
}

export interface StackOptions {
  /** Names log files and the database. */
  name?: string;
  redisUrl?: string;
  workers?: number;
  seed?: boolean;
  webDist?: boolean;
  env?: Record<string, string>;
}

/** A whole platform of its own: fresh database (migrated, optionally seeded), mail sink, API and workers. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  assertBuilt();
  const suffix = randomBytes(4).toString('hex');
  const name = options.name ?? 'stack';
  const server = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  const databaseName = `kizuna_test_${suffix}`;
  const databaseUrl = new URL(server);
  databaseUrl.pathname = `/${databaseName}`;
  const redisUrl = options.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const queuePrefix = `{kizuna-test-${suffix}}`;
  const sink = await startMailSink({ smtpPort: 0, httpPort: 0 });
  const port = await freePort();
  const apiUrl = `http://127.0.0.1:${port}`;
  const webDist = `${ROOT}apps/web/dist`;
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: apiUrl,
    DATABASE_URL: databaseUrl.toString(),
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    SMTP_URL: `smtp://127.0.0.1:${sink.smtpPort}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info',
    LOGIN_MAX_FAILURES: '5',
    OUTBOX_POLL_MS: '200',
    WEB_DIST: options.webDist !== false && existsSync(`${webDist}/index.html`) ? webDist : '',
    ...options.env,
  };
  await runToEnd('migrate', env, `${name}-migrate`);
  if (options.seed !== false) await runToEnd('seed', env, `${name}-seed`);
  const api = startProcess(`${name}-api`, 'api', env);
  const workers: Proc[] = [];
  const addWorker = () => {
    const worker = startProcess(`${name}-worker-${workers.length + 1}`, 'worker', env);
    workers.push(worker);
    return worker;
  };
  for (let i = 0; i < (options.workers ?? 1); i++) addWorker();

  const stop = async () => {
    const [apiCode, ...workerCodes] = await Promise.all([api.stop(), ...workers.map((w) => w.stop())]);
    await sink.close();
    if (!process.env.KEEP_TEST_DATABASE) {
      // Queues, rate limits and metrics of this platform: everything under its own prefix.
      await dropQueueKeys(redisUrl, queuePrefix).catch(() => undefined);
      const admin = new pg.Client({ connectionString: server.toString() });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
      await admin.end();
    }
    return { api: apiCode as number | string, workers: workerCodes as (number | string)[] };
  };

  try {
    await Promise.race([
      waitForHttp(`${apiUrl}/api/health/ready`),
      api.exited.then((code) => Promise.reject(new Error(`the API exited with ${code} while starting`))),
    ]);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}; see ${LOG_DIR}/${name}-api.log`);
  }
  return {
    name,
    apiUrl,
    sinkUrl: `http://127.0.0.1:${sink.httpPort}`,
    sink,
    databaseUrl: databaseUrl.toString(),
    redisUrl,
    queuePrefix,
    env,
    api,
    workers,
    addWorker,
    stop,
  };
}

/** Deletes every Redis key under a queue prefix (what a finished platform leaves in a shared Redis). */
export async function dropQueueKeys(redisUrl: string, prefix: string): Promise<number> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  let dropped = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) dropped += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return dropped;
}

/** On SIGTERM the apps close their connections and exit (Nest re-raises the signal after its hooks). */
export function exitedCleanly(code: number | string) {
  return code === 0 || code === 'SIGTERM';
}
