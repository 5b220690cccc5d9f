import { type WorkPlan, WorkPlanSchema, workPlanErrors } from '@kizuna/shared';
import { decodeIssue, type Issue, zodIssueOptions } from '../../../lib/form-errors';

/* The work plan as the form holds it, and the checks the editor runs on it as the user types. */

export interface MilestoneValues {
  title: string;
  /** null while empty. */
  dueMonth: number | null;
  verification: string;
}

export interface WorkPackageValues {
  title: string;
  objectives: string;
  /** '' for no lead yet (the select's empty option). */
  leadPartnerId: string;
  startMonth: number | null;
  endMonth: number | null;
  milestones: MilestoneValues[];
}

export interface WorkPlanValues {
  workPackages: WorkPackageValues[];
}

export const EMPTY_MILESTONE: MilestoneValues = { title: '', dueMonth: null, verification: '' };

/** A new work package: the project's whole span when the duration is known. */
export function newWorkPackage(durationMonths: number | null): WorkPackageValues {
  return {
    title: '',
    objectives: '',
    leadPartnerId: '',
    startMonth: 1,
    endMonth: durationMonths,
    milestones: [],
  };
}

export function planToValues(plan: WorkPlan | undefined | null): WorkPlanValues {
  return {
    workPackages: (plan?.workPackages ?? []).map((wp) => ({
      title: wp.title,
      objectives: wp.objectives,
      leadPartnerId: wp.leadPartnerId ?? '',
      startMonth: wp.startMonth,
      endMonth: wp.endMonth,
      milestones: wp.milestones.map((m) => ({ title: m.title, dueMonth: m.dueMonth, verification: m.verification })),
    })),
  };
}

/** What the form holds as the body the API takes (empty months stay null, for the schema to report). */
export function valuesToPlan(values: Partial<WorkPlanValues> | undefined): WorkPlan {
  return {
    workPackages: (values?.workPackages ?? []).map((wp) => ({
      title: wp?.title ?? '',
      objectives: wp?.objectives ?? '',
      leadPartnerId: wp?.leadPartnerId ? wp.leadPartnerId : null,
      startMonth: wp?.startMonth as number,
      endMonth: wp?.endMonth as number,
      milestones: (wp?.milestones ?? []).map((m) => ({
        title: m?.title ?? '',
        dueMonth: m?.dueMonth as number,
        verification: m?.verification ?? '',
      })),
    })),
  };
}

/** Same plan, whatever the key order or the way it was typed. */
export function samePlan(a: WorkPlan, b: WorkPlan): boolean {
  return JSON.stringify(valuesToPlan(planToValues(a))) === JSON.stringify(valuesToPlan(planToValues(b)));
}

function isMonth(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Where the schema's refine points (it has no code of its own), what it checks: the same for the browser's and the
 * server's errors.
 */
export function refinedWorkPlanCode(path: string, code: string): string {
  return code === 'custom' && /^workPackages\.\d+\.endMonth$/.test(path) ? 'ends_before_start' : code;
}

/**
 * Every problem of the plan by field path ("workPackages.0.milestones.1.dueMonth"): the contract's schema (required
 * titles, months 1–120, end not before start) and workPlanErrors, the checks the API runs against the proposal
 * (months within the duration, milestones within their work package, leads among the partners).
 */
export function workPlanIssues(
  values: Partial<WorkPlanValues> | undefined,
  proposal: { durationMonths: number | null; partnerIds: readonly string[] },
): Map<string, Issue> {
  const issues = new Map<string, Issue>();
  const plan = valuesToPlan(values);
  const parsed = WorkPlanSchema.safeParse(plan, zodIssueOptions);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      const decoded = decodeIssue(issue.message) ?? { code: 'custom' };
      if (!issues.has(path)) issues.set(path, { ...decoded, code: refinedWorkPlanCode(path, decoded.code) });
    }
  }
  // The proposal's checks compare months: only those typed in take part (an empty one is reported above).
  const comparable: WorkPlan = {
    workPackages: plan.workPackages.map((wp) => ({
      ...wp,
      startMonth: isMonth(wp.startMonth) ? wp.startMonth : Number.NaN,
      endMonth: isMonth(wp.endMonth) ? wp.endMonth : Number.NaN,
      milestones: wp.milestones.map((m) => ({ ...m, dueMonth: isMonth(m.dueMonth) ? m.dueMonth : Number.NaN })),
    })),
  };
  for (const error of workPlanErrors(comparable, proposal)) {
    if (!issues.has(error.path)) issues.set(error.path, { code: error.code, params: error.params });
  }
  return issues;
}
