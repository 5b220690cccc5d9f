import { z } from 'zod';
import type { FieldError } from '../contract/problem.js';

const Month = z.number().int().min(1).max(120);

export const MilestoneSchema = z.object({
  title: z.string().trim().min(1).max(200),
  dueMonth: Month,
  /** How the consortium will show it is reached (a deliverable, a report, a demonstration…). */
  verification: z.string().max(1000),
});

export const WorkPackageSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    objectives: z.string().max(5000),
    /** The partner leading the work package. */
    leadPartnerId: z.uuid().nullable(),
    startMonth: Month,
    endMonth: Month,
    milestones: z.array(MilestoneSchema).max(10),
  })
  .refine((wp) => wp.endMonth >= wp.startMonth, { path: ['endMonth'], message: 'must not be before the start month' });

export const WorkPlanSchema = z.object({ workPackages: z.array(WorkPackageSchema).max(20) });
export type WorkPlan = z.infer<typeof WorkPlanSchema>;

export const EMPTY_WORK_PLAN: WorkPlan = { workPackages: [] };

/**
 * Checks a work plan against its proposal: months within the duration, milestones within
 * their work package, leads among the partners. The API refuses a plan with errors; the web
 * app shows the same ones as the user types. Paths are relative to the plan.
 */
export function workPlanErrors(
  plan: WorkPlan,
  proposal: { durationMonths: number | null; partnerIds: readonly string[] },
): FieldError[] {
  const errors: FieldError[] = [];
  const duration = proposal.durationMonths;
  plan.workPackages.forEach((wp, i) => {
    const at = `workPackages.${i}`;
    if (wp.leadPartnerId && !proposal.partnerIds.includes(wp.leadPartnerId)) {
      errors.push({ path: `${at}.leadPartnerId`, code: 'unknown_partner', message: 'Not a partner of the consortium' });
    }
    if (duration !== null && wp.endMonth > duration) {
      errors.push({
        path: `${at}.endMonth`,
        code: 'after_duration',
        message: `must be within the project's ${duration} months`,
        params: { duration },
      });
    }
    wp.milestones.forEach((m, j) => {
      if (m.dueMonth < wp.startMonth || m.dueMonth > wp.endMonth) {
        errors.push({
          path: `${at}.milestones.${j}.dueMonth`,
          code: 'outside_work_package',
          message: `must be between months ${wp.startMonth} and ${wp.endMonth}`,
          params: { startMonth: wp.startMonth, endMonth: wp.endMonth },
        });
      }
    });
  });
  return errors;
}
