import type { Role } from '@kizuna/shared';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

export interface AuthenticatedUser {
  id: string;
  email: string;
  displayName: string;
  locale: string;
  timeZone: string;
  emailVerified: boolean;
  roles: { role: Role; programmeId: string | null; programmeName: string | null }[];
}

export interface RequestAuth {
  user: AuthenticatedUser;
  sessionId: string;
}

/** What a service needs to know about the request: who and from where, for authorisation and audit. */
export interface RequestContext {
  actor: AuthenticatedUser | null;
  sessionId: string | null;
  ip: string | null;
  requestId: string | null;
  userAgent: string | null;
}

export type KizunaRequest = Request & { auth?: RequestAuth; id?: string | number };

export function requestContextOf(req: KizunaRequest): RequestContext {
  return {
    actor: req.auth?.user ?? null,
    sessionId: req.auth?.sessionId ?? null,
    ip: req.ip ?? null,
    requestId: req.id ? String(req.id) : null,
    userAgent: req.get('user-agent')?.slice(0, 400) ?? null,
  };
}

/** Injects the RequestContext of the current request into a controller method. */
export const Ctx = createParamDecorator((_: unknown, ctx: ExecutionContext) =>
  requestContextOf(ctx.switchToHttp().getRequest<KizunaRequest>()),
);
