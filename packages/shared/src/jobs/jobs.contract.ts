import { z } from 'zod';
import { defineOperation } from '../contract/operation.js';
import { PageQuerySchema, pageOf } from '../contract/pagination.js';

export const JobRunStatusSchema = z.enum(['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED']);

/** A long job's state, for a progress bar. */
export const JobRunSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  status: JobRunStatusSchema,
  progress: z.number().int().min(0).max(100),
  total: z.number().int().nullable(),
  done: z.number().int(),
  result: z.unknown().nullable(),
  error: z.string().nullable(),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
});
export type JobRun = z.infer<typeof JobRunSchema>;

export const FailedJobSchema = z.object({
  queue: z.string(),
  id: z.string(),
  name: z.string(),
  data: z.unknown(),
  failedReason: z.string(),
  attemptsMade: z.number().int(),
  failedAt: z.iso.datetime().nullable(),
});

export const QueueStatsSchema = z.object({
  queue: z.string(),
  waiting: z.number().int(),
  active: z.number().int(),
  delayed: z.number().int(),
  failed: z.number().int(),
  completed: z.number().int(),
});

export const jobsContract = {
  getRun: defineOperation({
    id: 'jobs.getRun',
    method: 'GET',
    path: '/job-runs/:id',
    tag: 'jobs',
    summary: 'Progress and outcome of a long job you started (admins see all).',
    auth: 'session',
    params: z.object({ id: z.uuid() }),
    response: JobRunSchema,
  }),
  queues: defineOperation({
    id: 'jobs.queues',
    method: 'GET',
    path: '/admin/jobs/queues',
    tag: 'admin',
    summary: 'Depth of each queue.',
    auth: ['ADMIN'],
    response: z.array(QueueStatsSchema),
  }),
  failed: defineOperation({
    id: 'jobs.failed',
    method: 'GET',
    path: '/admin/jobs/failed',
    tag: 'admin',
    summary: 'Jobs that failed after their last attempt, newest first; kept until retried.',
    auth: ['ADMIN'],
    query: PageQuerySchema,
    response: pageOf(FailedJobSchema),
  }),
  retry: defineOperation({
    id: 'jobs.retry',
    method: 'POST',
    path: '/admin/jobs/failed/:queue/:id/retry',
    tag: 'admin',
    summary: 'Run a failed job again. Audited.',
    auth: ['ADMIN'],
    params: z.object({ queue: z.string().min(1).max(64), id: z.string().min(1).max(200) }),
    response: z.object({ status: z.literal('retried') }),
  }),
} as const;
