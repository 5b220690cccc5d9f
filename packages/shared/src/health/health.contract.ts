import { z } from 'zod';
import { defineOperation } from '../contract/operation.js';

export const HealthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  checks: z.record(z.string(), z.object({ status: z.enum(['ok', 'unavailable']), error: z.string().optional() })),
});

export const healthContract = {
  live: defineOperation({
    id: 'health.live',
    method: 'GET',
    path: '/health/live',
    tag: 'health',
    summary: 'The process is up.',
    auth: 'public',
    response: HealthSchema,
  }),
  ready: defineOperation({
    id: 'health.ready',
    method: 'GET',
    path: '/health/ready',
    tag: 'health',
    summary: 'PostgreSQL and Redis answer; 503 otherwise.',
    auth: 'public',
    response: HealthSchema,
  }),
  metrics: defineOperation({
    id: 'health.metrics',
    method: 'GET',
    path: '/metrics',
    tag: 'health',
    summary:
      'Prometheus metrics (text format): queue depth, job latency, outbox backlog, process. Needs `Authorization: Bearer <METRICS_TOKEN>` when that is configured; otherwise answers loopback clients only.',
    auth: 'public',
  }),
} as const;
