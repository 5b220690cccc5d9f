import { SESSION_COOKIE } from '@kizuna/shared';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error.js';
import { operationOf } from '../common/endpoint.js';
import type { KizunaRequest } from '../common/request-context.js';
import { CONFIG, type Config } from '../config/config.js';
import { SessionService } from './session.service.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The one guard every request passes (registered globally). Deny by default: a handler
 * that is not bound to a contract operation with an auth policy is refused.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly publicOrigin: string;

  constructor(
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(CONFIG) config: Config,
  ) {
    this.publicOrigin = new URL(config.PUBLIC_URL).origin;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return false;
    const op = operationOf(context.getHandler());
    if (!op) throw new AppError('forbidden', 'This route declares no access policy');
    const req = context.switchToHttp().getRequest<KizunaRequest>();

    const token = req.cookies?.[SESSION_COOKIE] as string | undefined;
    if (token) {
      // Cookies ride along on cross-site requests; refuse state changes from other origins.
      if (UNSAFE.has(req.method) && !this.sameOrigin(req)) {
        throw new AppError('forbidden', 'Cross-origin request refused');
      }
      const resolved = await this.sessions.resolve(token);
      if (resolved) req.auth = resolved;
    }

    if (op.auth === 'public') return true;
    if (!req.auth) throw new AppError('unauthenticated', 'Sign in to continue');
    if (op.auth === 'session') return true;
    const held = new Set(req.auth.user.roles.map((r) => r.role));
    if (op.auth.some((role) => held.has(role))) return true;
    throw new AppError('forbidden', 'Your roles do not allow this');
  }

  private sameOrigin(req: KizunaRequest): boolean {
    const origin = req.get('origin');
    if (!origin) return true; // non-browser clients and same-origin GET-like navigations send none
    if (origin === this.publicOrigin) return true;
    const host = req.get('host');
    return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
  }
}
