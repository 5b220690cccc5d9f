import {
  type BodyInputOf,
  type BudgetSummary,
  contract,
  type Proposal,
  type ResponseOf,
  type SubmissionSnapshot,
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

export type Budget = ResponseOf<typeof proposals.budget>;
export type Submission = ResponseOf<typeof proposals.submission>;
export type { BudgetSummary, SubmissionSnapshot };

export const createProposal = (body: CreateProposalBody) => apiCall(proposals.create, { body });
export const listMyProposals = (signal?: AbortSignal) => apiCall(proposals.listMine, { signal });
export const getProposal = (id: string, signal?: AbortSignal) => apiCall(proposals.get, { params: { id }, signal });
export const updateProposal = (id: string, body: UpdateProposalBody) =>
  apiCall(proposals.update, { params: { id }, body });
export const saveSection = (id: string, key: string, body: { content: string; version: number }) =>
  apiCall(proposals.updateSection, { params: { id, key }, body });
export const getBudget = (id: string, signal?: AbortSignal) => apiCall(proposals.budget, { params: { id }, signal });
export const setBudget = (id: string, body: { version: number; lines: BudgetLineInput[] }) =>
  apiCall(proposals.setBudget, { params: { id }, body });
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
export const getSubmission = (id: string, number: number, signal?: AbortSignal) =>
  apiCall(proposals.submission, { params: { id, number }, signal });
