import { contract } from '@kizuna/shared';
import { Controller, Inject } from '@nestjs/common';
import { Endpoint, In, type InputOf } from '../common/endpoint.js';
import { Ctx, type RequestContext } from '../common/request-context.js';
import { AnnouncementsService } from './announcements.service.js';

const c = contract.announcements;

@Controller()
export class AnnouncementsController {
  constructor(@Inject(AnnouncementsService) private readonly announcements: AnnouncementsService) {}

  @Endpoint(c.create)
  create(@In() input: InputOf<typeof c.create>, @Ctx() ctx: RequestContext) {
    return this.announcements.create(ctx, input.body);
  }

  @Endpoint(c.list)
  list(@In() input: InputOf<typeof c.list>) {
    return this.announcements.list(input.query.page, input.query.pageSize);
  }
}
