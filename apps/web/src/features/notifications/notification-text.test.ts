import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { notificationText } from './notification-text';

const PROPOSAL_ID = '8c3e4d5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f';
const CALL_ID = '7b2d3c4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e';
const ASSIGNMENT_ID = 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f';

describe('notificationText of the review phase', () => {
  it('tells managers who declined, why, and the best replacements', () => {
    const text = notificationText(
      i18n.t,
      {
        type: 'review.declined',
        data: {
          callId: CALL_ID,
          acronym: 'MANGROVE-CR',
          reviewer: 'Aiko Tanaka',
          reason: 'On field work',
          replacements: [
            { name: 'Somchai P.', affinity: 0.734 },
            { name: 'Nguyen T.', affinity: 0.5 },
          ],
        },
      },
      'en',
    );
    expect(text.title).toBe('Aiko Tanaka declined to review MANGROVE-CR');
    expect(text.body).toBe('Reason: On field work. Best replacements: Somchai P. (0.73) and Nguyen T. (0.5).');
  });

  it('reminds a reviewer of the deadline in the call’s time zone, before and after it', () => {
    const data = {
      assignmentId: ASSIGNMENT_ID,
      acronym: 'MANGROVE-CR',
      callTitle: 'Climate 2027',
      deadline: '2026-05-01T10:00:00.000Z',
      timeZone: 'Asia/Bangkok',
    };
    const due = notificationText(
      i18n.t,
      { type: 'review.reminder', data: { ...data, daysLeft: 3, daysLate: null } },
      'en',
    );
    expect(due.title).toBe('Your review of MANGROVE-CR is due in 3 days');
    expect(due.body).toContain('17:00');
    expect(due.body).toContain('(Asia/Bangkok)');
    const late = notificationText(
      i18n.t,
      { type: 'review.reminder', data: { ...data, daysLeft: null, daysLate: 2 } },
      'en',
    );
    expect(late.title).toBe('Your review of MANGROVE-CR is overdue');
  });

  it('tells the consortium the decision is released, in Japanese too', async () => {
    const item = {
      type: 'proposal.decision_released' as const,
      data: { proposalId: PROPOSAL_ID, acronym: 'MANGROVE-CR', callTitle: 'Climate 2027', outcome: 'RESERVE' },
    };
    expect(notificationText(i18n.t, item, 'en').body).toContain('Reserve list');
    await i18n.changeLanguage('ja');
    expect(notificationText(i18n.t, item, 'ja').title).toBe('MANGROVE-CR の採否が公開されました');
  });

  it('falls back to a plain text when the data does not match its type', () => {
    expect(notificationText(i18n.t, { type: 'review.declined', data: { acronym: 1 } }, 'en').title).toBe(
      'New notification',
    );
  });
});
