import { contract } from '@kizuna/shared';
import { Controller, Inject } from '@nestjs/common';
import { Endpoint, In, type InputOf } from '../common/endpoint.js';
import { Ctx, type RequestContext } from '../common/request-context.js';
import { AdminService } from './admin.service.js';

const c = contract.admin;

@Controller()
export class AdminController {
  constructor(@Inject(AdminService) private readonly admin: AdminService) {}

  @Endpoint(c.listUsers)
  listUsers(@In() input: InputOf<typeof c.listUsers>) {
    return this.admin.listUsers(input.query);
  }

  @Endpoint(c.setRoles)
  setRoles(@In() input: InputOf<typeof c.setRoles>, @Ctx() ctx: RequestContext) {
    return this.admin.setRoles(input.params.id, input.body.roles, ctx);
  }

  @Endpoint(c.listAuditEvents)
  listAuditEvents(@In() input: InputOf<typeof c.listAuditEvents>) {
    return this.admin.listAuditEvents(input.query);
  }
}
