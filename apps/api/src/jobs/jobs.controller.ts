import { contract } from '@kizuna/shared';
import { Controller, Inject } from '@nestjs/common';
import { AppError } from '../common/app-error.js';
import { Endpoint, In, type InputOf } from '../common/endpoint.js';
import { Ctx, type RequestContext } from '../common/request-context.js';
import { JobRunService } from './job-run.service.js';
import { JobsAdminService } from './jobs-admin.service.js';

const c = contract.jobs;

@Controller()
export class JobsController {
  constructor(
    @Inject(JobRunService) private readonly runs: JobRunService,
    @Inject(JobsAdminService) private readonly admin: JobsAdminService,
  ) {}

  @Endpoint(c.getRun)
  getRun(@In() input: InputOf<typeof c.getRun>, @Ctx() ctx: RequestContext) {
    if (!ctx.actor) throw new AppError('unauthenticated');
    return this.runs.get(input.params.id, ctx.actor);
  }

  @Endpoint(c.queues)
  queues() {
    return this.admin.stats();
  }

  @Endpoint(c.failed)
  failed(@In() input: InputOf<typeof c.failed>) {
    return this.admin.failed(input.query.page, input.query.pageSize);
  }

  @Endpoint(c.retry)
  retry(@In() input: InputOf<typeof c.retry>, @Ctx() ctx: RequestContext) {
    return this.admin.retry(input.params.queue, input.params.id, ctx);
  }
}
