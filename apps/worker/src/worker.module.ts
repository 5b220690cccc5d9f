import { AnnouncementsModule } from '@kizuna/api/announcements/announcements.module';
import { AuditModule } from '@kizuna/api/audit/audit.module';
import { CallsModule } from '@kizuna/api/calls/calls.module';
import { LoggerModule } from '@kizuna/api/common/logger';
import type { Config } from '@kizuna/api/config/config';
import { ConfigModule } from '@kizuna/api/config/config.module';
import { GrantsModule } from '@kizuna/api/grants/grants.module';
import { DatabaseModule } from '@kizuna/api/infra/prisma.service';
import { RedisModule } from '@kizuna/api/infra/redis.module';
import { JOB_HANDLERS } from '@kizuna/api/jobs/handlers';
import { JobsModule } from '@kizuna/api/jobs/jobs.module';
import { LiveModule } from '@kizuna/api/live/live.module';
import { MailModule } from '@kizuna/api/mail/mail.module';
import { NotificationEmailsHandler } from '@kizuna/api/notifications/notification-emails.handler';
import { NotificationsModule } from '@kizuna/api/notifications/notifications.module';
import { OutboxModule } from '@kizuna/api/outbox/outbox.module';
import { OutboxRelay } from '@kizuna/api/outbox/outbox-relay';
import { ProposalsModule } from '@kizuna/api/proposals/proposals.module';
import { ReviewsModule } from '@kizuna/api/reviews/reviews.module';
import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { JobHandlersRegistry } from './job-handlers.js';
import { JobRunner } from './job-runner.js';
import { Scheduler } from './scheduler.js';

/** The worker process: the outbox relay and the BullMQ processors, reusing the API's feature modules. */
@Module({})
export class WorkerModule {
  static forRoot(config: Config, logger: Logger): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(logger),
        DatabaseModule,
        RedisModule,
        AuditModule,
        OutboxModule,
        LiveModule,
        JobsModule,
        MailModule,
        NotificationsModule,
        AnnouncementsModule,
        CallsModule,
        ProposalsModule,
        ReviewsModule,
        GrantsModule,
      ],
      providers: [
        NotificationEmailsHandler,
        OutboxRelay,
        JobHandlersRegistry,
        { provide: JOB_HANDLERS, inject: [JobHandlersRegistry], useFactory: (r: JobHandlersRegistry) => r.handlers },
        JobRunner,
        Scheduler,
      ],
    };
  }
}
