import type { Me } from '@kizuna/shared';
import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';
import { queryKeys } from '../api/query-keys';
import { AppProviders } from '../app';

/** Renders `ui` with the app's providers, a memory router at `route` and, optionally, a signed-in user. */
export function renderWithApp(ui: ReactElement, options: { route?: string; me?: Me | null } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  if (options.me !== undefined) queryClient.setQueryData(queryKeys.me, options.me);
  const result = render(
    <AppProviders queryClient={queryClient}>
      <MemoryRouter initialEntries={[options.route ?? '/']}>{ui}</MemoryRouter>
    </AppProviders>,
  );
  return { ...result, queryClient };
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const problem = status >= 400;
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': problem ? 'application/problem+json' : 'application/json', ...headers },
  });
}

/** Replaces global fetch with a mock answering `responses` in order. */
export function mockFetch(...responses: Response[]) {
  const fetchMock = vi.fn<typeof fetch>();
  for (const response of responses) fetchMock.mockResolvedValueOnce(response);
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

export function makeMe(overrides: Partial<Me> = {}): Me {
  return {
    id: '4f9b6c1e-2d3a-4b5c-8d7e-9f0a1b2c3d4e',
    email: 'someone@kizuna.test',
    displayName: 'Someone',
    locale: 'en',
    timeZone: 'Asia/Tokyo',
    emailVerified: true,
    roles: [],
    ...overrides,
  };
}
