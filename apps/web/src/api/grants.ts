import {
  type BodyInputOf,
  contract,
  type Grant,
  type GrantReport,
  type QueryOf,
  type ResponseOf,
} from '@kizuna/shared';
import { apiCall, operationUrl, uploadFile } from './client';

const g = contract.grants;

/* Grants: award, agreement, states, milestones, reports, tranches and amendments (see grants.contract.ts). */

export type { Grant, GrantReport };
export type GrantListQuery = QueryOf<typeof g.list>;
export type GrantListPage = ResponseOf<typeof g.list>;
export type GrantListItem = GrantListPage['items'][number];
export type GrantMilestone = Grant['milestones'][number];
export type GrantReportSummary = Grant['reports'][number];
export type GrantTranche = Grant['tranches'][number];
export type GrantAmendment = Grant['amendments'][number];
export type GrantPartner = Grant['partners'][number];
export type GrantHistoryEntry = ResponseOf<typeof g.history>[number];
export type AwardBody = BodyInputOf<typeof g.award>;
export type SaveReportBody = BodyInputOf<typeof g.saveReport>;
export type ReviewDecisionBody = BodyInputOf<typeof g.reviewMilestone>;
export type CreateTrancheBody = BodyInputOf<typeof g.createTranche>;
export type ReleaseTrancheBody = BodyInputOf<typeof g.releaseTranche>;
export type RequestAmendmentBody = BodyInputOf<typeof g.requestAmendment>;
export type DecideAmendmentBody = BodyInputOf<typeof g.decideAmendment>;

export const awardGrant = (proposalId: string, body: AwardBody) =>
  apiCall(g.award, { params: { id: proposalId }, body });
export const listGrants = (query: GrantListQuery, signal?: AbortSignal) => apiCall(g.list, { query, signal });
export const getGrant = (id: string, signal?: AbortSignal) => apiCall(g.get, { params: { id }, signal });
export const getGrantHistory = (id: string, signal?: AbortSignal) => apiCall(g.history, { params: { id }, signal });
/** The agreement PDF, as a plain link: the browser downloads it with the session cookie. */
export const agreementUrl = (id: string) => operationUrl(g.agreement, { id });
export const acknowledgeAgreement = (id: string, version: number) =>
  apiCall(g.acknowledge, { params: { id }, body: { version } });
export const suspendGrant = (id: string, reason: string) => apiCall(g.suspend, { params: { id }, body: { reason } });
export const resumeGrant = (id: string, reason: string) => apiCall(g.resume, { params: { id }, body: { reason } });
export const markFinalReportDue = (id: string) => apiCall(g.markFinalReportDue, { params: { id } });
export const closeGrant = (id: string) => apiCall(g.close, { params: { id } });
export const submitMilestone = (id: string, body: BodyInputOf<typeof g.submitMilestone>) =>
  apiCall(g.submitMilestone, { params: { id }, body });
export const reviewMilestone = (id: string, body: ReviewDecisionBody) =>
  apiCall(g.reviewMilestone, { params: { id }, body });
export const getGrantReport = (id: string, signal?: AbortSignal) => apiCall(g.report, { params: { id }, signal });
export const saveGrantReport = (id: string, body: SaveReportBody) => apiCall(g.saveReport, { params: { id }, body });
export const submitGrantReport = (id: string, version: number) =>
  apiCall(g.submitReport, { params: { id }, body: { version } });
export const reviewGrantReport = (id: string, body: ReviewDecisionBody) =>
  apiCall(g.reviewReport, { params: { id }, body });
export const createTranche = (grantId: string, body: CreateTrancheBody) =>
  apiCall(g.createTranche, { params: { id: grantId }, body });
export const releaseTranche = (id: string, body: ReleaseTrancheBody) =>
  apiCall(g.releaseTranche, { params: { id }, body });
export const cancelTranche = (id: string) => apiCall(g.cancelTranche, { params: { id } });
export const requestAmendment = (grantId: string, body: RequestAmendmentBody) =>
  apiCall(g.requestAmendment, { params: { id: grantId }, body });
export const decideAmendment = (id: string, body: DecideAmendmentBody) =>
  apiCall(g.decideAmendment, { params: { id }, body });

export type MilestoneFile = GrantMilestone['files'][number];
export const uploadMilestoneFile = (id: string, file: File) =>
  uploadFile(g.uploadMilestoneFile, { params: { id }, file });
export const deleteMilestoneFile = (id: string, fileId: string) =>
  apiCall(g.deleteMilestoneFile, { params: { id, fileId } });
/** A milestone evidence file, as a plain link: the browser downloads it with the session cookie. */
export const milestoneFileUrl = (id: string, fileId: string) => operationUrl(g.downloadMilestoneFile, { id, fileId });
