import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, renderWithApp } from '../test/render';
import { Nav } from './nav';

describe('Nav', () => {
  it('shows the admin links to an ADMIN', () => {
    renderWithApp(<Nav me={makeMe({ roles: [{ role: 'ADMIN', programmeId: null }] })} />);
    expect(screen.getByRole('link', { name: 'Home' })).toBeDefined();
    expect(screen.getByRole('link', { name: 'Account' })).toBeDefined();
    expect(screen.getByRole('link', { name: 'Users' }).getAttribute('href')).toBe('/admin/users');
    expect(screen.getByRole('link', { name: 'Audit log' }).getAttribute('href')).toBe('/admin/audit');
    expect(screen.getByRole('link', { name: 'Announcements' }).getAttribute('href')).toBe('/admin/announcements');
    expect(screen.getByRole('link', { name: 'Jobs' }).getAttribute('href')).toBe('/admin/jobs');
    expect(screen.getByRole('link', { name: 'Institutions' }).getAttribute('href')).toBe('/admin/institutions');
    expect(screen.getByRole('link', { name: 'API docs' }).getAttribute('href')).toBe('/api/docs');
  });

  it('hides the admin links from everyone else, whatever other roles they hold', () => {
    renderWithApp(
      <Nav
        me={makeMe({
          roles: [
            { role: 'RESEARCHER', programmeId: null },
            { role: 'REVIEWER', programmeId: null },
            {
              role: 'PROGRAMME_MANAGER',
              programmeId: '0b8f7a3c-1d2e-4f5a-8b6c-7d8e9f0a1b2c',
              programmeName: 'Climate',
            },
          ],
        })}
      />,
    );
    expect(screen.getByRole('link', { name: 'Home' })).toBeDefined();
    expect(screen.queryByRole('link', { name: 'Users' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Audit log' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Announcements' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Jobs' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Institutions' })).toBeNull();
    expect(screen.queryByText('Admin')).toBeNull();
  });

  it('shows the public calls and the API docs to someone signed out', () => {
    renderWithApp(<Nav me={null} />);
    expect(screen.queryByRole('link', { name: 'Home' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Calls' }).getAttribute('href')).toBe('/calls');
    expect(screen.queryByRole('link', { name: 'Manage calls' })).toBeNull();
    expect(screen.getByRole('link', { name: 'API docs' })).toBeDefined();
  });

  it('shows managing calls and the grant portfolio to a programme manager only', () => {
    const { unmount } = renderWithApp(
      <Nav
        me={makeMe({ roles: [{ role: 'PROGRAMME_MANAGER', programmeId: '0b8f7a3c-1d2e-4f5a-8b6c-7d8e9f0a1b2c' }] })}
      />,
    );
    expect(screen.getByRole('link', { name: 'Manage calls' }).getAttribute('href')).toBe('/manage/calls');
    expect(screen.getByRole('link', { name: 'Grant portfolio' }).getAttribute('href')).toBe('/manage/grants/portfolio');
    unmount();
    renderWithApp(<Nav me={makeMe({ roles: [{ role: 'RESEARCHER', programmeId: null }] })} />);
    expect(screen.getByRole('link', { name: 'Calls' })).toBeDefined();
    expect(screen.queryByRole('link', { name: 'Manage calls' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Grant portfolio' })).toBeNull();
  });

  it('shows "My reviews" to a reviewer only', () => {
    const { unmount } = renderWithApp(<Nav me={makeMe({ roles: [{ role: 'REVIEWER', programmeId: null }] })} />);
    expect(screen.getByRole('link', { name: 'My reviews' }).getAttribute('href')).toBe('/reviews');
    unmount();
    renderWithApp(<Nav me={makeMe({ roles: [{ role: 'RESEARCHER', programmeId: null }] })} />);
    expect(screen.queryByRole('link', { name: 'My reviews' })).toBeNull();
  });
});
