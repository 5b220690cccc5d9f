import { Inject, Injectable } from '@nestjs/common';
import { PRISMA, type Prisma } from '../infra/prisma.service.js';
import { NotificationService } from '../notifications/notification.service.js';

const DAY = 24 * 3600 * 1000;

/**
 * Which reminder is due now for a review not yet submitted, on the call's schedule:
 * before the deadline, the nearest of the configured "days before" that has been reached;
 * after it, one at the deadline and then one every `overdueEveryDays`. Its key makes each
 * reminder go out once, however often the tick runs.
 */
export function dueReminder(
  now: Date,
  deadline: Date,
  schedule: { reminderDaysBefore: number[]; overdueEveryDays: number },
): { key: string; daysLeft: number | null; daysLate: number | null } | null {
  const left = deadline.getTime() - now.getTime();
  if (left > 0) {
    const reached = schedule.reminderDaysBefore.filter((d) => left <= d * DAY);
    if (reached.length === 0) return null;
    const days = Math.min(...reached);
    return { key: `before:${days}`, daysLeft: Math.ceil(left / DAY), daysLate: null };
  }
  if (schedule.overdueEveryDays <= 0) return null;
  const late = Math.abs(left);
  const period = Math.floor(late / (schedule.overdueEveryDays * DAY));
  return { key: `overdue:${period}`, daysLeft: null, daysLate: Math.floor(late / DAY) };
}

/** The hourly reminders of reviews due soon or overdue (in-app and email, by the reviewer's preferences). */
@Injectable()
export class ReviewReminders {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(NotificationService) private readonly notifications: NotificationService,
  ) {}

  async tick(now = new Date()) {
    const calls = await this.prisma.call.findMany({
      where: { status: 'IN_REVIEW', reviewSettings: { reviewDeadline: { not: null }, decisionsReleasedAt: null } },
      select: { id: true, title: true, timeZone: true, reviewSettings: true },
    });
    let sent = 0;
    for (const call of calls) {
      const settings = call.reviewSettings!;
      const due = dueReminder(now, settings.reviewDeadline!, settings);
      if (!due) continue;
      const open = await this.prisma.reviewAssignment.findMany({
        where: { callId: call.id, status: { in: ['INVITED', 'ACCEPTED'] } },
        select: {
          id: true,
          reviewerId: true,
          proposalId: true,
          proposal: { select: { acronym: true, conflicts: { where: { active: true }, select: { reviewerId: true } } } },
        },
      });
      for (const a of open) {
        if (a.proposal.conflicts.some((c) => c.reviewerId === a.reviewerId)) continue;
        await this.prisma.$transaction(async (tx) => {
          sent += await this.notifications.notify(tx, {
            type: 'review.reminder',
            userIds: [a.reviewerId],
            data: {
              assignmentId: a.id,
              acronym: a.proposal.acronym,
              callTitle: call.title,
              deadline: settings.reviewDeadline!.toISOString(),
              timeZone: call.timeZone,
              daysLeft: due.daysLeft,
              daysLate: due.daysLate,
            },
            link: `/reviews/${a.id}`,
            eventKey: `review-reminder:${a.id}:${due.key}`,
          });
        });
      }
    }
    return { sent };
  }
}
