// A job whose payload does not match the registry fails at once (no retries), lands in the
// failed list for admins, and does not hold up the jobs behind it.
import { DEFAULT_JOB_OPTIONS } from '@kizuna/api/jobs/registry';
import { contract } from '@kizuna/shared';
import { type Job, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { signInAdmin } from '../support/own-stack.js';
import { dropQueueKeys, insertUsers, waitUntil, withDb } from '../support/platform.js';
import { type Stack, startStack } from '../support/stack.js';

let stack: Stack | undefined;
const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  if (!stack) return;
  await stack.stop();
  await dropQueueKeys(stack.redisUrl, stack.queuePrefix);
  stack = undefined;
});

type FailedPage = {
  items: { queue: string; id: string; name: string; data: unknown; failedReason: string; attemptsMade: number }[];
  total: number;
};

describe('poison payload', () => {
  it('fails after one attempt, is listed for admins, does not block the queue, and a retry is audited', async () => {
    const s = await startStack({ name: 'poison', workers: 1, webDist: false });
    stack = s;
    const { admin, client } = await signInAdmin(s);
    await insertUsers(s.databaseUrl, { count: 1, label: 'poison' });
    const target = await withDb(s.databaseUrl, async (db) => {
      const { rows } = await db.query<{ id: string; email: string }>(
        `SELECT id, email FROM "User" WHERE email = 'poison-1@example.test'`,
      );
      return rows[0]!;
    });

    const connection = new Redis(s.redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue('notifications', {
      connection,
      prefix: s.queuePrefix,
      defaultJobOptions: DEFAULT_JOB_OPTIONS,
    });
    cleanups.push(async () => {
      await queue.close();
      await connection.quit();
    });
    // The poison job, with the same attempts and backoff as every job, then a valid notification.
    const poison = await queue.add('notification.email', { notificationId: 'not-a-uuid' });
    const changed = await client.call(contract.admin.setRoles, {
      params: { id: target.id },
      body: { roles: [{ role: 'REVIEWER', programmeId: null }] },
    });
    expect(changed.status).toBe(200);

    await waitUntil(() => s.sink.received.some((m) => m.to.includes(target.email)), {
      timeoutMs: 30_000,
      describe: () => 'the valid email behind the poison job',
    });
    const failedJob = async () => {
      const job = (await queue.getJob(poison.id!)) as Job;
      return (await job.getState()) === 'failed' ? job : undefined;
    };
    const failed = await waitUntil(failedJob, { timeoutMs: 10_000, describe: () => 'the poison job to fail' });
    expect(failed.opts.attempts).toBe(DEFAULT_JOB_OPTIONS.attempts);
    expect(failed.attemptsMade).toBe(1);
    expect(failed.failedReason).toMatch(/Invalid payload for notification\.email/);

    const list = await client.call(contract.jobs.failed, { query: { page: '1', pageSize: '20' } });
    expect(list.status).toBe(200);
    const page = list.json as FailedPage;
    expect(page.total).toBe(1);
    expect(page.items).toEqual([
      expect.objectContaining({
        queue: 'notifications',
        id: poison.id,
        name: 'notification.email',
        data: { notificationId: 'not-a-uuid' },
        attemptsMade: 1,
        failedReason: expect.stringMatching(/Invalid payload/),
      }),
    ]);

    const retried = await client.call(contract.jobs.retry, { params: { queue: 'notifications', id: poison.id! } });
    expect(retried.status).toBe(200);
    expect(retried.json).toEqual({ status: 'retried' });
    const audit = await withDb(s.databaseUrl, async (db) => {
      const { rows } = await db.query<{ actorId: string; action: string; data: unknown }>(
        `SELECT "actorId", action, data FROM "AuditEvent" WHERE "entityType" = 'Job' AND "entityId" = $1`,
        [`notifications/${poison.id}`],
      );
      return rows;
    });
    expect(audit).toEqual([{ actorId: admin.id, action: 'job.retried', data: { name: 'notification.email' } }]);

    // It fails again at once (one more attempt, not eight), and is back in the list.
    const again = await waitUntil(
      async () => {
        const job = await failedJob();
        return job && job.attemptsMade > 1 ? job : undefined;
      },
      { timeoutMs: 10_000, describe: () => 'the retried poison job to fail again' },
    );
    expect(again.attemptsMade).toBe(2);
    const relisted = (await client.call(contract.jobs.failed)).json as FailedPage;
    expect(relisted.items.map((j) => j.id)).toEqual([poison.id]);
    // The valid email went out once.
    expect(s.sink.received.filter((m) => m.to.includes(target.email))).toHaveLength(1);
  });
});
