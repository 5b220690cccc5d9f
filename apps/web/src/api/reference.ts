import { type BodyInputOf, contract, type QueryOf, type ResponseOf } from '@kizuna/shared';
import { apiCall } from './client';

export type InstitutionsQuery = NonNullable<QueryOf<typeof contract.reference.institutions>>;

export const listProgrammes = (signal?: AbortSignal) => apiCall(contract.reference.programmes, { signal });
export const listCountries = (signal?: AbortSignal) => apiCall(contract.reference.countries, { signal });
/** The institution directory, by country and name (at most 50 matches). */
export const listInstitutions = (query: InstitutionsQuery, signal?: AbortSignal) =>
  apiCall(contract.reference.institutions, { query, signal });

export type Institution = ResponseOf<typeof contract.reference.institutions>[number];
export type InstitutionRequestBody = BodyInputOf<typeof contract.reference.requestInstitution>;
export type InstitutionRequest = ResponseOf<typeof contract.reference.institutionRequests>[number];
export type ReviewInstitutionRequestBody = BodyInputOf<typeof contract.reference.reviewInstitutionRequest>;

/** Asks for a missing institution: the requester may use it at once; others once an admin approves it. */
export const requestInstitution = (body: InstitutionRequestBody) =>
  apiCall(contract.reference.requestInstitution, { body });
/** Institutions users asked to add, pending first (admins). */
export const listInstitutionRequests = (signal?: AbortSignal) =>
  apiCall(contract.reference.institutionRequests, { signal });
export const reviewInstitutionRequest = (id: string, body: ReviewInstitutionRequestBody) =>
  apiCall(contract.reference.reviewInstitutionRequest, { params: { id }, body });
