import { JOBS } from '@kizuna/api/jobs/registry';
import { describe, expect, it } from 'vitest';
import { assertHandlers } from './job-runner.js';

describe('the worker refuses to start with a handler registry that does not match the jobs', () => {
  const all = Object.fromEntries(Object.keys(JOBS).map((name) => [name, async () => 1]));

  it('accepts one handler per job', () => {
    expect(() => assertHandlers(all)).not.toThrow();
  });

  it('names a job without a handler', () => {
    const { 'email.verify': _, ...rest } = all;
    expect(() => assertHandlers(rest)).toThrow(/Missing: \[email\.verify\]/);
  });

  it('names a handler for a job that does not exist', () => {
    expect(() => assertHandlers({ ...all, 'email.nope': async () => 1 })).toThrow(/unknown: \[email\.nope\]/);
  });
});
