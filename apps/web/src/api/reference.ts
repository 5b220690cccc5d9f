import { contract } from '@kizuna/shared';
import { apiCall } from './client';

export const listProgrammes = (signal?: AbortSignal) => apiCall(contract.reference.programmes, { signal });
export const listCountries = (signal?: AbortSignal) => apiCall(contract.reference.countries, { signal });
