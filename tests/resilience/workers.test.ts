// Exactly-once email with several worker processes, and with one of them killed in the
// middle of a batch. Each test runs a platform of its own (real API and worker processes,
// PostgreSQL, Redis, the SMTP sink) so that killing its workers disturbs nothing else.
import { readFileSync } from 'node:fs';
import { contract } from '@kizuna/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/client.js';
import { signInAdmin, waitForJobRun, waitForQuiet } from '../support/own-stack.js';
import {
  type DeliveryReport,
  deliveryReport,
  dropQueueKeys,
  type ExpectedEmail,
  expectedEmails,
  insertUsers,
  sentByWorkerLog,
  sleep,
  waitUntil,
  withDb,
} from '../support/platform.js';
import { LOG_DIR, type Proc, type Stack, startStack } from '../support/stack.js';

let stack: Stack | undefined;

afterEach(async () => {
  if (!stack) return;
  await stack.stop();
  await dropQueueKeys(stack.redisUrl, stack.queuePrefix);
  stack = undefined;
});

async function announce(client: ApiClient, title: string) {
  const res = await client.call(contract.announcements.create, {
    body: { title, body: 'The ASEAN–Japan joint call on climate resilience opens next week.', audience: [] },
  });
  if (res.status !== 201) throw new Error(`announcement: ${res.status} ${res.text}`);
  return res.json as { id: string; jobRunId: string };
}

async function verifiedUsers(databaseUrl: string) {
  return withDb(databaseUrl, async (db) => {
    const { rows } = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM "User" WHERE "emailVerifiedAt" IS NOT NULL`,
    );
    return Number(rows[0]!.n);
  });
}

async function deliveries(databaseUrl: string) {
  return withDb(databaseUrl, async (db) => {
    const { rows } = await db.query<{ status: string; n: string; resent: string }>(
      `SELECT status, count(*) AS n, count(*) FILTER (WHERE attempts > 1) AS resent FROM "EmailDelivery" GROUP BY status`,
    );
    return Object.fromEntries(rows.map((r) => [r.status, { count: Number(r.n), resent: Number(r.resent) }]));
  });
}

/**
 * Every expected email arrived exactly once, to its recipient, and nothing else arrived.
 *
 * With `killedMidSend`, a worker was SIGKILLed: an email whose SMTP transfer had completed but
 * whose delivery row was not yet marked SENT is sent again on retry. No protocol closes that
 * window; the copy carries the same Message-ID, by which mail systems drop it. So then: no
 * recipient misses an email or gets two different ones, and raw copies of one message are
 * bounded by what one worker can have in flight (its SMTP connection pool, 5 by default).
 */
function expectExactlyOnce(
  report: DeliveryReport,
  expected: ExpectedEmail[],
  s: Stack,
  { killedMidSend = false } = {},
) {
  const summary = {
    expected: report.expected,
    received: report.received,
    lost: report.lost.length,
    duplicated: report.duplicated.length,
    extraCopies: report.extraCopies,
    sink: s.sink.stats(),
  };
  expect(
    report.lost.map((l) => l.email),
    JSON.stringify(summary),
  ).toEqual([]);
  expect(report.misaddressed).toEqual([]);
  if (killedMidSend) {
    expect(report.extraCopies, JSON.stringify(summary)).toBeLessThanOrEqual(5);
    expect(s.sink.stats().duplicates, JSON.stringify(summary)).toBe(report.extraCopies);
  } else {
    expect(report.duplicated, JSON.stringify(summary)).toEqual([]);
    expect(s.sink.stats().duplicates, JSON.stringify(summary)).toBe(0);
  }
  // Per recipient, as a mailbox shows it (copies of one Message-ID are one message): exactly as
  // many messages as events that concern them.
  const due = new Map<string, number>();
  for (const e of expected) due.set(e.email, (due.get(e.email) ?? 0) + 1);
  const distinct = new Map<string, Set<string>>();
  for (const m of s.sink.received) {
    for (const to of m.to)
      distinct.set(to, (distinct.get(to) ?? new Set()).add(m.messageId ?? `none-${Math.random()}`));
  }
  const got = new Map([...distinct].map(([email, ids]) => [email, ids.size]));
  const wrong = [...new Set([...due.keys(), ...got.keys()])]
    .filter((email) => (due.get(email) ?? 0) !== (got.get(email) ?? 0))
    .map((email) => ({ email, due: due.get(email) ?? 0, got: got.get(email) ?? 0 }));
  expect(wrong, JSON.stringify(summary)).toEqual([]);
  expect(s.sink.received.length).toBe(expected.length + (killedMidSend ? report.extraCopies : 0));
}

function workerLog(proc: Proc) {
  return readFileSync(`${LOG_DIR}/${proc.name}.log`, 'utf8');
}

describe('worker processes and exactly-once email', () => {
  it('a worker SIGKILLed in the middle of a batch: every recipient still gets exactly one email', async () => {
    const s = await startStack({ name: 'kill-worker', workers: 2, webDist: false });
    stack = s;
    const USERS = 1000;
    await insertUsers(s.databaseUrl, { count: USERS, label: 'kill' });
    const { client } = await signInAdmin(s);
    const recipients = await verifiedUsers(s.databaseUrl);
    expect(recipients).toBeGreaterThanOrEqual(USERS);

    // Kill the first worker once a quarter of the emails has reached the sink: it is then
    // holding jobs in every step (claimed, rendering, on the SMTP wire, marking sent). The
    // moment is found by polling, so it falls anywhere in those steps.
    const victim = s.workers[0]!;
    const killAt = Math.floor(recipients / 4);
    const announcement = await announce(client, 'Kill a worker mid-batch');
    const receivedAtKill = await waitUntil(() => s.sink.received.length >= killAt && s.sink.received.length, {
      timeoutMs: 60_000,
      intervalMs: 20,
      describe: () => `${killAt} emails`,
    });
    victim.child.kill('SIGKILL');
    expect(await victim.exited).toBe('SIGKILL');
    const sentByVictim = sentByWorkerLog(workerLog(victim));
    const replacement = s.addWorker();

    const run = await waitForJobRun(client, announcement.jobRunId);
    expect(run.result).toMatchObject({ recipients });
    // The victim's unfinished jobs count as active until BullMQ finds them stalled (lock
    // expiry, ~30 s) and another worker runs them: wait for that, then a little more.
    await waitForQuiet(s, client);
    await sleep(1000);

    const expected = await expectedEmails(s.databaseUrl, `announcement:${announcement.id}:`);
    const report = deliveryReport(expected, s.sink.received);
    const byStatus = await deliveries(s.databaseUrl);
    console.log(
      JSON.stringify({
        test: 'kill-worker',
        recipients,
        receivedAtKill,
        sentByVictimBeforeKill: sentByVictim,
        sentByOthers: s.workers.filter((w) => w !== victim).map((w) => sentByWorkerLog(workerLog(w))),
        replacement: replacement.name,
        report: {
          expected: report.expected,
          received: report.received,
          lost: report.lost.length,
          duplicated: report.duplicated,
        },
        sink: s.sink.stats(),
        deliveries: byStatus,
      }),
    );
    expect(receivedAtKill).toBeLessThan(recipients); // the kill really was mid-batch
    expect(expected).toHaveLength(recipients);
    expectExactlyOnce(report, expected, s, { killedMidSend: true });
    expect(byStatus).toEqual({ SENT: { count: recipients, resent: expect.any(Number) } });
  });

  it('two workers started at once on a backlog of outbox rows: every recipient gets exactly one email per event', async () => {
    const s = await startStack({ name: 'two-workers', workers: 0, webDist: false });
    stack = s;
    const USERS = 300;
    await insertUsers(s.databaseUrl, { count: USERS, label: 'backlog' });
    const { client } = await signInAdmin(s);
    const ids = await withDb(s.databaseUrl, async (db) => {
      const { rows } = await db.query<{ id: string }>(`SELECT id FROM "User" WHERE email LIKE 'backlog-%'`);
      return rows.map((r) => r.id);
    });

    // With no worker running, the app builds up a backlog: a role change for each user (an
    // account email each, always sent) and an announcement to everyone (a fan-out job).
    for (let i = 0; i < ids.length; i += 10) {
      const batch = await Promise.all(
        ids.slice(i, i + 10).map((id) =>
          client.call(contract.admin.setRoles, {
            params: { id },
            body: {
              roles: [
                { role: 'RESEARCHER', programmeId: null },
                { role: 'REVIEWER', programmeId: null },
              ],
            },
          }),
        ),
      );
      expect(batch.map((r) => r.status)).toEqual(batch.map(() => 200));
    }
    const announcement = await announce(client, 'Two workers at once');
    const pending = await withDb(s.databaseUrl, async (db) => {
      const { rows } = await db.query<{ jobName: string; n: string }>(
        `SELECT "jobName", count(*) AS n FROM "OutboxMessage" WHERE status = 'PENDING' GROUP BY "jobName"`,
      );
      return Object.fromEntries(rows.map((r) => [r.jobName, Number(r.n)]));
    });
    expect(pending).toMatchObject({ 'notification.email': USERS, 'announcement.fanout': 1 });

    const workers = [s.addWorker(), s.addWorker()];
    await waitForJobRun(client, announcement.jobRunId);
    await waitForQuiet(s, client);
    await sleep(1000);

    const expected = [
      ...(await expectedEmails(s.databaseUrl, 'roles:')),
      ...(await expectedEmails(s.databaseUrl, `announcement:${announcement.id}:`)),
    ];
    const recipients = await verifiedUsers(s.databaseUrl);
    expect(expected).toHaveLength(USERS + recipients);
    const report = deliveryReport(expected, s.sink.received);
    const sent = workers.map((w) => sentByWorkerLog(workerLog(w)));
    console.log(
      JSON.stringify({ test: 'two-workers', expected: expected.length, sentPerWorker: sent, sink: s.sink.stats() }),
    );
    expectExactlyOnce(report, expected, s);
    // Both took part (the log lines of the last jobs may still be on their way to the file).
    expect(sent.every((n) => n > 0)).toBe(true);
  });
});
