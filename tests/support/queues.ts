import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { inject } from 'vitest';

/** Adds a job straight to one of the platform's queues, as the relay or the scheduler would. */
export async function addJob(queue: string, name: string, data: unknown, jobId?: string) {
  const connection = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  const q = new Queue(queue, { connection, prefix: inject('queuePrefix') });
  try {
    return await q.add(name, data, { ...(jobId ? { jobId } : {}), removeOnFail: false, attempts: 3 });
  } finally {
    await q.close();
    await connection.quit();
  }
}
