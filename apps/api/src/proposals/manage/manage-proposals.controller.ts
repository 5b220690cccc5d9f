import { contract } from '@kizuna/shared';
import { Controller, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { sendFile } from '../../common/downloads.js';
import { Endpoint, In, type InputOf } from '../../common/endpoint.js';
import { Ctx, type RequestContext } from '../../common/request-context.js';
import { ManageProposalsService } from './manage-proposals.service.js';

const c = contract.manageProposals;

@Controller()
export class ManageProposalsController {
  constructor(@Inject(ManageProposalsService) private readonly manage: ManageProposalsService) {}

  @Endpoint(c.list)
  list(@In() input: InputOf<typeof c.list>, @Ctx() ctx: RequestContext) {
    return this.manage.list(ctx, input.query);
  }

  @Endpoint(c.stats)
  stats(@In() input: InputOf<typeof c.stats>, @Ctx() ctx: RequestContext) {
    return this.manage.stats(ctx, input.query);
  }

  @Endpoint(c.export)
  async export(@In() input: InputOf<typeof c.export>, @Ctx() ctx: RequestContext, @Res() res: Response) {
    const { format, ...filters } = input.query;
    const file = await this.manage.export(ctx, filters, format);
    sendFile(res, file);
  }

  @Endpoint(c.runEligibility)
  runEligibility(@In() input: InputOf<typeof c.runEligibility>, @Ctx() ctx: RequestContext) {
    return this.manage.startEligibilityRun(ctx, input.params.id);
  }

  @Endpoint(c.overrideEligibility)
  overrideEligibility(@In() input: InputOf<typeof c.overrideEligibility>, @Ctx() ctx: RequestContext) {
    return this.manage.override(ctx, input.params.id, input.body.verdict, input.body.reason);
  }
}
