import type { AdminUser, Role } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { userWithRoles } from '../auth/session.service.js';
import { AppError } from '../common/app-error.js';
import type { RequestContext } from '../common/request-context.js';
import { PRISMA, type Prisma } from '../infra/prisma.service.js';
import { NotificationService } from '../notifications/notification.service.js';

type UserWithRoles = Awaited<ReturnType<Prisma['user']['findFirstOrThrow']>> & {
  roles: { role: Role; programmeId: string | null; programme: { name: string } | null }[];
};

function toAdminUser(user: UserWithRoles): AdminUser {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    emailVerified: user.emailVerifiedAt !== null,
    createdAt: user.createdAt.toISOString(),
    roles: user.roles.map((r) => ({
      role: r.role,
      programmeId: r.programmeId,
      programmeName: r.programme?.name ?? null,
    })),
  };
}

@Injectable()
export class AdminService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(NotificationService) private readonly notifications: NotificationService,
  ) {}

  async listUsers(query: { q?: string; role?: Role; page: number; pageSize: number }) {
    const where = {
      ...(query.q
        ? {
            OR: [
              { email: { contains: query.q, mode: 'insensitive' as const } },
              { displayName: { contains: query.q, mode: 'insensitive' as const } },
            ],
          }
        : {}),
      ...(query.role ? { roles: { some: { role: query.role } } } : {}),
    };
    const [items, total] = await this.prisma.$transaction([
      this.prisma.user.findMany({
        where,
        ...userWithRoles,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      }),
      this.prisma.user.count({ where }),
    ]);
    return { items: items.map(toAdminUser), total, page: query.page, pageSize: query.pageSize };
  }

  async setRoles(userId: string, roles: { role: Role; programmeId: string | null }[], ctx: RequestContext) {
    if (ctx.actor?.id === userId && !roles.some((r) => r.role === 'ADMIN')) {
      throw new AppError('conflict', 'You cannot remove your own admin role');
    }
    const user = await this.prisma.$transaction(async (tx) => {
      const before = await tx.user.findUnique({ where: { id: userId }, ...userWithRoles });
      if (!before) throw AppError.notFound('User');
      const programmeIds = [...new Set(roles.flatMap((r) => (r.programmeId ? [r.programmeId] : [])))];
      if (programmeIds.length) {
        const found = await tx.programme.count({ where: { id: { in: programmeIds } } });
        if (found !== programmeIds.length) {
          throw new AppError('validation_failed', 'Unknown programme', [
            { path: 'body.roles', code: 'unknown_programme', message: 'A programme in the list does not exist' },
          ]);
        }
      }
      await tx.userRole.deleteMany({ where: { userId } });
      await tx.userRole.createMany({ data: roles.map((r) => ({ userId, role: r.role, programmeId: r.programmeId })) });
      await this.audit.record(tx, ctx, {
        action: 'user.roles_changed',
        entityType: 'User',
        entityId: userId,
        data: {
          before: before.roles.map((r) => ({ role: r.role, programmeId: r.programmeId })),
          after: roles,
        },
      });
      const after = await tx.user.findUniqueOrThrow({ where: { id: userId }, ...userWithRoles });
      await this.notifications.notify(tx, {
        type: 'account.roles_changed',
        userIds: [userId],
        data: { roles: after.roles.map((r) => ({ role: r.role, programmeName: r.programme?.name ?? null })) },
        link: '/',
        eventKey: `roles:${userId}:${Date.now()}`,
      });
      return after;
    });
    return toAdminUser(user);
  }

  async listAuditEvents(query: { page: number; pageSize: number; entityType?: string; entityId?: string }) {
    const where = {
      ...(query.entityType ? { entityType: query.entityType } : {}),
      ...(query.entityId ? { entityId: query.entityId } : {}),
    };
    const [items, total] = await this.prisma.$transaction([
      this.prisma.auditEvent.findMany({
        where,
        orderBy: { id: 'desc' },
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      }),
      this.prisma.auditEvent.count({ where }),
    ]);
    return {
      items: items.map((e) => ({ ...e, id: e.id.toString(), occurredAt: e.occurredAt.toISOString() })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}
