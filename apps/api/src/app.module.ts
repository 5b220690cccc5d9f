import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Logger } from 'pino';
import { AdminModule } from './admin/admin.module.js';
import { AnnouncementsModule } from './announcements/announcements.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CallsModule } from './calls/calls.module.js';
import { LoggerModule } from './common/logger.js';
import { ProblemFilter } from './common/problem.filter.js';
import type { Config } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { GrantsModule } from './grants/grants.module.js';
import { HealthModule } from './health/health.controller.js';
import { DatabaseModule } from './infra/prisma.service.js';
import { RedisModule } from './infra/redis.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { LiveModule } from './live/live.module.js';
import { MetricsModule } from './metrics/metrics.controller.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { OutboxModule } from './outbox/outbox.module.js';
import { ProposalsModule } from './proposals/proposals.module.js';
import { ReferenceModule } from './reference/reference.controller.js';
import { ReviewsModule } from './reviews/reviews.module.js';

@Module({})
export class AppModule {
  static forRoot(config: Config, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(logger),
        DatabaseModule,
        RedisModule,
        AuditModule,
        OutboxModule,
        LiveModule,
        JobsModule,
        NotificationsModule,
        AuthModule,
        AdminModule,
        AnnouncementsModule,
        CallsModule,
        ProposalsModule,
        ReviewsModule,
        GrantsModule,
        MetricsModule,
        ReferenceModule,
        HealthModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
    };
  }
}
