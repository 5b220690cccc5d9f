import { describe, expect, it } from 'vitest';
import { releaseBlocker } from './tranche-rules.js';

const report = (id: string, status: string, overdue = false) => ({ id, status, overdue });
const agreement = { condition: 'AGREEMENT' as const, reportId: null, milestoneId: null };

describe('releaseBlocker', () => {
  it('lets an agreement tranche of an active grant with nothing late be paid', () => {
    expect(releaseBlocker({ status: 'ACTIVE', reports: [report('r1', 'DUE')], milestones: [] }, agreement)).toBeNull();
  });

  it('refuses while the grant is not working', () => {
    for (const status of ['AWARDED', 'SUSPENDED', 'CLOSED'] as const) {
      expect(releaseBlocker({ status, reports: [], milestones: [] }, agreement)).toEqual({
        code: 'grant_status',
        status,
      });
    }
  });

  it('waits for the condition to be accepted', () => {
    const grant = {
      status: 'ACTIVE' as const,
      reports: [report('r1', 'SUBMITTED')],
      milestones: [{ id: 'm1', status: 'SUBMITTED' }],
    };
    expect(releaseBlocker(grant, { condition: 'REPORT', reportId: 'r1', milestoneId: null })).toEqual({
      code: 'report_condition',
      reportId: 'r1',
    });
    expect(releaseBlocker(grant, { condition: 'MILESTONE', reportId: null, milestoneId: 'm1' })).toEqual({
      code: 'milestone_condition',
      milestoneId: 'm1',
    });
    const accepted = { ...grant, reports: [report('r1', 'ACCEPTED')], milestones: [{ id: 'm1', status: 'ACCEPTED' }] };
    expect(releaseBlocker(accepted, { condition: 'MILESTONE', reportId: null, milestoneId: 'm1' })).toBeNull();
  });

  it('refuses while a due report is overdue or waits for acceptance, whatever the condition', () => {
    expect(
      releaseBlocker({ status: 'ACTIVE', reports: [report('r1', 'DUE', true)], milestones: [] }, agreement),
    ).toEqual({ code: 'report_overdue', reportId: 'r1' });
    expect(
      releaseBlocker(
        { status: 'FINAL_REPORT_DUE', reports: [report('r2', 'SUBMITTED', true)], milestones: [] },
        agreement,
      ),
    ).toEqual({ code: 'report_not_accepted', reportId: 'r2' });
  });
});
