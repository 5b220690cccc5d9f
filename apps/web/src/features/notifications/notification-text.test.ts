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

  it('tells a reviewer a manager made them the rapporteur, in English and Japanese', async () => {
    const item = {
      type: 'review.rapporteur' as const,
      data: { assignmentId: ASSIGNMENT_ID, acronym: 'MANGROVE-CR', callTitle: 'Climate 2027' },
    };
    expect(notificationText(i18n.t, item, 'en')).toEqual({
      title: 'You are now the rapporteur of MANGROVE-CR',
      body: 'A programme manager asked you to write the consensus report on MANGROVE-CR (call “Climate 2027”); any draft already written is yours.',
    });
    await i18n.changeLanguage('ja');
    expect(notificationText(i18n.t, item, 'ja').title).toBe('MANGROVE-CR の取りまとめ役になりました');
    await i18n.changeLanguage('en');
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

describe('notificationText of grants', () => {
  const GRANT = { grantId: 'a7b8c9d0-e1f2-4a3b-8c4d-5e6f7a8b9c0d', number: 'KZ-2026-0001', acronym: 'MANGROVE-CR' };

  it('says a report is overdue and what it blocks', () => {
    const text = notificationText(
      i18n.t,
      {
        type: 'grant.report_reminder',
        data: { ...GRANT, kind: 'PERIODIC', reportNumber: 2, dueDate: '2028-01-31', daysLate: 8 },
      },
      'en',
    );
    expect(text.title).toBe('Grant KZ-2026-0001 (MANGROVE-CR): Periodic report 2 is overdue');
    expect(text.body).toBe(
      'Periodic report 2 was due on 31 Jan 2028 (8 days ago). No tranche is paid until it is accepted.',
    );
  });

  it('says which tranche was paid, in the partner’s currency, in Japanese too', () => {
    const item = {
      type: 'grant.tranche_released' as const,
      data: { ...GRANT, partner: 'Universiti Malaya', amount: '10000.00', currency: 'MYR', paidOn: '2027-02-01' },
    };
    expect(notificationText(i18n.t, item, 'en').body).toMatch(
      /^MYR\s10,000\.00 to Universiti Malaya, paid on 1 Feb 2027\.$/,
    );
    const ja = notificationText(i18n.getFixedT('ja'), item, 'ja');
    expect(ja.title).toBe('助成 KZ-2026-0001 (MANGROVE-CR): 分割払いが支払われました');
    expect(ja.body).toContain('Universiti Malaya に');
  });

  it('names the new state and the manager’s reason', () => {
    const text = notificationText(
      i18n.t,
      { type: 'grant.status_changed', data: { ...GRANT, status: 'SUSPENDED', reason: 'Audit' } },
      'en',
    );
    expect(text).toEqual({
      title: 'Grant KZ-2026-0001 (MANGROVE-CR) is now “Suspended”',
      body: 'Reason: Audit',
    });
  });

  it('tells the consortium a milestone was returned, with the comment', () => {
    const text = notificationText(
      i18n.t,
      {
        type: 'grant.reviewed',
        data: { ...GRANT, what: 'MILESTONE', title: 'Sites chosen', accepted: false, comment: 'Add the map' },
      },
      'en',
    );
    expect(text).toEqual({
      title: 'Grant KZ-2026-0001 (MANGROVE-CR): changes are asked to milestone “Sites chosen”',
      body: 'Comment: Add the map',
    });
  });
});

describe('notificationText of grant reports and amendments', () => {
  const GRANT = { grantId: 'a7b8c9d0-e1f2-4a3b-8c4d-5e6f7a8b9c0d', number: 'KZ-2026-0001', acronym: 'MANGROVE-CR' };

  it('names the report in the user’s language from its kind and number', () => {
    const item = {
      type: 'grant.submitted' as const,
      data: { ...GRANT, what: 'REPORT', title: 'Periodic report 2', subject: { report: 'PERIODIC', number: 2 } },
    };
    expect(notificationText(i18n.getFixedT('ja'), item, 'ja').title).toBe(
      '助成 KZ-2026-0001 (MANGROVE-CR): 定期報告 2が審査を待っています',
    );
    expect(notificationText(i18n.t, item, 'en').title).toBe(
      'Grant KZ-2026-0001 (MANGROVE-CR): Periodic report 2 waits for your review',
    );
  });

  it('names an amendment by its kind', () => {
    const item = {
      type: 'grant.reviewed' as const,
      data: {
        ...GRANT,
        what: 'AMENDMENT',
        title: 'Budget reallocation (1)',
        subject: { amendment: 'BUDGET_REALLOCATION', number: 1 },
        accepted: true,
        comment: '',
      },
    };
    expect(notificationText(i18n.getFixedT('ja'), item, 'ja').title).toBe(
      '助成 KZ-2026-0001 (MANGROVE-CR): 変更申請「予算の再配分（第 1 号）」が承認されました',
    );
  });
});
