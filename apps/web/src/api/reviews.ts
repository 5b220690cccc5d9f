import {
  type BodyInputOf,
  contract,
  type Panel,
  type ResponseOf,
  type Review,
  type ReviewContent,
  type ReviewerProfile,
  type ReviewerProposalView,
} from '@kizuna/shared';
import { apiCall, operationUrl } from './client';

const reviewer = contract.reviewer;
const evaluation = contract.evaluation;

/* The reviewer's side: profile, invitations, the review form and the panel. */

export type SaveProfileBody = BodyInputOf<typeof reviewer.saveProfile>;
export type MyAssignment = ResponseOf<typeof reviewer.assignments>[number];
export type AssignmentStatus = MyAssignment['status'];
export type { Panel, Review, ReviewContent, ReviewerProfile, ReviewerProposalView };

export const getReviewerProfile = (signal?: AbortSignal) => apiCall(reviewer.getProfile, { signal });
export const saveReviewerProfile = (body: SaveProfileBody) => apiCall(reviewer.saveProfile, { body });
export const respondToPool = (body: BodyInputOf<typeof reviewer.respondToPool>) =>
  apiCall(reviewer.respondToPool, { body });
export const listMyAssignments = (signal?: AbortSignal) => apiCall(reviewer.assignments, { signal });
export const respondToAssignment = (id: string, body: BodyInputOf<typeof reviewer.respond>) =>
  apiCall(reviewer.respond, { params: { id }, body });
export const respondByToken = (body: BodyInputOf<typeof reviewer.respondByToken>) =>
  apiCall(reviewer.respondByToken, { body });
export const declareConflict = (id: string, reason: string) =>
  apiCall(reviewer.declareConflict, { params: { id }, body: { reason } });
export const getReviewerProposal = (id: string, signal?: AbortSignal) =>
  apiCall(reviewer.proposal, { params: { id }, signal });
/** A submitted attachment, as a plain link: the browser downloads it with the session cookie. */
export const reviewerAttachmentUrl = (assignmentId: string, key: string) =>
  operationUrl(reviewer.attachment, { id: assignmentId, key });
export const getReview = (id: string, signal?: AbortSignal) => apiCall(reviewer.review, { params: { id }, signal });
export const saveReview = (id: string, body: ReviewContent & { version: number }) =>
  apiCall(reviewer.saveReview, { params: { id }, body });
export const submitReview = (id: string, version: number) =>
  apiCall(reviewer.submitReview, { params: { id }, body: { version } });
/** A proposal's panel: `proposalId` is the proposal's id, not the assignment's. */
export const getPanel = (proposalId: string, signal?: AbortSignal) =>
  apiCall(reviewer.panel, { params: { id: proposalId }, signal });
export const postPanelMessage = (proposalId: string, body: string) =>
  apiCall(reviewer.postMessage, { params: { id: proposalId }, body: { body } });
export const saveConsensus = (proposalId: string, body: BodyInputOf<typeof reviewer.saveConsensus>) =>
  apiCall(reviewer.saveConsensus, { params: { id: proposalId }, body });
export const approveConsensus = (proposalId: string, version: number) =>
  apiCall(reviewer.approveConsensus, { params: { id: proposalId }, body: { version } });
export const setRapporteur = (proposalId: string, ordinal: number) =>
  apiCall(reviewer.setRapporteur, { params: { id: proposalId }, body: { ordinal } });

/* The managers' side: settings, pool, conflicts, assignment, progress, ranking and decisions. */

export type ReviewSettings = ResponseOf<typeof evaluation.settings>;
export type SaveSettingsBody = BodyInputOf<typeof evaluation.saveSettings>;
export type PoolMember = ResponseOf<typeof evaluation.pool>[number];
export type Conflict = ResponseOf<typeof evaluation.conflicts>[number];
export type AssignmentBoard = ResponseOf<typeof evaluation.board>;
export type BoardProposal = AssignmentBoard['proposals'][number];
export type AssignmentRow = BoardProposal['assignments'][number];
export type Replacement = ResponseOf<typeof evaluation.replacements>[number];
export type ReviewProgress = ResponseOf<typeof evaluation.progress>;
export type Ranking = ResponseOf<typeof evaluation.ranking>;
export type RankingRow = Ranking['rows'][number];
export type FundingPlan = ResponseOf<typeof evaluation.fundingPlan>;
export type DecisionBody = BodyInputOf<typeof evaluation.decide>;
export type ProposalOutcome = ResponseOf<typeof evaluation.outcome>;

export const getReviewSettings = (callId: string, signal?: AbortSignal) =>
  apiCall(evaluation.settings, { params: { id: callId }, signal });
export const saveReviewSettings = (callId: string, body: SaveSettingsBody) =>
  apiCall(evaluation.saveSettings, { params: { id: callId }, body });
export const listPool = (callId: string, signal?: AbortSignal) =>
  apiCall(evaluation.pool, { params: { id: callId }, signal });
export const invitePool = (callId: string, body: BodyInputOf<typeof evaluation.invitePool>) =>
  apiCall(evaluation.invitePool, { params: { id: callId }, body });
export const listConflicts = (callId: string, signal?: AbortSignal) =>
  apiCall(evaluation.conflicts, { params: { id: callId }, signal });
export const setConflict = (callId: string, body: BodyInputOf<typeof evaluation.setConflict>) =>
  apiCall(evaluation.setConflict, { params: { id: callId }, body });
export const liftConflict = (conflictId: string, reason: string) =>
  apiCall(evaluation.liftConflict, { params: { id: conflictId }, body: { reason } });
export const runAssignment = (callId: string) => apiCall(evaluation.runAssignment, { params: { id: callId } });
export const getBoard = (callId: string, signal?: AbortSignal) =>
  apiCall(evaluation.board, { params: { id: callId }, signal });
export const addAssignment = (callId: string, body: BodyInputOf<typeof evaluation.addAssignment>) =>
  apiCall(evaluation.addAssignment, { params: { id: callId }, body });
export const removeAssignment = (assignmentId: string) =>
  apiCall(evaluation.removeAssignment, { params: { id: assignmentId } });
export const sendInvitations = (callId: string) => apiCall(evaluation.sendInvitations, { params: { id: callId } });
export const listReplacements = (assignmentId: string, signal?: AbortSignal) =>
  apiCall(evaluation.replacements, { params: { id: assignmentId }, signal });
export const getProgress = (callId: string, signal?: AbortSignal) =>
  apiCall(evaluation.progress, { params: { id: callId }, signal });
export const getRanking = (callId: string, signal?: AbortSignal) =>
  apiCall(evaluation.ranking, { params: { id: callId }, signal });
export const getFundingPlan = (callId: string, minMerit: number | undefined, signal?: AbortSignal) =>
  apiCall(evaluation.fundingPlan, { params: { id: callId }, query: { minMerit }, signal });
export const decide = (proposalId: string, body: DecisionBody) =>
  apiCall(evaluation.decide, { params: { id: proposalId }, body });
export const releaseDecisions = (callId: string) => apiCall(evaluation.release, { params: { id: callId } });
/** The ranking as a file: a plain link, downloaded by the browser with the session cookie. */
export const rankingExportUrl = (callId: string, format: 'csv' | 'xlsx') =>
  operationUrl(evaluation.exportRanking, { id: callId }, { format });
export const getOutcome = (proposalId: string, signal?: AbortSignal) =>
  apiCall(evaluation.outcome, { params: { id: proposalId }, signal });
