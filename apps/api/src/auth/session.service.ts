import type { Role } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../common/request-context.js';
import { CONFIG, type Config } from '../config/config.js';
import { DIRECT_DB, type DirectDb } from '../infra/direct-db.js';
import { PRISMA, type Prisma, type Tx } from '../infra/prisma.service.js';
import { hashToken, newToken } from './tokens.js';

const TOUCH_AFTER_MS = 5 * 60 * 1000;
const ABSOLUTE_MAX_MS = 90 * 24 * 3600 * 1000;

export const userWithRoles = {
  include: { roles: { include: { programme: { select: { name: true } } }, orderBy: { createdAt: 'asc' } } },
} as const;

type UserRow = {
  id: string;
  email: string;
  displayName: string;
  locale: string;
  timeZone: string;
  emailVerifiedAt: Date | null;
  roles: { role: Role; programmeId: string | null; programme: { name: string } | null }[];
};

export function toAuthenticatedUser(user: UserRow): AuthenticatedUser {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    locale: user.locale,
    timeZone: user.timeZone,
    emailVerified: user.emailVerifiedAt !== null,
    roles: user.roles.map((r) => ({
      role: r.role,
      programmeId: r.programmeId,
      programmeName: r.programme?.name ?? null,
    })),
  };
}

type ResolvedRow = {
  sessionId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  id: string;
  email: string;
  displayName: string;
  locale: string;
  timeZone: string;
  emailVerifiedAt: Date | null;
  roles: AuthenticatedUser['roles'];
};

const RESOLVE_SESSION = `
  SELECT s.id AS "sessionId", s."createdAt", s."lastSeenAt", s."expiresAt",
         u.id, u.email, u."displayName", u.locale, u."timeZone", u."emailVerifiedAt",
         coalesce(json_agg(json_build_object('role', r.role, 'programmeId', r."programmeId", 'programmeName', pr.name)
                  ORDER BY r."createdAt") FILTER (WHERE r.id IS NOT NULL), '[]') AS roles
  FROM "Session" s
  JOIN "User" u ON u.id = s."userId"
  LEFT JOIN "UserRole" r ON r."userId" = u.id
  LEFT JOIN "Programme" pr ON pr.id = r."programmeId"
  WHERE s."tokenHash" = $1 AND s."revokedAt" IS NULL AND s."expiresAt" > now()
  GROUP BY s.id, u.id`;

/** Sessions live in PostgreSQL: any API copy can serve any user, and revocation is immediate. */
@Injectable()
export class SessionService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(DIRECT_DB) private readonly db: DirectDb,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  get ttlMs() {
    return this.config.SESSION_TTL_HOURS * 3600 * 1000;
  }

  async create(tx: Tx, userId: string, meta: { ip: string | null; userAgent: string | null }) {
    const token = newToken();
    const session = await tx.session.create({
      data: {
        userId,
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + this.ttlMs),
        ip: meta.ip,
        userAgent: meta.userAgent,
      },
      select: { id: true, expiresAt: true },
    });
    return { token, ...session };
  }

  /**
   * Resolves a cookie token to its live session and user, extending it while in use. Every
   * authenticated request comes through here, so it is one round trip (on the direct pool, not
   * Prisma): the session, the user and the roles in a single query.
   */
  async resolve(token: string): Promise<{ sessionId: string; user: AuthenticatedUser } | null> {
    if (token.length < 20 || token.length > 100) return null;
    const {
      rows: [row],
    } = await this.db.query<ResolvedRow>({
      name: 'session_resolve',
      text: RESOLVE_SESSION,
      values: [hashToken(token)],
    });
    if (!row) return null;
    const now = Date.now();
    if (now - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
      const expiresAt = new Date(Math.min(now + this.ttlMs, row.createdAt.getTime() + ABSOLUTE_MAX_MS));
      await this.prisma.session.update({
        where: { id: row.sessionId },
        data: { lastSeenAt: new Date(now), expiresAt },
      });
    }
    return {
      sessionId: row.sessionId,
      user: {
        id: row.id,
        email: row.email,
        displayName: row.displayName,
        locale: row.locale,
        timeZone: row.timeZone,
        emailVerified: row.emailVerifiedAt !== null,
        roles: row.roles,
      },
    };
  }

  async revoke(tx: Tx, sessionId: string) {
    await tx.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
  }

  /** Revokes every live session of a user, except one if given. Returns how many. */
  async revokeAll(tx: Tx, userId: string, exceptSessionId?: string) {
    const result = await tx.session.updateMany({
      where: { userId, revokedAt: null, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
      data: { revokedAt: new Date() },
    });
    return result.count;
  }
}
