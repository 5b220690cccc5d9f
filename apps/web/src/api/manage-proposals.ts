import { type BodyInputOf, contract, type QueryOf, type ResponseOf } from '@kizuna/shared';
import { apiCall, operationUrl } from './client';

const manage = contract.manageProposals;

export type ManagedProposalsQuery = NonNullable<QueryOf<typeof manage.list>>;
export type ProposalFilters = NonNullable<QueryOf<typeof manage.stats>>;
export type ManagedProposal = ResponseOf<typeof manage.list>['items'][number];
export type EligibilityVerdictBody = BodyInputOf<typeof manage.overrideEligibility>;

export const listManagedProposals = (query: ManagedProposalsQuery, signal?: AbortSignal) =>
  apiCall(manage.list, { query, signal });
export const proposalStats = (query: ProposalFilters, signal?: AbortSignal) => apiCall(manage.stats, { query, signal });
/** The filtered list as a file: a plain link, downloaded by the browser. */
export const exportProposalsUrl = (filters: ProposalFilters, format: 'csv' | 'xlsx') =>
  operationUrl(manage.export, undefined, { ...filters, format });
export const runEligibility = (callId: string) => apiCall(manage.runEligibility, { params: { id: callId } });
export const overrideEligibility = (id: string, body: EligibilityVerdictBody) =>
  apiCall(manage.overrideEligibility, { params: { id }, body });
