import { describe, expect, it } from 'vitest';
import { addMonths, endOfMonth, formatDate, isOverdue, parseDate, reportSchedule } from './grant-dates.js';

const d = parseDate;

describe('grant dates', () => {
  it('adds calendar months, keeping the day or taking the last day of a shorter month', () => {
    expect(formatDate(addMonths(d('2027-01-31'), 1))).toBe('2027-02-28');
    expect(formatDate(addMonths(d('2028-01-31'), 1))).toBe('2028-02-29');
    expect(formatDate(addMonths(d('2027-11-15'), 3))).toBe('2028-02-15');
    expect(formatDate(endOfMonth(d('2027-03-01'), 6))).toBe('2027-08-31');
  });

  it('schedules a periodic report per full period before the end, then the final report 60 days after the end', () => {
    const schedule = reportSchedule(d('2027-03-01'), d('2030-02-28'), 12).map((r) => ({
      ...r,
      periodStart: formatDate(r.periodStart),
      periodEnd: formatDate(r.periodEnd),
      dueDate: formatDate(r.dueDate),
    }));
    expect(schedule).toEqual([
      { kind: 'PERIODIC', number: 1, periodStart: '2027-03-01', periodEnd: '2028-02-29', dueDate: '2028-03-01' },
      { kind: 'PERIODIC', number: 2, periodStart: '2028-03-01', periodEnd: '2029-02-28', dueDate: '2029-03-01' },
      { kind: 'FINAL', number: 1, periodStart: '2029-03-01', periodEnd: '2030-02-28', dueDate: '2030-04-29' },
    ]);
    // A grant shorter than one period has the final report only.
    expect(reportSchedule(d('2027-03-01'), d('2027-12-31'), 12).map((r) => r.kind)).toEqual(['FINAL']);
    // A six-month period.
    expect(reportSchedule(d('2027-01-01'), d('2028-06-30'), 6).map((r) => `${r.kind}${r.number}`)).toEqual([
      'PERIODIC1',
      'PERIODIC2',
      'FINAL1',
    ]);
  });

  it('is overdue only after the due date and when not accepted', () => {
    const now = new Date('2027-05-10T23:59:00Z');
    expect(isOverdue(d('2027-05-10'), false, now)).toBe(false);
    expect(isOverdue(d('2027-05-09'), false, now)).toBe(true);
    expect(isOverdue(d('2027-05-09'), true, now)).toBe(false);
  });
});
