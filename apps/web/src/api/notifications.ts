import { type BodyInputOf, contract, type QueryOf } from '@kizuna/shared';
import { API_BASE, apiCall } from './client';

const notifications = contract.notifications;

export type NotificationsQuery = NonNullable<QueryOf<typeof notifications.list>>;
export type PreferenceInput = BodyInputOf<typeof notifications.updatePreferences>['preferences'][number];

/** The live stream (Server-Sent Events) of the signed-in user; same origin, so the session cookie goes along. */
export const LIVE_STREAM_URL = `${API_BASE}${notifications.stream.path}`;

export const listNotifications = (query: NotificationsQuery, signal?: AbortSignal) =>
  apiCall(notifications.list, { query, signal });
export const fetchUnreadCount = (signal?: AbortSignal) => apiCall(notifications.unreadCount, { signal });
export const markNotificationRead = (id: string) => apiCall(notifications.markRead, { params: { id } });
export const markAllNotificationsRead = () => apiCall(notifications.markAllRead);
export const fetchPreferences = (signal?: AbortSignal) => apiCall(notifications.preferences, { signal });
export const updatePreferences = (preferences: PreferenceInput[]) =>
  apiCall(notifications.updatePreferences, { body: { preferences } });
export const unsubscribe = (token: string) => apiCall(notifications.unsubscribe, { query: { token } });
