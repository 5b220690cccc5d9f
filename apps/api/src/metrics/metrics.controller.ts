import { timingSafeEqual } from 'node:crypto';
import { contract } from '@kizuna/shared';
import { Controller, Inject, Module, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { AppError } from '../common/app-error.js';
import { Endpoint } from '../common/endpoint.js';
import { CONFIG, type Config } from '../config/config.js';
import { PRISMA, type Prisma } from '../infra/prisma.service.js';
import { JobMetrics } from '../jobs/job-metrics.js';
import { JobsAdminService } from '../jobs/jobs-admin.service.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

@Controller()
export class MetricsController {
  private readonly registry = new Registry();

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(JobsAdminService) jobs: JobsAdminService,
    @Inject(JobMetrics) private readonly jobMetrics: JobMetrics,
    @Inject(PRISMA) prisma: Prisma,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'kizuna_api_' });
    new Gauge({
      name: 'kizuna_queue_jobs',
      help: 'Jobs per queue and state.',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        for (const s of await jobs.stats()) {
          for (const state of ['waiting', 'active', 'delayed', 'failed', 'completed'] as const) {
            this.set({ queue: s.queue, state }, s[state]);
          }
        }
      },
    });
    new Gauge({
      name: 'kizuna_outbox_pending',
      help: 'Outbox messages not yet relayed to the queues.',
      registers: [this.registry],
      async collect() {
        this.set(await prisma.outboxMessage.count({ where: { status: 'PENDING' } }));
      },
    });
  }

  private allowed(req: Request): boolean {
    const token = this.config.METRICS_TOKEN;
    if (!token) return LOOPBACK.has(req.socket.remoteAddress ?? '');
    const given = Buffer.from(req.get('authorization') ?? '');
    const expected = Buffer.from(`Bearer ${token}`);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  @Endpoint(contract.health.metrics)
  async metrics(@Req() req: Request, @Res() res: Response) {
    if (!this.allowed(req)) throw new AppError('forbidden', 'Metrics are not public');
    const body = (await this.registry.metrics()) + (await this.jobMetrics.render());
    res.status(200).type(this.registry.contentType).send(body);
  }
}

@Module({ controllers: [MetricsController] })
export class MetricsModule {}
