import { type BodyInputOf, contract, type QueryOf } from '@kizuna/shared';
import { apiCall } from './client';

const calls = contract.calls;

export type PublicCallsQuery = NonNullable<QueryOf<typeof calls.listPublic>>;
export type ManagedCallsQuery = NonNullable<QueryOf<typeof calls.listManaged>>;
export type CreateCallBody = BodyInputOf<typeof calls.create>;
export type UpdateCallBody = BodyInputOf<typeof calls.update>;
export type ProgrammeInput = BodyInputOf<typeof calls.createProgramme>;

export const listPublicCalls = (query: PublicCallsQuery, signal?: AbortSignal) =>
  apiCall(calls.listPublic, { query, signal });
export const getCall = (id: string, signal?: AbortSignal) => apiCall(calls.get, { params: { id }, signal });
export const listManagedCalls = (query: ManagedCallsQuery, signal?: AbortSignal) =>
  apiCall(calls.listManaged, { query, signal });
export const createCall = (body: CreateCallBody) => apiCall(calls.create, { body });
export const updateCall = (id: string, body: UpdateCallBody) => apiCall(calls.update, { params: { id }, body });
export const publishCall = (id: string, version: number) =>
  apiCall(calls.publish, { params: { id }, body: { version } });
export const listManagedProgrammes = (signal?: AbortSignal) => apiCall(calls.programmes, { signal });
export const createProgramme = (body: ProgrammeInput) => apiCall(calls.createProgramme, { body });
export const listAgencies = (signal?: AbortSignal) => apiCall(calls.agencies, { signal });
