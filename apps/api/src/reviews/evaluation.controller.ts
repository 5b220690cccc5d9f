import { contract } from '@kizuna/shared';
import { Controller, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { sendFile } from '../common/downloads.js';
import { Endpoint, In, type InputOf } from '../common/endpoint.js';
import { Ctx, type RequestContext } from '../common/request-context.js';
import { AssignmentService } from './assignment.service.js';
import { ConflictsService } from './conflicts.service.js';
import { EvaluationService } from './evaluation.service.js';
import { PoolService } from './pool.service.js';

const c = contract.evaluation;

/** The programme manager's side of a call's review: settings, pool, conflicts, assignment, ranking, decisions. */
@Controller()
export class EvaluationController {
  constructor(
    @Inject(PoolService) private readonly pool: PoolService,
    @Inject(ConflictsService) private readonly conflicts: ConflictsService,
    @Inject(AssignmentService) private readonly assignments: AssignmentService,
    @Inject(EvaluationService) private readonly evaluation: EvaluationService,
  ) {}

  @Endpoint(c.settings)
  settings(@In() input: InputOf<typeof c.settings>, @Ctx() ctx: RequestContext) {
    return this.pool.settings(ctx, input.params.id);
  }

  @Endpoint(c.saveSettings)
  saveSettings(@In() input: InputOf<typeof c.saveSettings>, @Ctx() ctx: RequestContext) {
    return this.pool.saveSettings(ctx, input.params.id, input.body);
  }

  @Endpoint(c.pool)
  reviewerPool(@In() input: InputOf<typeof c.pool>, @Ctx() ctx: RequestContext) {
    return this.pool.pool(ctx, input.params.id);
  }

  @Endpoint(c.invitePool)
  invitePool(@In() input: InputOf<typeof c.invitePool>, @Ctx() ctx: RequestContext) {
    return this.pool.invite(ctx, input.params.id, input.body);
  }

  @Endpoint(c.conflicts)
  listConflicts(@In() input: InputOf<typeof c.conflicts>, @Ctx() ctx: RequestContext) {
    return this.conflicts.list(ctx, input.params.id);
  }

  @Endpoint(c.setConflict)
  setConflict(@In() input: InputOf<typeof c.setConflict>, @Ctx() ctx: RequestContext) {
    return this.conflicts.set(ctx, input.params.id, input.body);
  }

  @Endpoint(c.liftConflict)
  liftConflict(@In() input: InputOf<typeof c.liftConflict>, @Ctx() ctx: RequestContext) {
    return this.conflicts.lift(ctx, input.params.id, input.body.reason);
  }

  @Endpoint(c.runAssignment)
  runAssignment(@In() input: InputOf<typeof c.runAssignment>, @Ctx() ctx: RequestContext) {
    return this.assignments.startRun(ctx, input.params.id);
  }

  @Endpoint(c.board)
  board(@In() input: InputOf<typeof c.board>, @Ctx() ctx: RequestContext) {
    return this.assignments.board(ctx, input.params.id);
  }

  @Endpoint(c.addAssignment)
  addAssignment(@In() input: InputOf<typeof c.addAssignment>, @Ctx() ctx: RequestContext) {
    return this.assignments.add(ctx, input.params.id, input.body);
  }

  @Endpoint(c.removeAssignment)
  removeAssignment(@In() input: InputOf<typeof c.removeAssignment>, @Ctx() ctx: RequestContext) {
    return this.assignments.remove(ctx, input.params.id);
  }

  @Endpoint(c.sendInvitations)
  sendInvitations(@In() input: InputOf<typeof c.sendInvitations>, @Ctx() ctx: RequestContext) {
    return this.assignments.send(ctx, input.params.id);
  }

  @Endpoint(c.replacements)
  replacements(@In() input: InputOf<typeof c.replacements>, @Ctx() ctx: RequestContext) {
    return this.assignments.replacements(ctx, input.params.id);
  }

  @Endpoint(c.progress)
  progress(@In() input: InputOf<typeof c.progress>, @Ctx() ctx: RequestContext) {
    return this.evaluation.progress(ctx, input.params.id);
  }

  @Endpoint(c.ranking)
  ranking(@In() input: InputOf<typeof c.ranking>, @Ctx() ctx: RequestContext) {
    return this.evaluation.ranking(ctx, input.params.id);
  }

  @Endpoint(c.exportRanking)
  async exportRanking(@In() input: InputOf<typeof c.exportRanking>, @Ctx() ctx: RequestContext, @Res() res: Response) {
    sendFile(res, await this.evaluation.exportRanking(ctx, input.params.id, input.query.format));
  }

  @Endpoint(c.fundingPlan)
  fundingPlan(@In() input: InputOf<typeof c.fundingPlan>, @Ctx() ctx: RequestContext) {
    return this.evaluation.fundingPlan(ctx, input.params.id, input.query.minMerit);
  }

  @Endpoint(c.decide)
  decide(@In() input: InputOf<typeof c.decide>, @Ctx() ctx: RequestContext) {
    return this.evaluation.decide(ctx, input.params.id, input.body);
  }

  @Endpoint(c.release)
  release(@In() input: InputOf<typeof c.release>, @Ctx() ctx: RequestContext) {
    return this.evaluation.release(ctx, input.params.id);
  }

  @Endpoint(c.outcome)
  outcome(@In() input: InputOf<typeof c.outcome>, @Ctx() ctx: RequestContext) {
    return this.evaluation.outcome(ctx, input.params.id);
  }
}
