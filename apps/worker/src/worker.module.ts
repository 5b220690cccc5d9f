import { LoggerModule } from '@kizuna/api/common/logger';
import { CONFIG, type Config } from '@kizuna/api/config/config';
import { ConfigModule } from '@kizuna/api/config/config.module';
import { DatabaseModule } from '@kizuna/api/infra/prisma.service';
import { RedisModule } from '@kizuna/api/infra/redis.module';
import { JOB_HANDLERS, type JobHandlers } from '@kizuna/api/jobs/handlers';
import { Queues } from '@kizuna/api/jobs/queues';
import { AccountEmailsHandler } from '@kizuna/api/mail/account-emails.handler';
import { MailModule } from '@kizuna/api/mail/mail.module';
import { OutboxRelay } from '@kizuna/api/outbox/outbox-relay';
import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { JobRunner } from './job-runner.js';

class QueuesCloser implements OnApplicationShutdown {
  constructor(@Inject(Queues) private readonly queues: Queues) {}
  onApplicationShutdown() {
    return this.queues.close();
  }
}

/** The worker process: the outbox relay and the BullMQ processors, reusing the API's feature modules. */
@Module({})
export class WorkerModule {
  static forRoot(config: Config, logger: Logger): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), LoggerModule.forRoot(logger), DatabaseModule, RedisModule, MailModule],
      providers: [
        {
          provide: Queues,
          inject: [CONFIG],
          useFactory: (c: Config) => new Queues(c.REDIS_URL, c.QUEUE_PREFIX),
        },
        QueuesCloser,
        OutboxRelay,
        {
          provide: JOB_HANDLERS,
          inject: [AccountEmailsHandler],
          useFactory: (emails: AccountEmailsHandler): JobHandlers => ({
            'email.verify': (p, ctx) => emails.handle('email.verify', p, ctx.jobId),
            'email.passwordReset': (p, ctx) => emails.handle('email.passwordReset', p, ctx.jobId),
            'email.accountExists': (p, ctx) => emails.handle('email.accountExists', p, ctx.jobId),
            'email.passwordChanged': (p, ctx) => emails.handle('email.passwordChanged', p, ctx.jobId),
          }),
        },
        JobRunner,
      ],
    };
  }
}
