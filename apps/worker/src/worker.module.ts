import { AnnouncementsModule } from '@kizuna/api/announcements/announcements.module';
import { AnnouncementsService } from '@kizuna/api/announcements/announcements.service';
import { AuditModule } from '@kizuna/api/audit/audit.module';
import { CallsModule } from '@kizuna/api/calls/calls.module';
import { CallsService } from '@kizuna/api/calls/calls.service';
import { LoggerModule } from '@kizuna/api/common/logger';
import type { Config } from '@kizuna/api/config/config';
import { ConfigModule } from '@kizuna/api/config/config.module';
import { DatabaseModule } from '@kizuna/api/infra/prisma.service';
import { RedisModule } from '@kizuna/api/infra/redis.module';
import { JOB_HANDLERS, type JobHandlers } from '@kizuna/api/jobs/handlers';
import { JobsModule } from '@kizuna/api/jobs/jobs.module';
import { Queues } from '@kizuna/api/jobs/queues';
import { LiveModule } from '@kizuna/api/live/live.module';
import { AccountEmailsHandler } from '@kizuna/api/mail/account-emails.handler';
import { MailModule } from '@kizuna/api/mail/mail.module';
import { NotificationService } from '@kizuna/api/notifications/notification.service';
import { NotificationEmailsHandler } from '@kizuna/api/notifications/notification-emails.handler';
import { NotificationsModule } from '@kizuna/api/notifications/notifications.module';
import { OutboxModule } from '@kizuna/api/outbox/outbox.module';
import { OutboxRelay } from '@kizuna/api/outbox/outbox-relay';
import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
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
      ],
      providers: [
        NotificationEmailsHandler,
        OutboxRelay,
        {
          provide: JOB_HANDLERS,
          inject: [
            AccountEmailsHandler,
            NotificationEmailsHandler,
            NotificationService,
            AnnouncementsService,
            CallsService,
            Queues,
          ],
          useFactory: (
            account: AccountEmailsHandler,
            emails: NotificationEmailsHandler,
            notifications: NotificationService,
            announcements: AnnouncementsService,
            calls: CallsService,
            queues: Queues,
          ): JobHandlers => ({
            'email.verify': (p, ctx) => account.handle('email.verify', p, ctx.jobId),
            'email.passwordReset': (p, ctx) => account.handle('email.passwordReset', p, ctx.jobId),
            'email.accountExists': (p, ctx) => account.handle('email.accountExists', p, ctx.jobId),
            'email.passwordChanged': (p, ctx) => account.handle('email.passwordChanged', p, ctx.jobId),
            'notification.email': (p) => emails.sendNotification(p.notificationId),
            'inbox.push': (p) => notifications.pushUnreadMany(p.userIds),
            'digest.tick': async () => {
              const due = await emails.dueDigests();
              await queues
                .get('notifications')
                .addBulk(
                  due.map((d) => ({ name: 'digest.send', data: d, opts: { jobId: `digest-${d.userId}-${d.day}` } })),
                );
              return { queued: due.length };
            },
            'digest.send': (p) => emails.sendDigest(p.userId, p.day),
            'announcement.fanout': (p, ctx) => announcements.fanOut(p.announcementId, p.jobRunId, ctx),
            'call.open': (p) => calls.transition(p.callId, 'OPEN'),
            'call.close': (p) => calls.transition(p.callId, 'CLOSED'),
            'calls.tick': () => calls.overdueTransitions(),
          }),
        },
        JobRunner,
        Scheduler,
      ],
    };
  }
}
