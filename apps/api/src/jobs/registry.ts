import { z } from 'zod';

/**
 * Every background job: its queue and its payload schema. Payloads carry ids, never
 * secrets or copies of records; handlers re-read what they need.
 */
export const JOBS = {
  'email.verify': { queue: 'email', payload: z.object({ userId: z.uuid() }) },
  'email.passwordReset': { queue: 'email', payload: z.object({ userId: z.uuid() }) },
  'email.accountExists': { queue: 'email', payload: z.object({ userId: z.uuid() }) },
  'email.passwordChanged': { queue: 'email', payload: z.object({ userId: z.uuid() }) },
} as const;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOBS)[N]['payload']>;
export const QUEUES = [...new Set(Object.values(JOBS).map((job) => job.queue))];
export type QueueName = (typeof JOBS)[JobName]['queue'];

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOBS, name);
}

/** Attempts, backoff and retention, set in one place for every job. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 10000 },
  // Failed jobs are kept for admins to inspect and retry.
  removeOnFail: false,
} as const;
