import { contract } from '@kizuna/shared';
import { describe, expect, it } from 'vitest';
import { jsonResponse, mockFetch } from '../test/render';
import { ApiError, apiCall } from './client';

describe('apiCall', () => {
  it('maps a problem+json answer to an ApiError carrying the problem and its field errors', async () => {
    mockFetch(
      jsonResponse(400, {
        type: 'https://kizuna.dev/problems/validation_failed',
        title: 'Validation failed',
        status: 400,
        code: 'validation_failed',
        errors: [
          { path: 'body.email', code: 'invalid_format', message: 'Invalid email', params: { format: 'email' } },
          { path: 'body.password', code: 'too_small', message: 'Too short', params: { minimum: 12, origin: 'string' } },
        ],
      }),
    );

    const error = await apiCall(contract.auth.register, {
      body: { email: 'x', password: 'short', displayName: 'X', locale: 'en', timeZone: 'UTC' },
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe('validation_failed');
    expect(apiError.problem.title).toBe('Validation failed');
    expect(apiError.fieldErrors.email).toMatchObject({ code: 'invalid_format', params: { format: 'email' } });
    expect(apiError.fieldErrors.password).toMatchObject({ code: 'too_small', params: { minimum: 12 } });
  });

  it('reads Retry-After of a rate-limited answer', async () => {
    mockFetch(
      jsonResponse(
        429,
        { type: 'https://kizuna.dev/problems/rate_limited', title: 'Too many', status: 429, code: 'rate_limited' },
        { 'Retry-After': '30' },
      ),
    );
    const error = (await apiCall(contract.auth.login, { body: { email: 'a@b.test', password: 'x' } }).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfter).toBe(30);
  });

  it('makes a problem from the status when the answer is not problem+json', async () => {
    mockFetch(new Response('<html>Bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }));
    const error = (await apiCall(contract.auth.me).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(502);
    expect(error.code).toBe('internal');
  });

  it('reports an unreachable server as a network error', async () => {
    const fetchMock = mockFetch();
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const error = (await apiCall(contract.auth.me).catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('network_error');
  });

  it('sends method, path parameters, query, JSON body and same-origin credentials', async () => {
    const fetchMock = mockFetch(
      jsonResponse(200, {
        id: '0b8f7a3c-1d2e-4f5a-8b6c-7d8e9f0a1b2c',
        email: 'a@b.test',
        displayName: 'A',
        emailVerified: true,
        createdAt: '2026-01-01T00:00:00.000Z',
        roles: [],
      }),
      jsonResponse(200, { items: [], total: 0, page: 2, pageSize: 20 }),
    );
    await apiCall(contract.admin.setRoles, {
      params: { id: '0b8f7a3c-1d2e-4f5a-8b6c-7d8e9f0a1b2c' },
      body: { roles: [{ role: 'ADMIN', programmeId: null }] },
    });
    await apiCall(contract.admin.listUsers, { query: { q: 'tan aka', page: 2, role: undefined } });

    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/admin/users/0b8f7a3c-1d2e-4f5a-8b6c-7d8e9f0a1b2c/roles');
    expect(init).toMatchObject({ method: 'PUT', credentials: 'same-origin' });
    expect(JSON.parse(String(init?.body))).toEqual({ roles: [{ role: 'ADMIN', programmeId: null }] });
    expect(fetchMock.mock.calls[1]?.[0]).toBe('/api/admin/users?q=tan+aka&page=2');
  });

  it('resolves to undefined for 204 No Content', async () => {
    mockFetch(new Response(null, { status: 204 }));
    await expect(apiCall(contract.auth.logout)).resolves.toBeUndefined();
  });
});
