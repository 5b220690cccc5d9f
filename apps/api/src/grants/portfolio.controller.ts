import { contract } from '@kizuna/shared';
import { Controller, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { sendFile } from '../common/downloads.js';
import { Endpoint, In, type InputOf } from '../common/endpoint.js';
import { Ctx, type RequestContext } from '../common/request-context.js';
import { PortfolioService } from './portfolio.service.js';

const c = contract.grants;

/**
 * The managers' portfolio dashboard and exports. Registered before GrantsController: /grants/portfolio and
 * /grants/export must be matched before /grants/:id.
 */
@Controller()
export class PortfolioController {
  constructor(@Inject(PortfolioService) private readonly portfolio: PortfolioService) {}

  @Endpoint(c.portfolio)
  get(@In() input: InputOf<typeof c.portfolio>, @Ctx() ctx: RequestContext) {
    return this.portfolio.portfolio(ctx, input.query);
  }

  @Endpoint(c.export)
  async export(@In() input: InputOf<typeof c.export>, @Ctx() ctx: RequestContext, @Res() res: Response) {
    const { dataset, format, ...filters } = input.query;
    sendFile(res, await this.portfolio.export(ctx, filters, dataset, format));
  }
}
