import type { JobName, JobPayload } from './registry.js';

export interface JobContext {
  jobId: string;
  attempt: number;
  progress(value: number): Promise<void>;
}

/** One handler per job name: the mapped type makes a missing handler a compile error. */
export type JobHandlers = { [N in JobName]: (payload: JobPayload<N>, ctx: JobContext) => Promise<unknown> };

export const JOB_HANDLERS = Symbol('JOB_HANDLERS');
