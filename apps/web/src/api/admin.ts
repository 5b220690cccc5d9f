import { type BodyInputOf, contract, type QueryOf } from '@kizuna/shared';
import { apiCall } from './client';

const admin = contract.admin;

export type UsersQuery = NonNullable<QueryOf<typeof admin.listUsers>>;
export type AuditEventsQuery = NonNullable<QueryOf<typeof admin.listAuditEvents>>;
export type RoleGrantInput = BodyInputOf<typeof admin.setRoles>['roles'][number];

export const listUsers = (query: UsersQuery, signal?: AbortSignal) => apiCall(admin.listUsers, { query, signal });
export const setUserRoles = (id: string, roles: RoleGrantInput[]) =>
  apiCall(admin.setRoles, { params: { id }, body: { roles } });
export const listAuditEvents = (query: AuditEventsQuery, signal?: AbortSignal) =>
  apiCall(admin.listAuditEvents, { query, signal });
