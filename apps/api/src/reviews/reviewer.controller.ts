import { contract } from '@kizuna/shared';
import { Controller, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { sendStream } from '../common/downloads.js';
import { Endpoint, In, type InputOf } from '../common/endpoint.js';
import { Ctx, type RequestContext } from '../common/request-context.js';
import { ConflictsService } from './conflicts.service.js';
import { PoolService } from './pool.service.js';
import { ProfileService } from './profile.service.js';
import { ReviewsService } from './reviews.service.js';

const c = contract.reviewer;

/** The reviewer's side: profile, invitations, the review form and the panel. */
@Controller()
export class ReviewerController {
  constructor(
    @Inject(ProfileService) private readonly profile: ProfileService,
    @Inject(PoolService) private readonly pool: PoolService,
    @Inject(ConflictsService) private readonly conflicts: ConflictsService,
    @Inject(ReviewsService) private readonly reviews: ReviewsService,
  ) {}

  @Endpoint(c.getProfile)
  getProfile(@Ctx() ctx: RequestContext) {
    return this.profile.get(ctx);
  }

  @Endpoint(c.saveProfile)
  saveProfile(@In() input: InputOf<typeof c.saveProfile>, @Ctx() ctx: RequestContext) {
    return this.profile.save(ctx, input.body);
  }

  @Endpoint(c.respondToPool)
  respondToPool(@In() input: InputOf<typeof c.respondToPool>, @Ctx() ctx: RequestContext) {
    return this.pool.respond(ctx, input.body);
  }

  @Endpoint(c.assignments)
  assignments(@Ctx() ctx: RequestContext) {
    return this.reviews.myAssignments(ctx);
  }

  @Endpoint(c.respond)
  respond(@In() input: InputOf<typeof c.respond>, @Ctx() ctx: RequestContext) {
    return this.reviews.respond(ctx, input.params.id, input.body);
  }

  @Endpoint(c.respondByToken)
  respondByToken(@In() input: InputOf<typeof c.respondByToken>) {
    return this.reviews.respondByToken(input.body);
  }

  @Endpoint(c.declareConflict)
  declareConflict(@In() input: InputOf<typeof c.declareConflict>, @Ctx() ctx: RequestContext) {
    return this.conflicts.declare(ctx, input.params.id, input.body.reason);
  }

  @Endpoint(c.proposal)
  proposal(@In() input: InputOf<typeof c.proposal>, @Ctx() ctx: RequestContext) {
    return this.reviews.proposalView(ctx, input.params.id);
  }

  @Endpoint(c.attachment)
  async attachment(@In() input: InputOf<typeof c.attachment>, @Ctx() ctx: RequestContext, @Res() res: Response) {
    const { file, stream } = await this.reviews.attachment(ctx, input.params.id, input.params.key);
    await sendStream(res, file, stream);
  }

  @Endpoint(c.review)
  review(@In() input: InputOf<typeof c.review>, @Ctx() ctx: RequestContext) {
    return this.reviews.review(ctx, input.params.id);
  }

  @Endpoint(c.saveReview)
  saveReview(@In() input: InputOf<typeof c.saveReview>, @Ctx() ctx: RequestContext) {
    return this.reviews.save(ctx, input.params.id, input.body);
  }

  @Endpoint(c.submitReview)
  submitReview(@In() input: InputOf<typeof c.submitReview>, @Ctx() ctx: RequestContext) {
    return this.reviews.submit(ctx, input.params.id, input.body.version);
  }

  @Endpoint(c.panel)
  panel(@In() input: InputOf<typeof c.panel>, @Ctx() ctx: RequestContext) {
    return this.reviews.panel(ctx, input.params.id);
  }

  @Endpoint(c.postMessage)
  postMessage(@In() input: InputOf<typeof c.postMessage>, @Ctx() ctx: RequestContext) {
    return this.reviews.postMessage(ctx, input.params.id, input.body.body);
  }

  @Endpoint(c.saveConsensus)
  saveConsensus(@In() input: InputOf<typeof c.saveConsensus>, @Ctx() ctx: RequestContext) {
    return this.reviews.saveConsensus(ctx, input.params.id, input.body);
  }

  @Endpoint(c.setRapporteur)
  setRapporteur(@In() input: InputOf<typeof c.setRapporteur>, @Ctx() ctx: RequestContext) {
    return this.reviews.setRapporteur(ctx, input.params.id, input.body.ordinal);
  }

  @Endpoint(c.approveConsensus)
  approveConsensus(@In() input: InputOf<typeof c.approveConsensus>, @Ctx() ctx: RequestContext) {
    return this.reviews.approveConsensus(ctx, input.params.id, input.body.version);
  }
}
