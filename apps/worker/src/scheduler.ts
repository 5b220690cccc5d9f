import { LOGGER } from '@kizuna/api/common/logger';
import { Queues } from '@kizuna/api/jobs/queues';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';

/** Repeatable jobs. Upserting a job scheduler is idempotent, so every worker copy may do it at start. */
export const SCHEDULES = [
  { id: 'digest.tick', queue: 'reminders', name: 'digest.tick', pattern: '0 * * * *' },
  { id: 'reviews.tick', queue: 'reminders', name: 'reviews.tick', pattern: '5 * * * *' },
] as const;

@Injectable()
export class Scheduler implements OnApplicationBootstrap {
  constructor(
    @Inject(Queues) private readonly queues: Queues,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap() {
    try {
      await this.queues.ready();
      for (const s of SCHEDULES) {
        await this.queues
          .get(s.queue)
          .upsertJobScheduler(s.id, { pattern: s.pattern, tz: 'UTC' }, { name: s.name, data: {} });
      }
    } catch (err) {
      // Not fatal: another worker copy, or this one's next start, sets them up.
      this.logger.warn({ err }, 'could not set up repeatable jobs');
    }
  }
}
