import type { GrantStatus } from './grants.contract.js';

/** Grant states in which the consortium works and tranches are paid. */
export const GRANT_WORKING_STATUSES: readonly GrantStatus[] = ['ACTIVE', 'FINAL_REPORT_DUE'];

/** Why a tranche cannot be released now. The API refuses the release with it (409); the web app explains it. */
export type ReleaseBlocker =
  | { code: 'grant_status'; status: GrantStatus }
  | { code: 'report_condition'; reportId: string }
  | { code: 'milestone_condition'; milestoneId: string }
  | { code: 'report_overdue' | 'report_not_accepted'; reportId: string };

export interface ReleaseRuleInput {
  status: GrantStatus;
  /** `overdue`: due date passed and not accepted. */
  reports: readonly { id: string; status: string; overdue: boolean }[];
  milestones: readonly { id: string; status: string }[];
}

/**
 * The release rule, one place for the API and the web app: the grant is working, the tranche's condition (a report or
 * a milestone) is accepted, and no report that is due is overdue or waiting for acceptance. Null when it can be paid.
 */
export function releaseBlocker(
  grant: ReleaseRuleInput,
  tranche: { condition: 'AGREEMENT' | 'REPORT' | 'MILESTONE'; reportId: string | null; milestoneId: string | null },
): ReleaseBlocker | null {
  if (!GRANT_WORKING_STATUSES.includes(grant.status)) return { code: 'grant_status', status: grant.status };
  if (tranche.condition === 'REPORT' && tranche.reportId) {
    const report = grant.reports.find((r) => r.id === tranche.reportId);
    if (report?.status !== 'ACCEPTED') return { code: 'report_condition', reportId: tranche.reportId };
  }
  if (tranche.condition === 'MILESTONE' && tranche.milestoneId) {
    const milestone = grant.milestones.find((m) => m.id === tranche.milestoneId);
    if (milestone?.status !== 'ACCEPTED') return { code: 'milestone_condition', milestoneId: tranche.milestoneId };
  }
  const late = grant.reports.find((r) => r.overdue);
  if (late) return { code: late.status === 'SUBMITTED' ? 'report_not_accepted' : 'report_overdue', reportId: late.id };
  return null;
}
