import { contract } from '@kizuna/shared';
import { describe, expect, inject, it } from 'vitest';
import { ApiClient, expectProblem } from '../support/client.js';
import { db, uniqueEmail } from '../support/factory.js';

const register = contract.auth.register;

describe('malformed input gets a 4xx problem, never a 5xx, and changes nothing', () => {
  const cases: [string, { body?: string; headers?: Record<string, string> }, number, string][] = [
    ['broken JSON', { body: '{"email": ', headers: { 'content-type': 'application/json' } }, 400, 'malformed_request'],
    [
      'a JSON string instead of an object',
      { body: '"hello"', headers: { 'content-type': 'application/json' } },
      400,
      'malformed_request',
    ],
    ['a JSON array', { body: '[1,2]', headers: { 'content-type': 'application/json' } }, 400, 'validation_failed'],
    ['null', { body: 'null', headers: { 'content-type': 'application/json' } }, 400, 'malformed_request'],
    [
      'a form post',
      { body: 'email=a%40b.c', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      415,
      'unsupported_media_type',
    ],
    [
      'text/plain',
      { body: '{"email":"a@b.c"}', headers: { 'content-type': 'text/plain' } },
      415,
      'unsupported_media_type',
    ],
    [
      'a body over 1 MB',
      { body: JSON.stringify({ email: 'x'.repeat(1_100_000) }), headers: { 'content-type': 'application/json' } },
      413,
      'payload_too_large',
    ],
    ['wrong types', { body: JSON.stringify({ email: 42, password: [], displayName: {} }) }, 400, 'validation_failed'],
    [
      'prototype pollution keys',
      {
        body: '{"__proto__": {"admin": true}, "constructor": {"x": 1}}',
        headers: { 'content-type': 'application/json' },
      },
      400,
      'validation_failed',
    ],
  ];

  it.each(cases)('%s', async (_, init, status, code) => {
    const before = await db().user.count();
    const res = await new ApiClient().raw('POST', register.path, init);
    expectProblem(res, status, code);
    expect(await db().user.count()).toBe(before);
  });

  it('names every invalid field of a query string', async () => {
    const { signedIn } = await import('../support/factory.js');
    const { client } = await signedIn(['ADMIN']);
    const res = await client.raw('GET', '/admin/users?page=0&pageSize=1000&role=KING');
    const problem = expectProblem(res, 400, 'validation_failed');
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['query.page', 'query.pageSize', 'query.role']);
  });

  it('answers an invalid path parameter with 400, not 500', async () => {
    const { signedIn } = await import('../support/factory.js');
    const { client } = await signedIn(['ADMIN']);
    const res = await client.raw('PUT', '/admin/users/not-a-uuid/roles', { body: { roles: [] } });
    expect(expectProblem(res, 400, 'validation_failed').errors?.[0]?.path).toBe('params.id');
  });

  it('answers an unknown API route with a 404 problem', async () => {
    expectProblem(await new ApiClient().raw('GET', '/no/such/thing'), 404, 'not_found');
  });
});

describe('problem details and request ids', () => {
  it('follows RFC 9457 and echoes a well-formed request id', async () => {
    const res = await new ApiClient().raw('POST', register.path, {
      body: { email: 'nope' },
      headers: { 'x-request-id': 'trace-abc-12345' },
    });
    expect(res.headers.get('x-request-id')).toBe('trace-abc-12345');
    expect(res.json).toMatchObject({
      type: 'https://kizuna.dev/problems/validation_failed',
      title: expect.any(String),
      status: 400,
      code: 'validation_failed',
      instance: '/api/auth/register',
    });
  });

  it('gives every response a request id when the client sends none', async () => {
    const res = await new ApiClient().raw('GET', '/health/live');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('says how long the server took, in Server-Timing, on answers and problems alike', async () => {
    for (const res of [await new ApiClient().raw('GET', '/health/live'), await new ApiClient().raw('GET', '/nope')]) {
      expect(res.headers.get('server-timing')).toMatch(/^app;dur=\d+\.\d$/);
    }
  });
});

describe('health', () => {
  it('is live and ready when PostgreSQL and Redis answer', async () => {
    const live = await new ApiClient().call(contract.health.live);
    const ready = await new ApiClient().call(contract.health.ready);
    expect(live.status).toBe(200);
    expect(ready.json).toEqual({ status: 'ok', checks: { postgres: { status: 'ok' }, redis: { status: 'ok' } } });
  });
});

describe('OpenAPI', () => {
  it('documents every operation from the shared schemas, with which ones need a session', async () => {
    const res = await fetch(`${inject('apiUrl')}/api/openapi.json`);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { security: unknown[]; requestBody?: unknown }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/auth/login']?.post?.security).toEqual([]);
    expect(doc.paths['/auth/me']?.get?.security).toEqual([{ session: [] }]);
    expect(doc.paths['/admin/users/{id}/roles']?.put?.requestBody).toBeDefined();
  });

  it('serves an interactive viewer', async () => {
    const page = await fetch(`${inject('apiUrl')}/api/docs/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger-ui');
    const bundle = await fetch(`${inject('apiUrl')}/api/docs/assets/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
  });
});

describe('registration is atomic with its email', () => {
  it('writes the outbox row in the same transaction as the user', async () => {
    const email = uniqueEmail('atomic');
    await new ApiClient().call(register, { body: { email, password: 'a long enough password', displayName: 'A' } });
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    const rows = await db().outboxMessage.findMany({
      where: { jobName: 'email.verify', payload: { equals: { userId: user.id } } },
    });
    expect(rows).toHaveLength(1);
  });
});
