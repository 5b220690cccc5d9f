import { contract, type QueryOf } from '@kizuna/shared';
import { API_BASE, apiCall } from './client';

const jobs = contract.jobs;

export type FailedJobsQuery = NonNullable<QueryOf<typeof jobs.failed>>;

/** Bull Board, rendered by the API itself (admins only): a normal link, not a route of this app. */
export const QUEUE_DASHBOARD_URL = `${API_BASE}/admin/queues`;

export const fetchJobRun = (id: string, signal?: AbortSignal) => apiCall(jobs.getRun, { params: { id }, signal });
export const listQueues = (signal?: AbortSignal) => apiCall(jobs.queues, { signal });
export const listFailedJobs = (query: FailedJobsQuery, signal?: AbortSignal) => apiCall(jobs.failed, { query, signal });
export const retryJob = (queue: string, id: string) => apiCall(jobs.retry, { params: { queue, id } });
