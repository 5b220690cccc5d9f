import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '../infra/prisma.service.js';
import type { JobPayload } from '../jobs/registry.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { GrantCore } from './grant-core.js';
import { addDays, formatDate, today } from './grant-dates.js';

/** The reminder before a report's due date comes this many days ahead; overdue ones weekly, for half a year at most. */
export const REMINDER_DAYS_BEFORE = 14;
export const OVERDUE_EVERY_DAYS = 7;
export const MAX_OVERDUE_REMINDERS = 26;
const DAY = 24 * 3600 * 1000;

/** When reminder `round` of a report due on `dueDate` goes out: 0 before the due date, n ≥ 1 weekly after it. */
export function reminderAt(dueDate: Date, round: number): Date {
  return round === 0 ? addDays(dueDate, -REMINDER_DAYS_BEFORE) : addDays(dueDate, 1 + (round - 1) * OVERDUE_EVERY_DAYS);
}

/** The overdue round whose time has come last (1 at the earliest): a late start sends one reminder, not a backlog. */
export function currentOverdueRound(dueDate: Date, now: Date): number {
  const since = now.getTime() - reminderAt(dueDate, 1).getTime();
  return since < 0 ? 1 : Math.floor(since / (OVERDUE_EVERY_DAYS * DAY)) + 1;
}

/**
 * Report reminders, scheduled as delayed outbox rows (kept in PostgreSQL, so losing Redis loses none). Each names the
 * report, the due date it was scheduled for and its round; the handler re-reads the report and skips a reminder that
 * no longer applies (accepted, submitted and waiting for review, moved by an extension, grant not running). Overdue
 * reminders chain weekly until the report is accepted. Notifications are keyed by report, due date and round, and a
 * round is scheduled once, so a retried job sends nothing twice.
 */
@Injectable()
export class GrantReminders {
  constructor(
    @Inject(GrantCore) private readonly core: GrantCore,
    @Inject(OutboxService) private readonly outbox: OutboxService,
  ) {}

  /** Schedules the first reminders of these reports (the one before the due date, if still ahead, and the first overdue). */
  async schedule(tx: Tx, reports: readonly { id: string; dueDate: Date }[], now = new Date()) {
    for (const r of reports) {
      const dueDate = formatDate(r.dueDate);
      const before = reminderAt(r.dueDate, 0);
      if (before.getTime() > now.getTime()) await this.enqueueOnce(tx, { reportId: r.id, dueDate, round: 0 }, before);
      const round = Math.min(currentOverdueRound(r.dueDate, now), MAX_OVERDUE_REMINDERS);
      await this.enqueueOnce(tx, { reportId: r.id, dueDate, round }, reminderAt(r.dueDate, round));
    }
  }

  private async enqueueOnce(tx: Tx, payload: JobPayload<'grant.reportReminder'>, availableAt: Date) {
    const [existing] = await tx.$queryRaw<{ id: bigint }[]>`
      SELECT id FROM "OutboxMessage"
      WHERE "jobName" = 'grant.reportReminder' AND payload @> ${JSON.stringify(payload)}::jsonb LIMIT 1`;
    if (!existing) await this.outbox.enqueue(tx, 'grant.reportReminder', payload, { availableAt });
  }

  async handle(payload: JobPayload<'grant.reportReminder'>, now = new Date()) {
    return this.core.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "GrantReport" WHERE id = ${payload.reportId}::uuid FOR UPDATE`;
      const report = await tx.grantReport.findUnique({ where: { id: payload.reportId } });
      if (!report || formatDate(report.dueDate) !== payload.dueDate) return { skipped: 'moved or gone' };
      if (report.status === 'ACCEPTED') return { skipped: 'accepted' };
      const row = await this.core.system(tx, report.grantId);
      if (!row || row.status === 'CLOSED') return { skipped: 'closed' };
      const late = payload.round > 0;
      // The next overdue reminder: the first weekly slot still ahead (a late run never sends a backlog).
      const next = Math.max(payload.round, currentOverdueRound(report.dueDate, now)) + 1;
      if (late && next <= MAX_OVERDUE_REMINDERS) {
        await this.enqueueOnce(tx, { ...payload, round: next }, reminderAt(report.dueDate, next));
      }
      // Nothing to remind while the report waits for review or the grant is suspended.
      if (report.status === 'SUBMITTED' || row.status === 'SUSPENDED') return { skipped: 'not now' };
      if (!late && report.dueDate.getTime() <= today(now).getTime()) return { skipped: 'due already' };
      const sent = await this.core.notifyConsortium(
        tx,
        row,
        'grant.report_reminder',
        {
          grantId: row.id,
          number: row.number,
          acronym: row.proposal.acronym,
          kind: report.kind,
          reportNumber: report.number,
          dueDate: payload.dueDate,
          daysLate: late ? Math.max(0, Math.floor((today(now).getTime() - report.dueDate.getTime()) / DAY)) : null,
        },
        `grant-report-reminder:${report.id}:${payload.dueDate}:${payload.round}`,
      );
      return { sent };
    });
  }
}
