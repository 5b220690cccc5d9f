import { FINAL_REPORT_GRACE_DAYS } from '@kizuna/shared';

/*
 * Calendar dates of a grant (start, end, due dates) are dates without a time zone: stored as PostgreSQL `date`, read by
 * Prisma as midnight UTC, and sent as YYYY-MM-DD. Everything here works on midnight-UTC Date objects.
 */

const DAY = 24 * 3600 * 1000;

/** "2027-03-01" → midnight UTC of that day. */
export function parseDate(value: string): Date {
  return new Date(`${value}T00:00:00.000Z`);
}

export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY);
}

/** Adds calendar months; a day that does not exist in the target month becomes its last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: Date, months: number): Date {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(date.getUTCDate(), lastDay)));
}

/** Today's date in UTC, at midnight. */
export function today(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** The last day of month `n` of a grant that starts on `start` (month 1 ends the day before start + 1 month). */
export function endOfMonth(start: Date, n: number): Date {
  return addDays(addMonths(start, n), -1);
}

/** Past its due date (which is still on time) and not accepted. */
export function isOverdue(dueDate: Date, accepted: boolean, now = new Date()): boolean {
  return !accepted && dueDate.getTime() < today(now).getTime();
}

export interface ScheduledReport {
  kind: 'PERIODIC' | 'FINAL';
  number: number;
  periodStart: Date;
  periodEnd: Date;
  dueDate: Date;
}

/**
 * The reports of a grant: a periodic report for every full period of `periodMonths` from the start date that ends
 * before the end date, due the day after its period; then the final report on the whole rest up to the end date, due
 * FINAL_REPORT_GRACE_DAYS after it.
 */
export function reportSchedule(start: Date, end: Date, periodMonths: number): ScheduledReport[] {
  const reports: ScheduledReport[] = [];
  let periodStart = start;
  for (let n = 1; ; n++) {
    const next = addMonths(start, n * periodMonths);
    const periodEnd = addDays(next, -1);
    if (periodEnd.getTime() >= end.getTime()) break;
    reports.push({ kind: 'PERIODIC', number: n, periodStart, periodEnd, dueDate: next });
    periodStart = next;
  }
  reports.push({
    kind: 'FINAL',
    number: 1,
    periodStart,
    periodEnd: end,
    dueDate: addDays(end, FINAL_REPORT_GRACE_DAYS),
  });
  return reports;
}

/** A report's name in English (for emails' data, 409 reasons and exports): "Periodic report 2", "Final report". */
export function reportName(r: { kind: string; number: number }): string {
  return r.kind === 'FINAL' ? 'Final report' : `Periodic report ${r.number}`;
}
