import { contract } from '@kizuna/shared';
import { Controller, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { sendStream } from '../common/downloads.js';
import { Endpoint, In, type InputOf } from '../common/endpoint.js';
import { Ctx, type RequestContext } from '../common/request-context.js';
import { AttachmentsService } from './attachments.service.js';
import { CommentsService } from './comments.service.js';
import { ProposalsService } from './proposals.service.js';

const c = contract.proposals;

@Controller()
export class ProposalsController {
  constructor(
    @Inject(ProposalsService) private readonly proposals: ProposalsService,
    @Inject(AttachmentsService) private readonly attachments: AttachmentsService,
    @Inject(CommentsService) private readonly sectionComments: CommentsService,
  ) {}

  @Endpoint(c.create)
  create(@In() input: InputOf<typeof c.create>, @Ctx() ctx: RequestContext) {
    return this.proposals.create(ctx, input.body);
  }

  @Endpoint(c.listMine)
  listMine(@Ctx() ctx: RequestContext) {
    return this.proposals.listMine(ctx);
  }

  @Endpoint(c.get)
  get(@In() input: InputOf<typeof c.get>, @Ctx() ctx: RequestContext) {
    return this.proposals.get(ctx, input.params.id);
  }

  @Endpoint(c.update)
  update(@In() input: InputOf<typeof c.update>, @Ctx() ctx: RequestContext) {
    return this.proposals.update(ctx, input.params.id, input.body);
  }

  @Endpoint(c.updateSection)
  updateSection(@In() input: InputOf<typeof c.updateSection>, @Ctx() ctx: RequestContext) {
    return this.proposals.updateSection(ctx, input.params.id, input.params.key, input.body.content, input.body.version);
  }

  @Endpoint(c.comments)
  comments(@In() input: InputOf<typeof c.comments>, @Ctx() ctx: RequestContext) {
    return this.sectionComments.list(ctx, input.params.id, input.params.key);
  }

  @Endpoint(c.addComment)
  addComment(@In() input: InputOf<typeof c.addComment>, @Ctx() ctx: RequestContext) {
    return this.sectionComments.add(ctx, input.params.id, input.params.key, input.body.body);
  }

  @Endpoint(c.resolveComment)
  resolveComment(@In() input: InputOf<typeof c.resolveComment>, @Ctx() ctx: RequestContext) {
    return this.sectionComments.resolve(ctx, input.params.id, input.params.commentId);
  }

  @Endpoint(c.budget)
  budget(@In() input: InputOf<typeof c.budget>, @Ctx() ctx: RequestContext) {
    return this.proposals.budget(ctx, input.params.id);
  }

  @Endpoint(c.setBudget)
  setBudget(@In() input: InputOf<typeof c.setBudget>, @Ctx() ctx: RequestContext) {
    return this.proposals.setBudget(ctx, input.params.id, input.body.version, input.body.lines);
  }

  @Endpoint(c.setWorkPlan)
  setWorkPlan(@In() input: InputOf<typeof c.setWorkPlan>, @Ctx() ctx: RequestContext) {
    const { version, ...plan } = input.body;
    return this.proposals.setWorkPlan(ctx, input.params.id, version, plan);
  }

  @Endpoint(c.eligibility)
  eligibility(@In() input: InputOf<typeof c.eligibility>, @Ctx() ctx: RequestContext) {
    return this.proposals.eligibility(ctx, input.params.id);
  }

  @Endpoint(c.invite)
  invite(@In() input: InputOf<typeof c.invite>, @Ctx() ctx: RequestContext) {
    return this.proposals.invite(ctx, input.params.id, input.body);
  }

  @Endpoint(c.invitations)
  invitations(@In() input: InputOf<typeof c.invitations>, @Ctx() ctx: RequestContext) {
    return this.proposals.invitations(ctx, input.params.id);
  }

  @Endpoint(c.revokeInvitation)
  revokeInvitation(@In() input: InputOf<typeof c.revokeInvitation>, @Ctx() ctx: RequestContext) {
    return this.proposals.revokeInvitation(ctx, input.params.id, input.params.invitationId);
  }

  @Endpoint(c.previewInvitation)
  previewInvitation(@In() input: InputOf<typeof c.previewInvitation>) {
    return this.proposals.previewInvitation(input.body.token);
  }

  @Endpoint(c.acceptInvitation)
  acceptInvitation(@In() input: InputOf<typeof c.acceptInvitation>, @Ctx() ctx: RequestContext) {
    return this.proposals.acceptInvitation(ctx, input.body.token);
  }

  @Endpoint(c.declineInvitation)
  declineInvitation(@In() input: InputOf<typeof c.declineInvitation>, @Ctx() ctx: RequestContext) {
    return this.proposals.declineInvitation(ctx, input.body.token);
  }

  @Endpoint(c.uploadAttachment)
  uploadAttachment(@In() input: InputOf<typeof c.uploadAttachment>, @Ctx() ctx: RequestContext, @Req() req: Request) {
    const data = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    return this.attachments.upload(ctx, input.params.id, input.params.key, data, req.get('x-file-name'));
  }

  @Endpoint(c.downloadAttachment)
  async downloadAttachment(
    @In() input: InputOf<typeof c.downloadAttachment>,
    @Ctx() ctx: RequestContext,
    @Res() res: Response,
  ) {
    const { attachment, stream } = await this.attachments.download(ctx, input.params.id, input.params.key);
    await sendStream(res, attachment, stream);
  }

  @Endpoint(c.submit)
  submit(@In() input: InputOf<typeof c.submit>, @Ctx() ctx: RequestContext) {
    return this.proposals.submit(ctx, input.params.id);
  }

  @Endpoint(c.withdraw)
  withdraw(@In() input: InputOf<typeof c.withdraw>, @Ctx() ctx: RequestContext) {
    return this.proposals.withdraw(ctx, input.params.id);
  }

  @Endpoint(c.submission)
  submission(@In() input: InputOf<typeof c.submission>, @Ctx() ctx: RequestContext) {
    return this.proposals.submission(ctx, input.params.id, input.params.number);
  }
}
