// Redis down during a state change: PostgreSQL holds everything of record, so the request
// succeeds, its outbox row waits, and the email goes out once Redis is back. The platform
// has a Redis of its own (a redis-server on a free port) that the test kills and restarts.
import { contract } from '@kizuna/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client.js';
import { uniqueEmail } from '../support/factory.js';
import { ADMIN_PASSWORD, signInAdmin } from '../support/own-stack.js';
import { insertUsers, type RedisServer, sleep, startRedisServer, waitUntil, withDb } from '../support/platform.js';
import { type Stack, startStack } from '../support/stack.js';

let stack: Stack | undefined;
let redis: RedisServer | undefined;

afterEach(async () => {
  await stack?.stop();
  await redis?.proc.stop();
  stack = undefined;
  redis = undefined;
});

/** A request with a deadline: what it answered, or that it did not answer in time. */
async function probe(client: ApiClient, method: string, path: string, body?: unknown, timeoutMs = 5000) {
  const started = Date.now();
  const headers: Record<string, string> = { 'x-forwarded-for': client.address };
  if (client.cookie) headers.cookie = client.cookie;
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    const res = await fetch(`${client.baseUrl}/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { request: `${method} ${path}`, status: res.status, ms: Date.now() - started };
  } catch (error) {
    return { request: `${method} ${path}`, status: `no answer: ${(error as Error).name}`, ms: Date.now() - started };
  }
}

async function outboxRows(databaseUrl: string, where: string, params: unknown[]) {
  return withDb(databaseUrl, async (db) => {
    const { rows } = await db.query<{ id: string; status: string; jobName: string }>(
      `SELECT id, status, "jobName" FROM "OutboxMessage" WHERE ${where}`,
      params,
    );
    return rows;
  });
}

describe('Redis down during a submission', () => {
  it('the request succeeds, the outbox row waits PENDING, and the email arrives once Redis is back', async () => {
    const r = await startRedisServer('redis-outage-redis');
    redis = r;
    const s = await startStack({ name: 'redis-outage', redisUrl: r.url, workers: 1, webDist: false });
    stack = s;
    // Log in while Redis is up: login counts failures in Redis.
    const { client } = await signInAdmin(s);
    await insertUsers(s.databaseUrl, { count: 1, label: 'outage' });
    const target = await withDb(s.databaseUrl, async (db) => {
      const { rows } = await db.query<{ id: string; email: string }>(
        `SELECT id, email FROM "User" WHERE email = 'outage-1@example.test'`,
      );
      return rows[0]!;
    });

    await r.stop('SIGKILL');

    // An admin changes the user's roles: the user is notified by email (ACCOUNT, always sent).
    const changed = await client.call(contract.admin.setRoles, {
      params: { id: target.id },
      body: {
        roles: [
          { role: 'RESEARCHER', programmeId: null },
          { role: 'REVIEWER', programmeId: null },
        ],
      },
    });
    expect(changed.status).toBe(200);
    // Someone signs up: the verification email goes through the outbox too.
    const newcomer = uniqueEmail('outage-signup');
    const anonymous = new ApiClient(s.apiUrl);
    const registered = await anonymous.call(contract.auth.register, {
      body: { email: newcomer, password: ADMIN_PASSWORD, displayName: 'Nguyen Thi Lan' },
    });
    expect(registered.status).toBe(202);

    const notification = await withDb(s.databaseUrl, async (db) => {
      const { rows } = await db.query<{ id: string }>(
        `SELECT id FROM "Notification" WHERE "userId" = $1 AND type = 'account.roles_changed'`,
        [target.id],
      );
      return rows[0]!;
    });
    const newcomerId = await withDb(s.databaseUrl, async (db) => {
      const { rows } = await db.query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [newcomer]);
      return rows[0]!.id;
    });
    // Give the relay time to try (and fail) a few times, then look at the rows.
    await sleep(3000);
    const waiting = [
      ...(await outboxRows(s.databaseUrl, `"jobName" = 'notification.email' AND payload->>'notificationId' = $1`, [
        notification.id,
      ])),
      ...(await outboxRows(s.databaseUrl, `"jobName" = 'email.verify' AND payload->>'userId' = $1`, [newcomerId])),
    ];
    expect(waiting.map((row) => [row.jobName, row.status]).sort()).toEqual([
      ['email.verify', 'PENDING'],
      ['notification.email', 'PENDING'],
    ]);
    expect(s.sink.received).toHaveLength(0);

    // What else answers with Redis down (reported, not asserted, except readiness).
    const probes = [
      await probe(new ApiClient(s.apiUrl), 'GET', '/health/ready'),
      await probe(client, 'GET', '/auth/me'),
      await probe(client, 'GET', '/notifications?page=1&pageSize=5'),
      await probe(client, 'POST', '/notifications/read-all'),
      await probe(new ApiClient(s.apiUrl), 'POST', '/auth/login', { email: target.email, password: 'wrong password' }),
    ];
    console.log(JSON.stringify({ test: 'redis-outage', probesWithRedisDown: probes }));
    expect(probes[0]?.status).toBe(503);
    // Nothing hangs: reading goes on, and sign-in refuses at once (its rate limits live in Redis).
    expect(probes[1]?.status).toBe(200);
    expect(probes[4]?.status).toBe(503);
    expect(probes[4]?.ms).toBeLessThan(5000);

    await r.start();
    const restarted = Date.now();
    const arrived = await waitUntil(
      () => {
        const to = new Set(s.sink.received.flatMap((m) => m.to));
        return to.has(target.email) && to.has(newcomer) ? Date.now() - restarted : undefined;
      },
      { timeoutMs: 30_000, describe: () => `both emails after Redis came back (have ${s.sink.received.length})` },
    );
    console.log(JSON.stringify({ test: 'redis-outage', emailsArrivedMsAfterRedisRestart: arrived }));
    expect(s.sink.received.map((m) => m.to[0]).sort()).toEqual([newcomer, target.email].sort());
    const after = await outboxRows(s.databaseUrl, 'id = ANY($1)', [waiting.map((row) => row.id)]);
    expect(after.map((row) => row.status)).toEqual(['DISPATCHED', 'DISPATCHED']);
  });
});
