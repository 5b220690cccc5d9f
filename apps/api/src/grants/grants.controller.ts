import { contract } from '@kizuna/shared';
import { Controller, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { sendFile, sendStream } from '../common/downloads.js';
import { Endpoint, In, type InputOf } from '../common/endpoint.js';
import { Ctx, type RequestContext } from '../common/request-context.js';
import { AmendmentsService } from './amendments.service.js';
import { GrantsService } from './grants.service.js';
import { MilestonesService } from './milestones.service.js';
import { ReportsService } from './reports.service.js';
import { TranchesService } from './tranches.service.js';

const c = contract.grants;

/** Grants: award, agreement, states, milestones, reports, tranches and amendments. Rules live in the services. */
@Controller()
export class GrantsController {
  constructor(
    @Inject(GrantsService) private readonly grants: GrantsService,
    @Inject(MilestonesService) private readonly milestones: MilestonesService,
    @Inject(ReportsService) private readonly reports: ReportsService,
    @Inject(TranchesService) private readonly tranches: TranchesService,
    @Inject(AmendmentsService) private readonly amendments: AmendmentsService,
  ) {}

  @Endpoint(c.award)
  award(@In() input: InputOf<typeof c.award>, @Ctx() ctx: RequestContext) {
    return this.grants.award(ctx, input.params.id, input.body);
  }

  @Endpoint(c.list)
  list(@In() input: InputOf<typeof c.list>, @Ctx() ctx: RequestContext) {
    return this.grants.list(ctx, input.query);
  }

  @Endpoint(c.get)
  get(@In() input: InputOf<typeof c.get>, @Ctx() ctx: RequestContext) {
    return this.grants.get(ctx, input.params.id);
  }

  @Endpoint(c.history)
  history(@In() input: InputOf<typeof c.history>, @Ctx() ctx: RequestContext) {
    return this.grants.history(ctx, input.params.id);
  }

  @Endpoint(c.agreement)
  async agreement(@In() input: InputOf<typeof c.agreement>, @Ctx() ctx: RequestContext, @Res() res: Response) {
    sendFile(res, await this.grants.agreement(ctx, input.params.id));
  }

  @Endpoint(c.acknowledge)
  acknowledge(@In() input: InputOf<typeof c.acknowledge>, @Ctx() ctx: RequestContext) {
    return this.grants.acknowledge(ctx, input.params.id, input.body.version);
  }

  @Endpoint(c.suspend)
  suspend(@In() input: InputOf<typeof c.suspend>, @Ctx() ctx: RequestContext) {
    return this.grants.suspend(ctx, input.params.id, input.body.reason);
  }

  @Endpoint(c.resume)
  resume(@In() input: InputOf<typeof c.resume>, @Ctx() ctx: RequestContext) {
    return this.grants.resume(ctx, input.params.id, input.body.reason);
  }

  @Endpoint(c.markFinalReportDue)
  markFinalReportDue(@In() input: InputOf<typeof c.markFinalReportDue>, @Ctx() ctx: RequestContext) {
    return this.grants.markFinalReportDue(ctx, input.params.id);
  }

  @Endpoint(c.close)
  close(@In() input: InputOf<typeof c.close>, @Ctx() ctx: RequestContext) {
    return this.grants.close(ctx, input.params.id);
  }

  @Endpoint(c.submitMilestone)
  submitMilestone(@In() input: InputOf<typeof c.submitMilestone>, @Ctx() ctx: RequestContext) {
    return this.milestones.submit(ctx, input.params.id, input.body);
  }

  @Endpoint(c.uploadMilestoneFile)
  uploadMilestoneFile(
    @In() input: InputOf<typeof c.uploadMilestoneFile>,
    @Ctx() ctx: RequestContext,
    @Req() req: Request,
  ) {
    const data = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    return this.milestones.addFile(ctx, input.params.id, data, req.get('x-file-name'));
  }

  @Endpoint(c.downloadMilestoneFile)
  async downloadMilestoneFile(
    @In() input: InputOf<typeof c.downloadMilestoneFile>,
    @Ctx() ctx: RequestContext,
    @Res() res: Response,
  ) {
    const { attachment, stream } = await this.milestones.file(ctx, input.params.id, input.params.fileId);
    await sendStream(res, attachment, stream);
  }

  @Endpoint(c.deleteMilestoneFile)
  deleteMilestoneFile(@In() input: InputOf<typeof c.deleteMilestoneFile>, @Ctx() ctx: RequestContext) {
    return this.milestones.removeFile(ctx, input.params.id, input.params.fileId);
  }

  @Endpoint(c.reviewMilestone)
  reviewMilestone(@In() input: InputOf<typeof c.reviewMilestone>, @Ctx() ctx: RequestContext) {
    return this.milestones.review(ctx, input.params.id, input.body);
  }

  @Endpoint(c.report)
  report(@In() input: InputOf<typeof c.report>, @Ctx() ctx: RequestContext) {
    return this.reports.get(ctx, input.params.id);
  }

  @Endpoint(c.saveReport)
  saveReport(@In() input: InputOf<typeof c.saveReport>, @Ctx() ctx: RequestContext) {
    return this.reports.save(ctx, input.params.id, input.body);
  }

  @Endpoint(c.submitReport)
  submitReport(@In() input: InputOf<typeof c.submitReport>, @Ctx() ctx: RequestContext) {
    return this.reports.submit(ctx, input.params.id, input.body.version);
  }

  @Endpoint(c.reviewReport)
  reviewReport(@In() input: InputOf<typeof c.reviewReport>, @Ctx() ctx: RequestContext) {
    return this.reports.review(ctx, input.params.id, input.body);
  }

  @Endpoint(c.createTranche)
  createTranche(@In() input: InputOf<typeof c.createTranche>, @Ctx() ctx: RequestContext) {
    return this.tranches.create(ctx, input.params.id, input.body);
  }

  @Endpoint(c.releaseTranche)
  releaseTranche(@In() input: InputOf<typeof c.releaseTranche>, @Ctx() ctx: RequestContext) {
    return this.tranches.release(ctx, input.params.id, input.body);
  }

  @Endpoint(c.cancelTranche)
  cancelTranche(@In() input: InputOf<typeof c.cancelTranche>, @Ctx() ctx: RequestContext) {
    return this.tranches.cancel(ctx, input.params.id);
  }

  @Endpoint(c.requestAmendment)
  requestAmendment(@In() input: InputOf<typeof c.requestAmendment>, @Ctx() ctx: RequestContext) {
    return this.amendments.request(ctx, input.params.id, input.body);
  }

  @Endpoint(c.decideAmendment)
  decideAmendment(@In() input: InputOf<typeof c.decideAmendment>, @Ctx() ctx: RequestContext) {
    return this.amendments.decide(ctx, input.params.id, input.body);
  }
}
