import { contract, SESSION_COOKIE } from '@kizuna/shared';
import { Controller, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AppError } from '../common/app-error.js';
import { Endpoint, In, type InputOf } from '../common/endpoint.js';
import { Ctx, type RequestContext } from '../common/request-context.js';
import { CONFIG, type Config, cookieSecure } from '../config/config.js';
import { AuthService, toMe } from './auth.service.js';

const c = contract.auth;
const ACCEPTED = { status: 'accepted' } as const;

@Controller()
export class AuthController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  @Endpoint(c.register)
  async register(@In() input: InputOf<typeof c.register>, @Ctx() ctx: RequestContext) {
    await this.auth.register(input.body, ctx);
    return ACCEPTED;
  }

  @Endpoint(c.verifyEmail)
  verifyEmail(@In() input: InputOf<typeof c.verifyEmail>, @Ctx() ctx: RequestContext) {
    return this.auth.verifyEmail(input.body.token, ctx);
  }

  @Endpoint(c.resendVerification)
  async resendVerification(@In() input: InputOf<typeof c.resendVerification>) {
    await this.auth.resendVerification(input.body.email);
    return ACCEPTED;
  }

  @Endpoint(c.login)
  async login(
    @In() input: InputOf<typeof c.login>,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { session, me } = await this.auth.login(input.body.email, input.body.password, ctx);
    res.cookie(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: cookieSecure(this.config),
      path: '/',
      expires: session.expiresAt,
    });
    return me;
  }

  @Endpoint(c.logout)
  async logout(@Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    await this.auth.logout(ctx);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Endpoint(c.me)
  me(@Ctx() ctx: RequestContext) {
    if (!ctx.actor) throw new AppError('unauthenticated');
    return toMe(ctx.actor);
  }

  @Endpoint(c.updateMe)
  updateMe(@In() input: InputOf<typeof c.updateMe>, @Ctx() ctx: RequestContext) {
    return this.auth.updateProfile(ctx, input.body);
  }

  @Endpoint(c.changePassword)
  changePassword(@In() input: InputOf<typeof c.changePassword>, @Ctx() ctx: RequestContext) {
    return this.auth.changePassword(ctx, input.body.currentPassword, input.body.newPassword);
  }

  @Endpoint(c.requestPasswordReset)
  async requestPasswordReset(@In() input: InputOf<typeof c.requestPasswordReset>) {
    await this.auth.requestPasswordReset(input.body.email);
    return ACCEPTED;
  }

  @Endpoint(c.confirmPasswordReset)
  confirmPasswordReset(@In() input: InputOf<typeof c.confirmPasswordReset>, @Ctx() ctx: RequestContext) {
    return this.auth.confirmPasswordReset(input.body.token, input.body.password, ctx);
  }
}
