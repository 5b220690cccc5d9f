import { describe, expect, it } from 'vitest';
import { NOTIFICATION_EMAILS } from './notification-templates.js';

const GRANT = { grantId: '00000000-0000-7000-8000-000000000001', number: 'KZ-2026-0001', acronym: 'MANGROVE' };

describe('grant notification emails', () => {
  it('name a report in the reader’s language from its kind and number, not the English title', () => {
    const data = { ...GRANT, what: 'REPORT', title: 'Periodic report 2', subject: { report: 'PERIODIC', number: 2 } };
    expect(NOTIFICATION_EMAILS['grant.submitted']('ja', data).summary).toBe(
      'MANGROVE が報告書を提出しました: 第2回定期報告書',
    );
    expect(NOTIFICATION_EMAILS['grant.submitted']('en', data).summary).toBe(
      'MANGROVE submitted a report: Periodic report 2',
    );
  });

  it('name an amendment by its kind, and keep a milestone’s own title', () => {
    const amendment = {
      ...GRANT,
      what: 'AMENDMENT',
      title: 'No-cost extension (3)',
      subject: { amendment: 'NO_COST_EXTENSION', number: 3 },
      accepted: true,
      comment: '',
    };
    expect(NOTIFICATION_EMAILS['grant.reviewed']('ja', amendment).subject).toBe(
      '【Kizuna】KZ-2026-0001: 変更申請「無償期間延長（第3号）」は承認されました',
    );
    const milestone = { ...GRANT, what: 'MILESTONE', title: 'Sites equipped', accepted: false, comment: 'Add photos' };
    expect(NOTIFICATION_EMAILS['grant.reviewed']('en', milestone).subject).toBe(
      'KZ-2026-0001: milestone "Sites equipped" returned for changes',
    );
  });
});

describe('review notification emails', () => {
  it('tell a new rapporteur which proposal and call, in their language', () => {
    const data = {
      assignmentId: '00000000-0000-7000-8000-000000000002',
      acronym: 'MANGROVE',
      callTitle: 'Climate 2027',
    };
    const en = NOTIFICATION_EMAILS['review.rapporteur']('en', data);
    expect(en.subject).toBe('You are now the rapporteur: MANGROVE');
    expect(en.paragraphs[0]).toContain('in the call “Climate 2027”');
    expect(NOTIFICATION_EMAILS['review.rapporteur']('ja', data).subject).toBe(
      '【Kizuna】取りまとめ役になりました: MANGROVE',
    );
  });
});
