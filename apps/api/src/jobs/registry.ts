import { z } from 'zod';

/** Notification emails per `notification.emails` job: one claim statement and one job per this many. */
export const NOTIFICATION_EMAIL_BATCH = 100;

/**
 * Every background job: its queue and its payload schema. Payloads carry ids, never
 * secrets or copies of records; handlers re-read what they need.
 */
export const JOBS = {
  'email.verify': { queue: 'email', payload: z.object({ userId: z.uuid() }) },
  'email.passwordReset': { queue: 'email', payload: z.object({ userId: z.uuid() }) },
  'email.accountExists': { queue: 'email', payload: z.object({ userId: z.uuid() }) },
  'email.passwordChanged': { queue: 'email', payload: z.object({ userId: z.uuid() }) },
  /** An invitation to join a consortium: the token is minted when the email is sent. */
  'email.invitation': { queue: 'email', payload: z.object({ invitationId: z.uuid() }) },
  /** The email of one in-app notification, for a recipient who wants it immediately. */
  'notification.email': { queue: 'notifications', payload: z.object({ notificationId: z.uuid() }) },
  /** The emails of several in-app notifications of one event (a fan-out), claimed and sent together. */
  'notification.emails': {
    queue: 'notifications',
    payload: z.object({ notificationIds: z.array(z.uuid()).min(1).max(NOTIFICATION_EMAIL_BATCH) }),
  },
  /** Tells the users' open browsers their new unread count. */
  'inbox.push': { queue: 'notifications', payload: z.object({ userIds: z.array(z.uuid()).min(1).max(1000) }) },
  /** Hourly: queues the daily digest of every user for whom it is now 08:00. */
  'digest.tick': { queue: 'reminders', payload: z.object({}) },
  'digest.send': {
    queue: 'notifications',
    payload: z.object({ userId: z.uuid(), day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  },
  /** Opens or closes a call at its instant (scheduled through the outbox); the handler re-checks it is due. */
  'call.open': { queue: 'reminders', payload: z.object({ callId: z.uuid() }) },
  'call.close': { queue: 'reminders', payload: z.object({ callId: z.uuid() }) },
  /** Every minute: opens or closes any call whose instant has passed (safety net). */
  'calls.tick': { queue: 'reminders', payload: z.object({}) },
  /** Checks every submitted proposal of a closed call against its eligibility rules, with progress. */
  'eligibility.run': { queue: 'long', payload: z.object({ callId: z.uuid(), jobRunId: z.uuid() }) },
  /** An invitation into a call's reviewer pool; the token is minted when the email is sent. */
  'email.reviewPool': { queue: 'email', payload: z.object({ callReviewerId: z.uuid() }) },
  /** A review invitation with one-click accept and decline links (token minted at send time). */
  'email.reviewInvitation': { queue: 'email', payload: z.object({ assignmentId: z.uuid() }) },
  /** Computes the optimal reviewer assignment of a closed call, with progress. */
  'assignment.run': { queue: 'long', payload: z.object({ callId: z.uuid(), jobRunId: z.uuid() }) },
  /** Hourly: reminders of reviews due soon or overdue, on each call's schedule. */
  'reviews.tick': { queue: 'reminders', payload: z.object({}) },
  /** A grant report's reminder: before its due date (round 0) or overdue (round n ≥ 1, weekly); the handler re-checks. */
  'grant.reportReminder': {
    queue: 'reminders',
    payload: z.object({ reportId: z.uuid(), dueDate: z.iso.date(), round: z.number().int().min(0) }),
  },
  /** Notifies every addressee of an announcement, in batches, reporting progress. */
  'announcement.fanout': { queue: 'long', payload: z.object({ announcementId: z.uuid(), jobRunId: z.uuid() }) },
} as const;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOBS)[N]['payload']>;
export const QUEUES = [...new Set(Object.values(JOBS).map((job) => job.queue))];
export type QueueName = (typeof JOBS)[JobName]['queue'];

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOBS, name);
}

/**
 * Jobs each worker process runs at once, per queue. A `notification.emails` job holds a hundred
 * claimed emails; a few at once keep the SMTP pool busy while the next batch is claimed, more
 * only hold emails claimed longer.
 */
export const QUEUE_CONCURRENCY: Record<QueueName, number> = {
  email: 16,
  notifications: 4,
  reminders: 16,
  long: 16,
};

/** Attempts, backoff and retention, set in one place for every job. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 10000 },
  // Failed jobs are kept for admins to inspect and retry.
  removeOnFail: false,
} as const;
