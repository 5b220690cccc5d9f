// Helpers for tests and benchmarks that run a platform of their own (stack.ts): users made
// in bulk straight in its database, a dedicated Redis that can be stopped and started, and
// an exact account of which emails reached the sink. No vitest imports: the benchmarks use
// this file too.
import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import pg from 'pg';
import type { ReceivedMessage } from '../../infra/mail-sink/src/index.js';
import { freePort, type Proc, startCommand } from './stack.js';

export async function withDb<T>(databaseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function sleep(ms: number) {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns a value other than undefined/false; throws `describe()` after the timeout. */
export async function waitUntil<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  { timeoutMs = 30_000, intervalMs = 100, describe = () => 'condition' as string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${describe()}`);
    await sleep(intervalMs);
  }
}

/**
 * Inserts `count` verified users (role RESEARCHER, one in five Japanese-speaking) with one
 * INSERT … SELECT generate_series: fast enough for 100,000. Emails are `<label>-<n>@example.test`.
 */
export async function insertUsers(
  databaseUrl: string,
  { count, label, passwordHash = 'not-a-password-hash' }: { count: number; label: string; passwordHash?: string },
): Promise<number> {
  return withDb(databaseUrl, async (db) => {
    const result = await db.query(
      `WITH created AS (
         INSERT INTO "User" (id, email, "displayName", "passwordHash", locale, "emailVerifiedAt", "updatedAt")
         SELECT gen_random_uuid(), $1 || '-' || i || '@example.test', 'Researcher ' || i, $2,
                CASE WHEN i % 5 = 0 THEN 'ja' ELSE 'en' END, now(), now()
         FROM generate_series(1, $3::int) AS i
         RETURNING id
       )
       INSERT INTO "UserRole" (id, "userId", role) SELECT gen_random_uuid(), id, 'RESEARCHER' FROM created`,
      [label, passwordHash, count],
    );
    return result.rowCount ?? 0;
  });
}

/** Makes a verified admin straight in the database; returns its id and email. */
export async function insertAdmin(databaseUrl: string, email: string, passwordHash: string) {
  return withDb(databaseUrl, async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO "User" (id, email, "displayName", "passwordHash", "emailVerifiedAt", "updatedAt")
       VALUES (gen_random_uuid(), $1, 'Test Admin', $2, now(), now()) RETURNING id`,
      [email.toLowerCase(), passwordHash],
    );
    const id = rows[0]!.id;
    await db.query(`INSERT INTO "UserRole" (id, "userId", role) VALUES (gen_random_uuid(), $1, 'ADMIN')`, [id]);
    return { id, email: email.toLowerCase() };
  });
}

/** The Message-ID the notification email handler gives the email of one delivery key (see deliverOnce). */
export function messageIdFor(dedupeKey: string, hostname = '127.0.0.1') {
  return `<${createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32)}@${hostname}>`;
}

export interface ExpectedEmail {
  notificationId: string;
  email: string;
  messageId: string;
  /** Notification.createdAt, epoch ms: when its transaction (with the outbox row) wrote it. */
  committedAt: number;
}

/** Every notification matching `dedupeKeyPrefix` that must be emailed now (emailState IMMEDIATE), with its recipient. */
export async function expectedEmails(databaseUrl: string, dedupeKeyPrefix: string): Promise<ExpectedEmail[]> {
  return withDb(databaseUrl, async (db) => {
    const { rows } = await db.query<{ id: string; email: string; createdAt: Date }>(
      `SELECT n.id, u.email, n."createdAt" FROM "Notification" n JOIN "User" u ON u.id = n."userId"
       WHERE n."dedupeKey" LIKE $1 || '%' AND n."emailState" = 'IMMEDIATE'`,
      [dedupeKeyPrefix],
    );
    return rows.map((r) => ({
      notificationId: r.id,
      email: r.email.toLowerCase(),
      messageId: messageIdFor(`notification:${r.id}`),
      committedAt: r.createdAt.getTime(),
    }));
  });
}

export interface DeliveryReport {
  expected: number;
  /** Messages received for the expected Message-IDs (each counted, repeats included). */
  received: number;
  /** Expected emails that never arrived. */
  lost: ExpectedEmail[];
  /** Expected emails that arrived more than once: how many times. */
  duplicated: { email: string; messageId: string; count: number }[];
  /** Extra copies in all (received − delivered once). */
  extraCopies: number;
  /** Expected emails that arrived addressed to someone else. */
  misaddressed: { messageId: string; expected: string; got: string[] }[];
  /** Latency from commit to first arrival, ms, in the order of `expected`; NaN if lost. */
  latencies: number[];
  firstCommit: number;
  lastDelivery: number;
}

/** Compares what the sink received with what was due: lost, duplicated, misaddressed, latencies. */
export function deliveryReport(expected: ExpectedEmail[], received: readonly ReceivedMessage[]): DeliveryReport {
  const byId = new Map<string, ReceivedMessage[]>();
  for (const message of received) {
    if (!message.messageId) continue;
    const list = byId.get(message.messageId);
    if (list) list.push(message);
    else byId.set(message.messageId, [message]);
  }
  const report: DeliveryReport = {
    expected: expected.length,
    received: 0,
    lost: [],
    duplicated: [],
    extraCopies: 0,
    misaddressed: [],
    latencies: [],
    firstCommit: Number.POSITIVE_INFINITY,
    lastDelivery: 0,
  };
  for (const e of expected) {
    report.firstCommit = Math.min(report.firstCommit, e.committedAt);
    const copies = byId.get(e.messageId) ?? [];
    report.received += copies.length;
    if (copies.length === 0) {
      report.lost.push(e);
      report.latencies.push(Number.NaN);
      continue;
    }
    if (copies.length > 1) {
      report.duplicated.push({ email: e.email, messageId: e.messageId, count: copies.length });
      report.extraCopies += copies.length - 1;
    }
    const wrong = copies.filter((c) => c.to.length !== 1 || c.to[0] !== e.email);
    if (wrong.length)
      report.misaddressed.push({ messageId: e.messageId, expected: e.email, got: wrong.flatMap((w) => w.to) });
    const first = Math.min(...copies.map((c) => c.receivedAt));
    report.latencies.push(first - e.committedAt);
    report.lastDelivery = Math.max(report.lastDelivery, ...copies.map((c) => c.receivedAt));
  }
  return report;
}

/** Messages per recipient address (every copy counted). */
export function countByRecipient(received: readonly ReceivedMessage[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of received) for (const to of m.to) counts.set(to, (counts.get(to) ?? 0) + 1);
  return counts;
}

export function percentile(values: number[], p: number): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(500, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A Redis of its own on a free loopback port, without persistence: it can be stopped and started again on that port. */
export interface RedisServer {
  port: number;
  url: string;
  proc: Proc;
  /** Kills it (SIGKILL by default: a crash) and waits until the port is closed. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port (empty: it keeps nothing). */
  start(): Promise<void>;
}

export async function startRedisServer(name: string): Promise<RedisServer> {
  const port = await freePort();
  let starts = 0;
  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    proc: undefined as unknown as Proc,
    async start() {
      starts += 1;
      const proc = startCommand(`${name}-${starts}`, 'redis-server', [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
      ]);
      server.proc = proc;
      await waitUntil(() => reachable(port), {
        timeoutMs: 10_000,
        describe: () => `redis-server on port ${port} (see var/test-logs/${name}-${starts}.log)`,
      });
    },
    async stop(signal = 'SIGKILL') {
      await server.proc.stop(signal);
      await waitUntil(async () => !(await reachable(port)), { timeoutMs: 10_000, describe: () => 'Redis to stop' });
    },
  };
  await server.start();
  return server;
}

/** Counts the emails a worker process says it sent (its "job done" log lines), from var/test-logs/<name>.log. */
export function sentByWorkerLog(logText: string): number {
  let sent = 0;
  for (const line of logText.split('\n')) {
    if (
      line.includes('"msg":"job done"') &&
      line.includes('"job":"notification.email"') &&
      line.includes('"result":"sent"')
    )
      sent += 1;
  }
  return sent;
}

export { dropQueueKeys } from './stack.js';
