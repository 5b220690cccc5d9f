// Submissions are immutable: what a consortium submitted must stay readable however the contract grows. These are
// snapshots as earlier versions stored them; a schema change that cannot read them fails here, before it meets a
// database that holds them. (Add fields to a snapshot as optional, or with a default.)
import { describe, expect, it } from 'vitest';
import november2026 from './fixtures/submission-snapshot.2026-11.json' with { type: 'json' };
import { SubmissionSnapshotSchema } from './proposals.contract.js';

describe('stored submission snapshots', () => {
  it('reads a snapshot stored in November 2026 whole: nothing refused, nothing dropped', () => {
    const snapshot = november2026;
    expect(SubmissionSnapshotSchema.parse(snapshot)).toEqual(snapshot);
  });

  it('reads a snapshot from before work plans existed', () => {
    const { proposal, ...rest } = november2026;
    const { workPlan: _plan, workPlanVersion: _version, ...withoutPlan } = proposal;
    const snapshot = { ...rest, proposal: withoutPlan };
    expect(SubmissionSnapshotSchema.parse(snapshot)).toEqual(snapshot);
  });
});
