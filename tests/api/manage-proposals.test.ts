import { contract } from '@kizuna/shared';
import { describe, expect, inject, it } from 'vitest';
import { expectProblem } from '../support/client.js';
import { db } from '../support/factory.js';
import { consortium, fill } from '../support/proposals.js';
import { until } from '../support/wait.js';

const m = contract.manageProposals;

describe("managers' view of submitted proposals", () => {
  it('lists, filters, searches and counts the submitted proposals of their calls only', async () => {
    const { proposalId, lead, manager, callId } = await consortium();
    await fill(lead, proposalId);
    expect((await lead.call(contract.proposals.submit, { params: { id: proposalId } })).status).toBe(200);

    const list = (await manager.call(m.list, { query: { callId } })).json as {
      items: { id: string; countries: string[]; leadCountry: string }[];
      total: number;
    };
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id: proposalId, leadCountry: 'MY', countries: ['JP', 'MY', 'TH'] });

    const hit = (await manager.call(m.list, { query: { callId, q: 'mangrove' } })).json as { total: number };
    expect(hit.total).toBe(1);
    const miss = (await manager.call(m.list, { query: { callId, q: 'volcano' } })).json as { total: number };
    expect(miss.total).toBe(0);
    expect(((await manager.call(m.list, { query: { callId, country: 'JP' } })).json as { total: number }).total).toBe(
      1,
    );
    expect(((await manager.call(m.list, { query: { callId, country: 'VN' } })).json as { total: number }).total).toBe(
      0,
    );
    expect(
      ((await manager.call(m.list, { query: { callId, theme: 'food_security' } })).json as { total: number }).total,
    ).toBe(0);

    const stats = (await manager.call(m.stats, { query: { callId } })).json;
    expect(stats).toEqual({
      total: 1,
      byCountry: [
        { countryCode: 'JP', count: 1 },
        { countryCode: 'MY', count: 1 },
        { countryCode: 'TH', count: 1 },
      ],
      byTheme: [{ theme: 'climate_change', count: 1 }],
      byStatus: [{ status: 'SUBMITTED', count: 1 }],
    });

    const other = await consortium();
    const theirs = (await other.manager.call(m.list, { query: { callId } })).json as { total: number };
    expect(theirs.total).toBe(0);
    expectProblem(await other.manager.call(m.list, { query: { country: 'japan' } }), 400, 'validation_failed');
  });

  it('exports the filtered list as CSV and XLSX', async () => {
    const { proposalId, lead, manager, callId } = await consortium();
    await fill(lead, proposalId);
    await lead.call(contract.proposals.submit, { params: { id: proposalId } });
    const csv = await fetch(`${inject('apiUrl')}/api/manage/proposals/export?callId=${callId}&format=csv`, {
      headers: { cookie: manager.cookie! },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const raw = Buffer.from(await csv.arrayBuffer());
    // A byte-order mark, so spreadsheet apps read the UTF-8 (Japanese titles) right.
    expect(raw.subarray(0, 3).toString('hex')).toBe('efbbbf');
    const text = raw.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('id,acronym,title,status,theme,call,lead_country,countries,submitted_at_utc');
    expect(text).toContain(`${proposalId},MANGROVE-CR,Mangrove carbon and coastal resilience,SUBMITTED`);
    const xlsx = await fetch(`${inject('apiUrl')}/api/manage/proposals/export?callId=${callId}&format=xlsx`, {
      headers: { cookie: manager.cookie! },
    });
    const bytes = Buffer.from(await xlsx.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(bytes.length).toBeGreaterThan(1000);
  });

  it('checks eligibility after closing in a job with progress; a manager overrides a verdict with a reason, audited', async () => {
    const { proposalId, lead, manager, callId } = await consortium({ closesInMs: 25_000 });
    await fill(lead, proposalId);
    await lead.call(contract.proposals.submit, { params: { id: proposalId } });
    expectProblem(await manager.call(m.runEligibility, { params: { id: callId } }), 409, 'conflict');
    await until(
      () => db().call.findUniqueOrThrow({ where: { id: callId } }),
      (c) => c.status === 'CLOSED',
    );

    const started = await manager.call(m.runEligibility, { params: { id: callId } });
    expect(started.status).toBe(202);
    const runId = (started.json as { id: string }).id;
    const run = await until(
      () => manager.call(contract.jobs.getRun, { params: { id: runId } }),
      (r) => (r.json as { status: string }).status === 'SUCCEEDED',
    );
    expect(run.json).toMatchObject({ progress: 100, result: { checked: 1, eligible: 1, ineligible: 0 } });
    expect((await db().proposal.findUniqueOrThrow({ where: { id: proposalId } })).status).toBe('ELIGIBLE');

    expectProblem(
      await manager.call(m.overrideEligibility, {
        params: { id: proposalId },
        body: { verdict: 'INELIGIBLE', reason: 'short' },
      }),
      400,
      'validation_failed',
    );
    const overridden = await manager.call(m.overrideEligibility, {
      params: { id: proposalId },
      body: { verdict: 'INELIGIBLE', reason: 'The Thai partner is not a registered research organisation.' },
    });
    expect(overridden.json).toMatchObject({ status: 'INELIGIBLE', eligibilityOverridden: true });
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { entityId: proposalId, action: 'proposal.eligibility_overridden' },
    });
    expect(audit.data).toMatchObject({ from: 'ELIGIBLE', to: 'INELIGIBLE' });
    expectProblem(
      await lead.call(m.overrideEligibility, {
        params: { id: proposalId },
        body: { verdict: 'ELIGIBLE', reason: 'I would like to be eligible.' },
      }),
      403,
      'forbidden',
    );
  }, 60_000);
});
