import { screen } from '@testing-library/react';
import { useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '../../app';
import { makeMe, renderWithApp } from '../../test/render';
import { safeNext } from './require-auth';

function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
}

describe('route guard', () => {
  it('sends someone signed out to the login page, remembering where they were going', async () => {
    renderWithApp(
      <>
        <AppRoutes />
        <LocationProbe />
      </>,
      { route: '/admin/users?page=2', me: null },
    );
    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeDefined();
    expect(screen.getByTestId('location').textContent).toBe(`/login?next=${encodeURIComponent('/admin/users?page=2')}`);
  });

  it('shows Forbidden to a signed-in user without the role', async () => {
    renderWithApp(<AppRoutes />, {
      route: '/admin/audit',
      me: makeMe({ roles: [{ role: 'RESEARCHER', programmeId: null }] }),
    });
    expect(await screen.findByRole('heading', { name: 'Access denied' })).toBeDefined();
  });

  it('shows a home section per role held, naming managed programmes', async () => {
    renderWithApp(<AppRoutes />, {
      route: '/',
      me: makeMe({
        roles: [
          { role: 'REVIEWER', programmeId: null },
          {
            role: 'PROGRAMME_MANAGER',
            programmeId: '0b8f7a3c-1d2e-4f5a-8b6c-7d8e9f0a1b2c',
            programmeName: 'Climate Resilience',
          },
        ],
      }),
    });
    expect(await screen.findByRole('heading', { name: 'Programme manager' })).toBeDefined();
    expect(screen.getByRole('heading', { name: 'Reviewer' })).toBeDefined();
    expect(screen.queryByRole('heading', { name: 'Researcher' })).toBeNull();
    expect(screen.getByTestId('managed-programmes').textContent).toContain('Climate Resilience');
  });

  it('only follows next= to paths of this app', () => {
    expect(safeNext('/admin/users?page=2')).toBe('/admin/users?page=2');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
