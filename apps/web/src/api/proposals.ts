import {
  type BodyInputOf,
  type BudgetResult,
  contract,
  type EligibilityReport,
  type Proposal,
  type ResponseOf,
} from '@kizuna/shared';
import { apiCall, operationUrl, uploadFile } from './client';

const proposals = contract.proposals;

export type CreateProposalBody = BodyInputOf<typeof proposals.create>;
export type UpdateProposalBody = BodyInputOf<typeof proposals.update>;
export type InviteBody = BodyInputOf<typeof proposals.invite>;
export type BudgetLineInput = BodyInputOf<typeof proposals.setBudget>['lines'][number];
export type ProposalSummary = ResponseOf<typeof proposals.listMine>[number];
export type ProposalSection = Proposal['sections'][number];
export type ProposalPartner = Proposal['partners'][number];
export type Invitation = ResponseOf<typeof proposals.invitations>[number];
export type InvitationPreview = ResponseOf<typeof proposals.previewInvitation>;
export type WorkPlanBody = BodyInputOf<typeof proposals.setWorkPlan>;

/**
 * The totals the server sends with a budget: computeBudget's result without the rules it applied (the contract's
 * BudgetSchema keeps only these fields, and types partners and errors loosely; they are computeBudget's).
 */
export type BudgetSummary = Pick<
  BudgetResult,
  'callCurrency' | 'grandTotal' | 'partners' | 'byYear' | 'byCategory' | 'byAgency' | 'errors'
>;

/** A budget as the server answers it. */
export interface Budget {
  version: number;
  lines: BudgetLineInput[];
  summary: BudgetSummary;
}

/** What a submission froze (see ProposalsService.submit): the proposal, its budget and the eligibility report. */
/** The proposal as a submission froze it: submissions made before work plans existed have none. */
export type SnapshotProposal = Omit<Proposal, 'workPlan' | 'workPlanVersion'> &
  Partial<Pick<Proposal, 'workPlan' | 'workPlanVersion'>>;

export interface SubmissionSnapshot {
  proposal: SnapshotProposal;
  budget: { lines: BudgetLineInput[]; summary: BudgetSummary };
  eligibility: EligibilityReport;
}

export interface Submission {
  number: number;
  submittedAt: string;
  snapshot: SubmissionSnapshot;
}

export const createProposal = (body: CreateProposalBody) => apiCall(proposals.create, { body });
export const listMyProposals = (signal?: AbortSignal) => apiCall(proposals.listMine, { signal });
export const getProposal = (id: string, signal?: AbortSignal) => apiCall(proposals.get, { params: { id }, signal });
export const updateProposal = (id: string, body: UpdateProposalBody) =>
  apiCall(proposals.update, { params: { id }, body });
export const saveSection = (id: string, key: string, body: { content: string; version: number }) =>
  apiCall(proposals.updateSection, { params: { id, key }, body });
export const getBudget = async (id: string, signal?: AbortSignal) =>
  (await apiCall(proposals.budget, { params: { id }, signal })) as unknown as Budget;
export const setBudget = async (id: string, body: { version: number; lines: BudgetLineInput[] }) =>
  (await apiCall(proposals.setBudget, { params: { id }, body })) as unknown as Budget;
export const getEligibility = (id: string, signal?: AbortSignal) =>
  apiCall(proposals.eligibility, { params: { id }, signal });
export const invite = (id: string, body: InviteBody) => apiCall(proposals.invite, { params: { id }, body });
export const listInvitations = (id: string, signal?: AbortSignal) =>
  apiCall(proposals.invitations, { params: { id }, signal });
/** Withdraws a pending invitation (lead PI): its link stops working. */
export const revokeInvitation = (id: string, invitationId: string) =>
  apiCall(proposals.revokeInvitation, { params: { id, invitationId } });
/** What an invitation is for, read with its token (no account needed; the token is not used up). */
export const previewInvitation = (token: string, signal?: AbortSignal) =>
  apiCall(proposals.previewInvitation, { body: { token }, signal });
/** Replaces the work plan; answers the whole proposal (with the new workPlanVersion). */
export const setWorkPlan = (id: string, body: WorkPlanBody) => apiCall(proposals.setWorkPlan, { params: { id }, body });
export const acceptInvitation = (token: string) => apiCall(proposals.acceptInvitation, { body: { token } });
export const declineInvitation = (token: string) => apiCall(proposals.declineInvitation, { body: { token } });
export const uploadAttachment = (id: string, key: string, file: File) =>
  uploadFile(proposals.uploadAttachment, { params: { id, key }, file });
/** A plain link: the browser downloads the file with the session cookie. */
export const attachmentUrl = (id: string, key: string) => operationUrl(proposals.downloadAttachment, { id, key });
export const submitProposal = (id: string) => apiCall(proposals.submit, { params: { id } });
export const withdrawProposal = (id: string) => apiCall(proposals.withdraw, { params: { id } });
export const getSubmission = async (id: string, number: number, signal?: AbortSignal) =>
  (await apiCall(proposals.submission, { params: { id, number }, signal })) as unknown as Submission;
