import { contract, type QueryOf } from '@kizuna/shared';
import { apiCall } from './client';

export type InstitutionsQuery = NonNullable<QueryOf<typeof contract.reference.institutions>>;

export const listProgrammes = (signal?: AbortSignal) => apiCall(contract.reference.programmes, { signal });
export const listCountries = (signal?: AbortSignal) => apiCall(contract.reference.countries, { signal });
/** The institution directory, by country and name (at most 50 matches). */
export const listInstitutions = (query: InstitutionsQuery, signal?: AbortSignal) =>
  apiCall(contract.reference.institutions, { query, signal });
