import { contract } from '@kizuna/shared';
import { describe, expect, it } from 'vitest';
import { callInput, programmeWithManager } from '../support/calls.js';
import { ApiClient, expectProblem } from '../support/client.js';
import { db, makeUser } from '../support/factory.js';
import { until } from '../support/wait.js';

const c = contract.calls;

type CallJson = { id: string; version: number; status: string; agencies: { acronym: string; envelope: string }[] };

describe('calls: set-up by programme managers', () => {
  it('creates a draft call visible only to the managers of its programme', async () => {
    const { programme, client } = await programmeWithManager();
    const res = await client.call(c.create, { body: { ...(await callInput(client)), programmeId: programme.id } });
    expect(res.status).toBe(201);
    const call = res.json as CallJson;
    expect(call).toMatchObject({ status: 'DRAFT', version: 1, capPerProposal: '900000.00', indirectRate: '0.25' });
    expect(call.agencies.map((a) => a.acronym).sort()).toEqual(['JST', 'MOHE', 'NRCT']);

    expect((await client.call(c.get, { params: { id: call.id } })).status).toBe(200);
    const other = await programmeWithManager();
    expectProblem(await other.client.call(c.get, { params: { id: call.id } }), 404, 'not_found');
    expectProblem(await new ApiClient().call(c.get, { params: { id: call.id } }), 404, 'not_found');
    const publicList = (await new ApiClient().call(c.listPublic, { query: { pageSize: '100' } })).json as {
      items: { id: string }[];
    };
    expect(publicList.items.map((i) => i.id)).not.toContain(call.id);
    const mine = (await client.call(c.listManaged)).json as { items: { id: string }[] };
    expect(mine.items.map((i) => i.id)).toEqual([call.id]);
    const theirs = (await other.client.call(c.listManaged)).json as { items: unknown[] };
    expect(theirs.items).toEqual([]);
  });

  it('refuses a call in a programme the manager does not manage', async () => {
    const { client } = await programmeWithManager();
    const other = await programmeWithManager();
    const res = await client.call(c.create, {
      body: { ...(await callInput(client)), programmeId: other.programme.id },
    });
    expectProblem(res, 404, 'not_found');
    expect(await db().call.count({ where: { programmeId: other.programme.id } })).toBe(0);
  });

  it('names every invalid field and creates nothing', async () => {
    const { programme, client } = await programmeWithManager();
    const input = await callInput(client, {
      closesAt: new Date(Date.now() + 1000).toISOString(),
      opensAt: new Date(Date.now() + 86_400_000).toISOString(),
      capPerProposal: '12.345',
      currency: 'usd',
      rubric: {
        scale: { min: 1, max: 5 },
        criteria: [{ key: 'excellence', title: 'Excellence', weight: 60, guidance: '' }],
      },
    });
    const res = await client.call(c.create, { body: { ...input, programmeId: programme.id } });
    const problem = expectProblem(res, 400, 'validation_failed');
    const paths = problem.errors?.map((e) => e.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['body.capPerProposal', 'body.currency', 'body.rubric.criteria']));
    expect(await db().call.count({ where: { programmeId: programme.id } })).toBe(0);

    const unknownAgency = await client.call(c.create, {
      body: {
        ...(await callInput(client, {
          agencies: [{ agencyId: '00000000-0000-7000-8000-00000000000a', envelope: '1.00' }],
        })),
        programmeId: programme.id,
      },
    });
    expect(expectProblem(unknownAgency, 400, 'validation_failed').errors?.[0]?.path).toBe('body.agencies.0.agencyId');
  });

  it('refuses a stale edit with 409 and the current version, never overwriting', async () => {
    const { programme, client } = await programmeWithManager();
    const created = (await client.call(c.create, { body: { ...(await callInput(client)), programmeId: programme.id } }))
      .json as CallJson;
    const base = await callInput(client);
    const first = await client.call(c.update, {
      params: { id: created.id },
      body: { ...base, title: 'First edit', version: 1 },
    });
    expect(first.json).toMatchObject({ title: 'First edit', version: 2 });
    const stale = await client.call(c.update, {
      params: { id: created.id },
      body: { ...base, title: 'Stale edit', version: 1 },
    });
    const problem = expectProblem(stale, 409, 'conflict');
    expect(problem.errors?.[0]).toMatchObject({ path: 'body.version', params: { current: 2 } });
    expect((await db().call.findUniqueOrThrow({ where: { id: created.id } })).title).toBe('First edit');
  });

  it('publishes; the worker opens and closes the call at its instants with nobody logged in', async () => {
    const { programme, client } = await programmeWithManager();
    const now = Date.now();
    const input = await callInput(client, {
      opensAt: new Date(now + 2500).toISOString(),
      closesAt: new Date(now + 6000).toISOString(),
    });
    const created = (await client.call(c.create, { body: { ...input, programmeId: programme.id } })).json as CallJson;
    const published = await client.call(c.publish, { params: { id: created.id }, body: { version: 1 } });
    expect(published.json).toMatchObject({ status: 'PUBLISHED', version: 2 });
    const anonymous = new ApiClient();
    expect((await anonymous.call(c.get, { params: { id: created.id } })).status).toBe(200);
    const listed = (await anonymous.call(c.listPublic, { query: { pageSize: '100' } })).json as {
      items: { id: string }[];
    };
    expect(listed.items.map((i) => i.id)).toContain(created.id);

    const opened = await until(
      () => db().call.findUniqueOrThrow({ where: { id: created.id } }),
      (call) => call.status === 'OPEN',
    );
    expect(opened.openedAt!.getTime()).toBeGreaterThanOrEqual(new Date(input.opensAt as string).getTime());
    await until(
      () => db().call.findUniqueOrThrow({ where: { id: created.id } }),
      (call) => call.status === 'CLOSED',
    );
    const events = await db().auditEvent.findMany({ where: { entityId: created.id }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.action)).toEqual(['call.created', 'call.published', 'call.opened', 'call.closed']);
    expect(events.slice(2).every((e) => e.actorId === null)).toBe(true);
    const republish = await client.call(c.publish, { params: { id: created.id }, body: { version: 2 } });
    expectProblem(republish, 409, 'conflict');
    const edit = await client.call(c.update, { params: { id: created.id }, body: { ...input, version: 2 } });
    expectProblem(edit, 409, 'conflict');
  });
});

describe('programmes', () => {
  it('lets a programme manager not bound to a programme create one and become its manager', async () => {
    const free = await makeUser({ roles: ['PROGRAMME_MANAGER'] });
    const client = new ApiClient();
    await client.call(contract.auth.login, { body: { email: free.email, password: free.password } });
    const slug = `food-${Date.now()}`;
    const res = await client.call(c.createProgramme, {
      body: { name: 'ASEAN–Japan Food Security', slug, description: '' },
    });
    expect(res.status).toBe(201);
    const again = await client.call(contract.auth.me);
    expect((again.json as { roles: { programmeId: string | null }[] }).roles.map((r) => r.programmeId)).toContain(
      (res.json as { id: string }).id,
    );
    expectProblem(
      await client.call(c.createProgramme, { body: { name: 'Duplicate', slug, description: '' } }),
      409,
      'conflict',
    );

    const { client: bound } = await programmeWithManager();
    expectProblem(
      await bound.call(c.createProgramme, { body: { name: 'Nope', slug: `nope-${Date.now()}` } }),
      403,
      'forbidden',
    );
  });
});
