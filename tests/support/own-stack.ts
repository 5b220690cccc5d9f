// For tests that start a platform of their own (startStack): an admin signed in over HTTP,
// and the admin endpoints they need to watch it settle.
import { hashPassword } from '@kizuna/db';
import { contract, type JobRun } from '@kizuna/shared';
import { ApiClient } from './client.js';
import { uniqueEmail } from './factory.js';
import { insertAdmin, waitUntil, withDb } from './platform.js';
import type { Stack } from './stack.js';

export const ADMIN_PASSWORD = 'correct horse battery staple';
let adminHash: Promise<string> | undefined;

/** Hashes the test password once per test file (argon2 is slow on purpose). */
export function passwordHash() {
  adminHash ??= hashPassword(ADMIN_PASSWORD);
  return adminHash;
}

/** A new admin made in the stack's database, signed in over HTTP (login needs Redis: do it while Redis is up). */
export async function signInAdmin(stack: Stack) {
  const admin = await insertAdmin(stack.databaseUrl, uniqueEmail('admin'), await passwordHash());
  const client = new ApiClient(stack.apiUrl);
  const res = await client.call(contract.auth.login, { body: { email: admin.email, password: ADMIN_PASSWORD } });
  if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${res.text}`);
  return { admin, client };
}

export async function jobRun(client: ApiClient, id: string): Promise<JobRun> {
  const res = await client.call(contract.jobs.getRun, { params: { id } });
  if (res.status !== 200) throw new Error(`GET job run ${id}: ${res.status} ${res.text}`);
  return res.json as JobRun;
}

export async function waitForJobRun(client: ApiClient, id: string, timeoutMs = 180_000): Promise<JobRun> {
  let last: JobRun | undefined;
  return waitUntil(
    async () => {
      last = await jobRun(client, id);
      if (last.status === 'FAILED') throw new Error(`job run ${id} failed: ${last.error}`);
      return last.status === 'SUCCEEDED' ? last : undefined;
    },
    { timeoutMs, intervalMs: 250, describe: () => `job run ${id} to succeed (last: ${JSON.stringify(last)})` },
  );
}

type QueueStats = { queue: string; waiting: number; active: number; delayed: number; failed: number };

/**
 * Waits until nothing is left to do: no outbox row pending, and no queue with a waiting, active or
 * delayed job (a killed worker's active jobs count until BullMQ finds them stalled and runs them again).
 */
export async function waitForQuiet(stack: Stack, client: ApiClient, timeoutMs = 180_000) {
  let last: unknown;
  return waitUntil(
    async () => {
      const pending = await withDb(stack.databaseUrl, async (db) => {
        const { rows } = await db.query<{ n: string }>(
          `SELECT count(*) AS n FROM "OutboxMessage" WHERE status = 'PENDING'`,
        );
        return Number(rows[0]!.n);
      });
      const res = await client.call(contract.jobs.queues);
      const queues = res.json as QueueStats[];
      last = { pending, queues };
      // The hourly digest tick always waits as a delayed job in 'reminders'.
      const busy =
        pending > 0 || queues.some((q) => q.waiting + q.active > 0 || (q.queue !== 'reminders' && q.delayed > 0));
      return busy ? undefined : queues;
    },
    { timeoutMs, intervalMs: 500, describe: () => `the platform to go quiet (last: ${JSON.stringify(last)})` },
  );
}
