import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CONFIG, type Config } from '../config/config.js';
import { JobMetrics } from './job-metrics.js';
import { JobRunService } from './job-run.service.js';
import { JobsController } from './jobs.controller.js';
import { JobsAdminService } from './jobs-admin.service.js';
import { Queues } from './queues.js';

class QueuesCloser implements OnApplicationShutdown {
  constructor(@Inject(Queues) private readonly queues: Queues) {}
  onApplicationShutdown() {
    return this.queues.close();
  }
}

/** The queues (producer side), long-job runs and job metrics, shared by the API and the worker. */
@Global()
@Module({
  controllers: [JobsController],
  providers: [
    { provide: Queues, inject: [CONFIG], useFactory: (c: Config) => new Queues(c.REDIS_URL, c.QUEUE_PREFIX) },
    QueuesCloser,
    JobRunService,
    JobsAdminService,
    JobMetrics,
  ],
  exports: [Queues, JobRunService, JobsAdminService, JobMetrics],
})
export class JobsModule {}
