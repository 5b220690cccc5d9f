import { describe, expect, it } from 'vitest';
import { dueReminder } from './review-reminders.js';

const deadline = new Date('2027-03-01T08:00:00Z');
const at = (hoursBefore: number) => new Date(deadline.getTime() - hoursBefore * 3600_000);
const schedule = { reminderDaysBefore: [7, 1], overdueEveryDays: 3 };

describe('review reminders on the call schedule', () => {
  it('sends nothing until the first reminder day is reached', () => {
    expect(dueReminder(at(7 * 24 + 1), deadline, schedule)).toBeNull();
  });

  it('picks the nearest reached reminder before the deadline, with the days left', () => {
    expect(dueReminder(at(7 * 24), deadline, schedule)).toEqual({ key: 'before:7', daysLeft: 7, daysLate: null });
    expect(dueReminder(at(3 * 24), deadline, schedule)).toEqual({ key: 'before:7', daysLeft: 3, daysLate: null });
    // A worker that was down for days catches up with one reminder, not two.
    expect(dueReminder(at(5), deadline, schedule)).toEqual({ key: 'before:1', daysLeft: 1, daysLate: null });
  });

  it('after the deadline reminds at once and then every n days, counting days late', () => {
    expect(dueReminder(at(0), deadline, schedule)).toEqual({ key: 'overdue:0', daysLeft: null, daysLate: 0 });
    expect(dueReminder(at(-(2 * 24 + 23)), deadline, schedule)).toMatchObject({ key: 'overdue:0', daysLate: 2 });
    expect(dueReminder(at(-3 * 24), deadline, schedule)).toMatchObject({ key: 'overdue:1', daysLate: 3 });
    expect(dueReminder(at(-7 * 24), deadline, schedule)).toMatchObject({ key: 'overdue:2', daysLate: 7 });
  });

  it('sends no overdue reminders when the call says so', () => {
    expect(dueReminder(at(-24), deadline, { reminderDaysBefore: [2], overdueEveryDays: 0 })).toBeNull();
  });
});
