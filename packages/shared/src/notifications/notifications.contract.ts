import { z } from 'zod';
import { defineOperation, RoleSchema } from '../contract/operation.js';
import { PageQuerySchema, pageOf } from '../contract/pagination.js';

export const NOTIFICATION_CATEGORIES = ['ACCOUNT', 'CALLS', 'PROPOSALS', 'REVIEWS', 'GRANTS', 'ANNOUNCEMENTS'] as const;
export const NotificationCategorySchema = z.enum(NOTIFICATION_CATEGORIES);
export type NotificationCategory = z.infer<typeof NotificationCategorySchema>;
/** Security and account mails are always sent: their category cannot be changed or unsubscribed. */
export const ALWAYS_SENT_CATEGORY = 'ACCOUNT' satisfies NotificationCategory;

export const DELIVERY_MODES = ['IMMEDIATE', 'DIGEST', 'OFF'] as const;
export const DeliveryModeSchema = z.enum(DELIVERY_MODES);
export type DeliveryMode = z.infer<typeof DeliveryModeSchema>;

/**
 * Every kind of notification, with its category and the data it carries. The web app
 * renders each in the user's language from `type` and `data`; emails are rendered by the
 * worker from the same.
 */
/** What a grant notification is about, so each language can name it: a report (kind, number) or an amendment. */
export const GrantSubjectSchema = z.union([
  z.object({ report: z.enum(['PERIODIC', 'FINAL']), number: z.number().int() }),
  z.object({
    amendment: z.enum(['BUDGET_REALLOCATION', 'NO_COST_EXTENSION', 'PARTNER_CHANGE']),
    number: z.number().int(),
  }),
]);
export type GrantSubject = z.infer<typeof GrantSubjectSchema>;

export const NOTIFICATION_TYPES = {
  'account.roles_changed': {
    category: 'ACCOUNT',
    data: z.object({ roles: z.array(z.object({ role: RoleSchema, programmeName: z.string().nullable() })) }),
  },
  /** A receipt: sent to the submitter and every partner PI whatever their preferences. */
  'proposal.submitted': {
    category: 'PROPOSALS',
    transactional: true,
    data: z.object({
      proposalId: z.uuid(),
      acronym: z.string(),
      title: z.string(),
      callTitle: z.string(),
      number: z.number().int(),
    }),
  },
  'proposal.invitation_accepted': {
    category: 'PROPOSALS',
    data: z.object({ proposalId: z.uuid(), acronym: z.string(), memberName: z.string() }),
  },
  /** To the call's managers: a reviewer declined, with the best replacements at that moment. */
  'review.declined': {
    category: 'REVIEWS',
    data: z.object({
      callId: z.uuid(),
      acronym: z.string(),
      reviewer: z.string(),
      reason: z.string(),
      replacements: z.array(z.object({ name: z.string(), affinity: z.number() })),
    }),
  },
  /** To a reviewer: a manager made them the rapporteur of a proposal's panel (they now write the consensus report). */
  'review.rapporteur': {
    category: 'REVIEWS',
    data: z.object({ assignmentId: z.uuid(), acronym: z.string(), callTitle: z.string() }),
  },
  /** To a reviewer: the review deadline is near (daysLeft > 0) or passed (daysLate ≥ 0). */
  'review.reminder': {
    category: 'REVIEWS',
    data: z.object({
      assignmentId: z.uuid(),
      acronym: z.string(),
      callTitle: z.string(),
      deadline: z.iso.datetime(),
      timeZone: z.string(),
      daysLeft: z.number().int().nullable(),
      daysLate: z.number().int().nullable(),
    }),
  },
  /** To the consortium: the decision on their proposal is released (always emailed). */
  'proposal.decision_released': {
    category: 'PROPOSALS',
    transactional: true,
    data: z.object({
      proposalId: z.uuid(),
      acronym: z.string(),
      callTitle: z.string(),
      outcome: z.enum(['FUNDED', 'RESERVE', 'NOT_FUNDED']),
    }),
  },
  /** To the consortium: the proposal is awarded as a grant; the PIs acknowledge the agreement. */
  'grant.awarded': {
    category: 'GRANTS',
    transactional: true,
    data: z.object({ grantId: z.uuid(), number: z.string(), acronym: z.string() }),
  },
  /** To the consortium: the grant moved to another state (with the manager's reason, if any). */
  'grant.status_changed': {
    category: 'GRANTS',
    data: z.object({
      grantId: z.uuid(),
      number: z.string(),
      acronym: z.string(),
      status: z.enum(['AWARDED', 'ACTIVE', 'SUSPENDED', 'FINAL_REPORT_DUE', 'CLOSED']),
      reason: z.string().nullable(),
    }),
  },
  /** To the programme's managers: the consortium submitted milestone evidence, a report or an amendment request. */
  'grant.submitted': {
    category: 'GRANTS',
    data: z.object({
      grantId: z.uuid(),
      number: z.string(),
      acronym: z.string(),
      what: z.enum(['MILESTONE', 'REPORT', 'AMENDMENT']),
      /** The milestone's title; for a report or an amendment an English name, with `subject` to name it in any language. */
      title: z.string(),
      subject: GrantSubjectSchema.optional(),
    }),
  },
  /** To the consortium: a manager decided on their milestone evidence, report or amendment request. */
  'grant.reviewed': {
    category: 'GRANTS',
    data: z.object({
      grantId: z.uuid(),
      number: z.string(),
      acronym: z.string(),
      what: z.enum(['MILESTONE', 'REPORT', 'AMENDMENT']),
      title: z.string(),
      subject: GrantSubjectSchema.optional(),
      accepted: z.boolean(),
      comment: z.string(),
    }),
  },
  /** To the consortium: a report is due soon (daysLate null) or overdue. */
  'grant.report_reminder': {
    category: 'GRANTS',
    data: z.object({
      grantId: z.uuid(),
      number: z.string(),
      acronym: z.string(),
      kind: z.enum(['PERIODIC', 'FINAL']),
      reportNumber: z.number().int(),
      dueDate: z.iso.date(),
      daysLate: z.number().int().nullable(),
    }),
  },
  /** To the consortium: a tranche was paid to a partner. */
  'grant.tranche_released': {
    category: 'GRANTS',
    data: z.object({
      grantId: z.uuid(),
      number: z.string(),
      acronym: z.string(),
      partner: z.string(),
      amount: z.string(),
      currency: z.string(),
      paidOn: z.string(),
    }),
  },
  'announcement.published': {
    category: 'ANNOUNCEMENTS',
    data: z.object({ announcementId: z.uuid(), title: z.string(), body: z.string() }),
  },
} as const satisfies Record<string, { category: NotificationCategory; transactional?: boolean; data: z.ZodType }>;

/** Transactional notifications (receipts) are emailed whatever the category's preference, with no unsubscribe link. */
export function isTransactional(type: NotificationType): boolean {
  const spec = NOTIFICATION_TYPES[type] as { transactional?: boolean };
  return spec.transactional === true;
}
export type NotificationType = keyof typeof NOTIFICATION_TYPES;
export const NotificationTypeSchema = z.enum(
  Object.keys(NOTIFICATION_TYPES) as [NotificationType, ...NotificationType[]],
);
export type NotificationData<T extends NotificationType> = z.infer<(typeof NOTIFICATION_TYPES)[T]['data']>;

export const NotificationSchema = z.object({
  id: z.uuid(),
  type: NotificationTypeSchema,
  category: NotificationCategorySchema,
  data: z.record(z.string(), z.unknown()),
  link: z.string().nullable(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});
export type NotificationItem = z.infer<typeof NotificationSchema>;

export const UnreadCountSchema = z.object({ unread: z.number().int() });

export const PreferencesSchema = z.object({
  preferences: z.array(
    z.object({ category: NotificationCategorySchema, mode: DeliveryModeSchema, locked: z.boolean() }),
  ),
});

export const UpdatePreferencesBodySchema = z.object({
  preferences: z
    .array(
      z.object({
        category: NotificationCategorySchema.exclude([ALWAYS_SENT_CATEGORY]),
        mode: DeliveryModeSchema,
      }),
    )
    .min(1)
    .max(NOTIFICATION_CATEGORIES.length),
});

export const NotificationIdParamsSchema = z.object({ id: z.uuid() });

/** Events on the live stream (Server-Sent Events, `event:` name → data). */
export const LiveEventSchemas = {
  unread: UnreadCountSchema,
  'job-run': z.object({ id: z.uuid(), status: z.string(), progress: z.number() }),
  /** To the other members of a consortium: someone saved a section of their proposal (the text is fetched). */
  'proposal-section': z.object({
    proposalId: z.uuid(),
    key: z.string(),
    version: z.number().int(),
    by: z.object({ id: z.uuid(), displayName: z.string() }),
  }),
  /** To a review panel (its reviewers and the programme's managers): something changed; re-read the panel. */
  panel: z.object({ proposalId: z.uuid() }),
} as const;

export const notificationsContract = {
  list: defineOperation({
    id: 'notifications.list',
    method: 'GET',
    path: '/notifications',
    tag: 'notifications',
    summary: "The signed-in user's notifications, newest first.",
    auth: 'session',
    query: PageQuerySchema.extend({ unread: z.enum(['true', 'false']).optional() }),
    response: pageOf(NotificationSchema).extend({ unread: z.number().int() }),
  }),
  unreadCount: defineOperation({
    id: 'notifications.unreadCount',
    method: 'GET',
    path: '/notifications/unread-count',
    tag: 'notifications',
    summary: 'How many notifications are unread.',
    auth: 'session',
    response: UnreadCountSchema,
  }),
  markRead: defineOperation({
    id: 'notifications.markRead',
    method: 'POST',
    path: '/notifications/:id/read',
    tag: 'notifications',
    summary: 'Mark one of your notifications read.',
    auth: 'session',
    params: NotificationIdParamsSchema,
    response: UnreadCountSchema,
  }),
  markAllRead: defineOperation({
    id: 'notifications.markAllRead',
    method: 'POST',
    path: '/notifications/read-all',
    tag: 'notifications',
    summary: 'Mark all your notifications read.',
    auth: 'session',
    response: UnreadCountSchema,
  }),
  stream: defineOperation({
    id: 'notifications.stream',
    method: 'GET',
    path: '/notifications/stream',
    tag: 'notifications',
    summary:
      'Server-Sent Events for the signed-in user: `unread` (the unread count, at once and on every change) and `job-run` (progress of your long jobs). Served by any API copy (fan-out through Redis).',
    auth: 'session',
  }),
  preferences: defineOperation({
    id: 'notifications.preferences',
    method: 'GET',
    path: '/notifications/preferences',
    tag: 'notifications',
    summary: 'How you receive each category of email: immediately, in a daily digest, or not at all.',
    auth: 'session',
    response: PreferencesSchema,
  }),
  updatePreferences: defineOperation({
    id: 'notifications.updatePreferences',
    method: 'PUT',
    path: '/notifications/preferences',
    tag: 'notifications',
    summary: 'Change email preferences per category (account and security emails are always sent).',
    auth: 'session',
    body: UpdatePreferencesBodySchema,
    response: PreferencesSchema,
  }),
  unsubscribe: defineOperation({
    id: 'notifications.unsubscribe',
    method: 'POST',
    path: '/notifications/unsubscribe',
    tag: 'notifications',
    summary:
      'One-click unsubscribe (RFC 8058) with the signed token of an email link: turns off the category of that email (every optional category for a digest). Needs no session.',
    auth: 'public',
    query: z.object({ token: z.string().min(10).max(500) }),
    response: z.object({ categories: z.array(NotificationCategorySchema) }),
  }),
} as const;

export const AnnouncementSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  body: z.string(),
  audience: z.array(RoleSchema),
  createdAt: z.iso.datetime(),
  jobRunId: z.uuid().nullable(),
});

export const CreateAnnouncementBodySchema = z.object({
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(5000),
  audience: z.array(RoleSchema).max(4),
});

export const announcementsContract = {
  create: defineOperation({
    id: 'announcements.create',
    method: 'POST',
    path: '/admin/announcements',
    tag: 'admin',
    summary: 'Send an announcement to every user with one of the roles (all users if none); a job notifies them.',
    auth: ['ADMIN'],
    body: CreateAnnouncementBodySchema,
    response: AnnouncementSchema,
    status: 201,
  }),
  list: defineOperation({
    id: 'announcements.list',
    method: 'GET',
    path: '/admin/announcements',
    tag: 'admin',
    summary: 'Announcements, newest first.',
    auth: ['ADMIN'],
    query: PageQuerySchema,
    response: pageOf(AnnouncementSchema),
  }),
} as const;
