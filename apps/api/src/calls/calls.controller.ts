import { contract } from '@kizuna/shared';
import { Controller, Inject } from '@nestjs/common';
import { Endpoint, In, type InputOf } from '../common/endpoint.js';
import { Ctx, type RequestContext } from '../common/request-context.js';
import { CallsService } from './calls.service.js';

const c = contract.calls;

@Controller()
export class CallsController {
  constructor(@Inject(CallsService) private readonly calls: CallsService) {}

  @Endpoint(c.listPublic)
  listPublic(@In() input: InputOf<typeof c.listPublic>) {
    return this.calls.listPublic(input.query);
  }

  @Endpoint(c.get)
  get(@In() input: InputOf<typeof c.get>, @Ctx() ctx: RequestContext) {
    return this.calls.get(ctx, input.params.id);
  }

  @Endpoint(c.listManaged)
  listManaged(@In() input: InputOf<typeof c.listManaged>, @Ctx() ctx: RequestContext) {
    return this.calls.listManaged(ctx, input.query);
  }

  @Endpoint(c.create)
  create(@In() input: InputOf<typeof c.create>, @Ctx() ctx: RequestContext) {
    return this.calls.create(ctx, input.body);
  }

  @Endpoint(c.update)
  update(@In() input: InputOf<typeof c.update>, @Ctx() ctx: RequestContext) {
    return this.calls.update(ctx, input.params.id, input.body);
  }

  @Endpoint(c.publish)
  publish(@In() input: InputOf<typeof c.publish>, @Ctx() ctx: RequestContext) {
    return this.calls.publish(ctx, input.params.id, input.body.version);
  }

  @Endpoint(c.programmes)
  programmes(@Ctx() ctx: RequestContext) {
    return this.calls.programmes(ctx);
  }

  @Endpoint(c.createProgramme)
  createProgramme(@In() input: InputOf<typeof c.createProgramme>, @Ctx() ctx: RequestContext) {
    return this.calls.createProgramme(ctx, input.body);
  }

  @Endpoint(c.agencies)
  agencies() {
    return this.calls.agencies();
  }
}
