// Runs the built platform as real processes (API, worker) against real services, the way
// production does. Used by the system tests' global setup and by benchmarks.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

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

/** Starts one app of the platform; its output goes to var/test-logs/<name>.log. */
export function startProcess(name: string, which: keyof typeof ENTRYPOINTS, env: Record<string, string>): Proc {
  mkdirSync(LOG_DIR, { recursive: true });
  const log = createWriteStream(`${LOG_DIR}/${name}.log`, { flags: 'a' });
  const child = spawn(process.execPath, [ENTRYPOINTS[which]], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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

export async function runToEnd(which: keyof typeof ENTRYPOINTS, env: Record<string, string>): Promise<void> {
  const proc = startProcess(which, which, env);
  const code = await proc.exited;
  if (code !== 0) throw new Error(`${which} exited with ${code}; see ${LOG_DIR}/${which}.log`);
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
