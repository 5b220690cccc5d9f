import { allOperations, contract, type Operation, ROLES } from '@kizuna/shared';
import { describe, expect, it } from 'vitest';
import { ApiClient, expectProblem } from '../support/client.js';
import { signedIn } from '../support/factory.js';

// Placeholder inputs that pass nothing sensitive: the guard must answer before validation.
const PARAMS = {
  id: '00000000-0000-7000-8000-000000000000',
  queue: 'email',
  key: 'objectives',
  number: '1',
  commentId: '00000000-0000-7000-8000-000000000001',
  invitationId: '00000000-0000-7000-8000-000000000002',
  fileId: '00000000-0000-7000-8000-000000000003',
};

function call(client: ApiClient, op: Operation) {
  return client.call(op, { params: PARAMS, body: {} });
}

describe('deny by default: every non-public operation of the contract', () => {
  const protectedOps = allOperations().filter((op) => op.auth !== 'public');

  it.each(protectedOps.map((op) => [op.id, op] as const))('%s refuses an anonymous caller with 401', async (_, op) => {
    expectProblem(await call(new ApiClient(), op), 401, 'unauthenticated');
  });

  it.each(protectedOps.map((op) => [op.id, op] as const))(
    '%s refuses a forged session cookie with 401',
    async (_, op) => {
      const client = new ApiClient();
      client.cookie = 'kizuna_session=forged-token-forged-token-forged-token';
      expectProblem(await call(client, op), 401, 'unauthenticated');
    },
  );

  const roleOps = allOperations().filter((op) => Array.isArray(op.auth));
  for (const role of ROLES) {
    const denied = roleOps.filter((op) => !(op.auth as readonly string[]).includes(role));
    if (denied.length === 0) continue;
    it(`refuses a ${role} with 403 on ${denied.length} operations reserved to other roles`, async () => {
      const { client } = await signedIn([role]);
      for (const op of denied) expectProblem(await call(client, op), 403, 'forbidden');
    });
  }
});

describe('cross-site requests', () => {
  it('refuses a state change carrying the session cookie from another origin', async () => {
    const { client } = await signedIn(['RESEARCHER']);
    const res = await client.raw('POST', '/auth/logout', { headers: { origin: 'https://evil.example' } });
    expectProblem(res, 403, 'forbidden');
    expect((await client.call(contract.auth.me)).status).toBe(200);
  });
});
