// Starts the whole platform for the system tests: a fresh PostgreSQL database with the
// migrations applied, a real SMTP sink on loopback, and the built API (serving the built
// web app) and worker as separate processes on the local Redis under a unique queue prefix.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startMailSink } from '../../infra/mail-sink/src/index.js';
import { assertBuilt, freePort, LOG_DIR, ROOT, runToEnd, startProcess, waitForHttp } from './stack.js';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    sinkUrl: string;
    databaseUrl: string;
    redisUrl: string;
    queuePrefix: string;
  }
}

export default async function setup(project: TestProject) {
  assertBuilt();
  const suffix = randomBytes(4).toString('hex');
  const server = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  const databaseName = `kizuna_test_${suffix}`;
  server.pathname = `/${databaseName}`;
  const databaseUrl = server.toString();
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
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
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    SMTP_URL: `smtp://127.0.0.1:${sink.smtpPort}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info',
    LOGIN_MAX_FAILURES: '5',
    OUTBOX_POLL_MS: '200',
    WEB_DIST: existsSync(`${webDist}/index.html`) ? webDist : '',
  };
  await runToEnd('migrate', env);
  // The demo accounts of each role, as `npm start` has them.
  await runToEnd('seed', env);
  const api = startProcess('api', 'api', env);
  const worker = startProcess('worker', 'worker', env);
  try {
    await waitForHttp(`${apiUrl}/api/health/ready`);
  } catch (error) {
    await Promise.all([api.stop(), worker.stop()]);
    throw new Error(`${(error as Error).message}; see ${LOG_DIR}/api.log`);
  }

  project.provide('apiUrl', apiUrl);
  project.provide('sinkUrl', `http://127.0.0.1:${sink.httpPort}`);
  project.provide('databaseUrl', databaseUrl);
  project.provide('redisUrl', redisUrl);
  project.provide('queuePrefix', queuePrefix);

  return async () => {
    const [apiCode, workerCode] = await Promise.all([api.stop(), worker.stop()]);
    await sink.close();
    if (!process.env.KEEP_TEST_DATABASE) {
      const admin = new pg.Client({ connectionString: server.toString().replace(`/${databaseName}`, '/postgres') });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
      await admin.end();
    }
    // Graceful shutdown is part of the contract: on SIGTERM both processes close their
    // connections and exit (Nest re-raises the signal after its shutdown hooks), well
    // before stop() would resort to SIGKILL.
    const clean = (code: number | string) => code === 0 || code === 'SIGTERM';
    if (!clean(apiCode) || !clean(workerCode)) {
      throw new Error(`Unclean shutdown: api exited ${apiCode}, worker exited ${workerCode}; see ${LOG_DIR}`);
    }
  };
}
