import { describe, expect, it } from 'vitest';
import { parseDate } from './grant-dates.js';
import { currentOverdueRound, reminderAt } from './grant-reminders.js';

describe('report reminders', () => {
  const due = parseDate('2027-03-01');

  it('comes two weeks before the due date, then the day after it and weekly', () => {
    expect(reminderAt(due, 0).toISOString()).toBe('2027-02-15T00:00:00.000Z');
    expect(reminderAt(due, 1).toISOString()).toBe('2027-03-02T00:00:00.000Z');
    expect(reminderAt(due, 3).toISOString()).toBe('2027-03-16T00:00:00.000Z');
  });

  it('picks up at the current week when it starts late, so no backlog is sent', () => {
    expect(currentOverdueRound(due, new Date('2027-02-20T00:00:00Z'))).toBe(1);
    expect(currentOverdueRound(due, new Date('2027-03-02T00:00:00Z'))).toBe(1);
    expect(currentOverdueRound(due, new Date('2027-03-08T23:00:00Z'))).toBe(1);
    expect(currentOverdueRound(due, new Date('2027-03-09T00:00:00Z'))).toBe(2);
    expect(currentOverdueRound(due, new Date('2027-04-27T00:00:00Z'))).toBe(9);
  });
});
