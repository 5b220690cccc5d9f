import { adminContract } from '../admin/users.contract.js';
import { authContract } from '../auth/auth.contract.js';
import { callsContract } from '../calls/calls.contract.js';
import { grantsContract } from '../grants/grants.contract.js';
import { portfolioContract } from '../grants/portfolio.contract.js';
import { healthContract } from '../health/health.contract.js';
import { jobsContract } from '../jobs/jobs.contract.js';
import { announcementsContract, notificationsContract } from '../notifications/notifications.contract.js';
import { manageProposalsContract } from '../proposals/manage.contract.js';
import { proposalsContract } from '../proposals/proposals.contract.js';
import { referenceContract } from '../reference/reference.contract.js';
import { evaluationContract } from '../reviews/evaluation.contract.js';
import { reviewerContract } from '../reviews/reviewer.contract.js';
import type { Operation } from './operation.js';

/** Every operation of the HTTP API, by feature. The API serves exactly these (a test checks). */
export const contract = {
  auth: authContract,
  admin: adminContract,
  reference: referenceContract,
  health: healthContract,
  notifications: notificationsContract,
  announcements: announcementsContract,
  jobs: jobsContract,
  calls: callsContract,
  proposals: proposalsContract,
  manageProposals: manageProposalsContract,
  reviewer: reviewerContract,
  evaluation: evaluationContract,
  grants: { ...grantsContract, ...portfolioContract },
} as const;

export function allOperations(): Operation[] {
  return Object.values(contract).flatMap((group) => Object.values(group) as Operation[]);
}
