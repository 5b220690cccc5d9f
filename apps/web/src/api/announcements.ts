import { type BodyInputOf, contract, type QueryOf } from '@kizuna/shared';
import { apiCall } from './client';

const announcements = contract.announcements;

export type AnnouncementsQuery = NonNullable<QueryOf<typeof announcements.list>>;
export type AnnouncementInput = BodyInputOf<typeof announcements.create>;

export const listAnnouncements = (query: AnnouncementsQuery, signal?: AbortSignal) =>
  apiCall(announcements.list, { query, signal });
export const createAnnouncement = (body: AnnouncementInput) => apiCall(announcements.create, { body });
