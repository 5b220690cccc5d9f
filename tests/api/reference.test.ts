import { contract } from '@kizuna/shared';
import { describe, expect, it } from 'vitest';
import { ApiClient, expectProblem } from '../support/client.js';
import { db, signedIn } from '../support/factory.js';
import { openCall } from '../support/proposals.js';

describe('reference data', () => {
  it('lists the 11 ASEAN member states and Japan with their currencies', async () => {
    const countries = (await new ApiClient().call(contract.reference.countries)).json as {
      code: string;
      currency: string;
      asean: boolean;
    }[];
    expect(countries).toHaveLength(12);
    expect(countries.filter((c) => c.asean)).toHaveLength(11);
    expect(countries.find((c) => c.code === 'JP')).toMatchObject({ currency: 'JPY', asean: false });
  });

  it('searches the institution directory by country and name, without login', async () => {
    const client = new ApiClient();
    const japan = (await client.call(contract.reference.institutions, { query: { country: 'JP' } })).json as {
      countryCode: string;
    }[];
    expect(japan.length).toBeGreaterThanOrEqual(3);
    expect(japan.every((i) => i.countryCode === 'JP')).toBe(true);
    const found = (await client.call(contract.reference.institutions, { query: { q: 'chulalongkorn' } })).json as {
      name: string;
      countryCode: string;
    }[];
    expect(found).toEqual([expect.objectContaining({ name: 'Chulalongkorn University', countryCode: 'TH' })]);
    expectProblem(
      await client.call(contract.reference.institutions, { query: { country: 'thailand' } }),
      400,
      'validation_failed',
    );
  });

  it('lists the funding agencies', async () => {
    const agencies = (await new ApiClient().call(contract.calls.agencies)).json as { acronym: string }[];
    expect(agencies.map((a) => a.acronym)).toEqual(expect.arrayContaining(['JST', 'NRCT', 'MOHE', 'BRIN', 'NAFOSTED']));
  });
});

describe('institution requests', () => {
  it('a researcher adds a missing institution, uses it at once; others see it once an admin approves it (audited)', async () => {
    const ref = contract.reference;
    const { client: requester } = await signedIn(['RESEARCHER']);
    const { client: other } = await signedIn(['RESEARCHER']);
    const { client: admin } = await signedIn(['ADMIN']);
    const name = `Institut Teknologi Test ${Date.now()}`;
    const body = {
      name,
      shortName: 'ITT',
      countryCode: 'ID',
      type: 'UNIVERSITY',
      website: 'https://itt.example.ac.id',
    };
    expectProblem(
      await requester.call(ref.requestInstitution, { body: { ...body, countryCode: 'FR' } }),
      400,
      'validation_failed',
    );
    const created = await requester.call(ref.requestInstitution, { body });
    expect(created.json).toMatchObject({ name, status: 'PENDING' });
    const id = (created.json as { id: string }).id;
    expectProblem(
      await other.call(ref.requestInstitution, { body: { ...body, name: name.toUpperCase() } }),
      409,
      'conflict',
    );

    const search = (client: ApiClient) =>
      client
        .call(ref.institutions, { query: { q: 'Teknologi Test' } })
        .then((r) => (r.json as { id: string }[]).map((i) => i.id));
    expect(await search(requester)).toContain(id);
    expect(await search(other)).not.toContain(id);
    expect(await search(new ApiClient())).not.toContain(id);

    // Only its requester may put it on a proposal until it is approved.
    const { callId } = await openCall();
    const start = (client: ApiClient) =>
      client.call(contract.proposals.create, {
        body: {
          callId,
          title: 'Peatland fire early warning',
          acronym: 'PEATFIRE',
          theme: 'disaster_resilience',
          institutionId: id,
        },
      });
    const refused = expectProblem(await start(other), 400, 'validation_failed');
    expect(refused.errors?.[0]?.path).toBe('body.institutionId');
    expect((await start(requester)).status).toBe(201);

    const pending = (await admin.call(ref.institutionRequests)).json as {
      id: string;
      status: string;
      requestedBy: { email: string };
    }[];
    expect(pending.find((p) => p.id === id)).toMatchObject({ status: 'PENDING' });
    const approved = await admin.call(ref.reviewInstitutionRequest, {
      params: { id },
      body: { decision: 'APPROVE', note: 'Checked with the Indonesian ministry list' },
    });
    expect(approved.json).toMatchObject({
      status: 'APPROVED',
      reviewNote: 'Checked with the Indonesian ministry list',
    });
    expectProblem(
      await admin.call(ref.reviewInstitutionRequest, { params: { id }, body: { decision: 'REJECT', note: null } }),
      409,
      'conflict',
    );
    expect(await search(new ApiClient())).toContain(id);
    expect((await start(other)).status).toBe(201);
    const audit = await db().auditEvent.findMany({ where: { entityId: id }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['institution.requested', 'institution.approved']);
  });
});
