import { z } from 'zod';
import { RoleGrantSchema } from '../auth/auth.contract.js';
import { defineOperation, RoleSchema } from '../contract/operation.js';
import { PageQuerySchema, pageOf } from '../contract/pagination.js';

export const AdminUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  emailVerified: z.boolean(),
  createdAt: z.iso.datetime(),
  roles: z.array(RoleGrantSchema),
});
export type AdminUser = z.infer<typeof AdminUserSchema>;

export const ListUsersQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(200).optional(),
  role: RoleSchema.optional(),
});

export const SetRolesBodySchema = z.object({
  roles: z
    .array(z.object({ role: RoleSchema, programmeId: z.uuid().nullable() }))
    .max(50)
    .refine((roles) => new Set(roles.map((r) => `${r.role}:${r.programmeId}`)).size === roles.length, {
      message: 'Each role may be granted once per scope',
    }),
});

export const UserIdParamsSchema = z.object({ id: z.uuid() });

export const AuditEventSchema = z.object({
  id: z.string(),
  occurredAt: z.iso.datetime(),
  actorId: z.uuid().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  data: z.unknown(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});

export const adminContract = {
  listUsers: defineOperation({
    id: 'admin.listUsers',
    method: 'GET',
    path: '/admin/users',
    tag: 'admin',
    summary: 'Users, filtered by text and role, paginated.',
    auth: ['ADMIN'],
    query: ListUsersQuerySchema,
    response: pageOf(AdminUserSchema),
  }),
  setRoles: defineOperation({
    id: 'admin.setRoles',
    method: 'PUT',
    path: '/admin/users/:id/roles',
    tag: 'admin',
    summary: "Replace a user's roles (global or per programme). Audited.",
    auth: ['ADMIN'],
    params: UserIdParamsSchema,
    body: SetRolesBodySchema,
    response: AdminUserSchema,
  }),
  listAuditEvents: defineOperation({
    id: 'admin.listAuditEvents',
    method: 'GET',
    path: '/admin/audit-events',
    tag: 'admin',
    summary: 'The audit trail, newest first, optionally for one record.',
    auth: ['ADMIN'],
    query: PageQuerySchema.extend({
      entityType: z.string().max(64).optional(),
      entityId: z.string().max(64).optional(),
    }),
    response: pageOf(AuditEventSchema),
  }),
} as const;
