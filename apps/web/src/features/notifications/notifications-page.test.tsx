import type { NotificationItem } from '@kizuna/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n';
import { jsonResponse, makeMe, renderWithApp } from '../../test/render';
import { NotificationsPage } from './notifications-page';

const ROLES_CHANGED: NotificationItem = {
  id: '6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
  type: 'account.roles_changed',
  category: 'ACCOUNT',
  data: {
    roles: [
      { role: 'PROGRAMME_MANAGER', programmeName: 'ASEAN–Japan Climate Resilience' },
      { role: 'REVIEWER', programmeName: null },
    ],
  },
  link: '/',
  createdAt: new Date(Date.now() - 5 * 60_000).toISOString(),
  readAt: null,
};

const ANNOUNCEMENT: NotificationItem = {
  id: '7b2a1d3f-4c5e-4f6a-9b0c-1d2e3f4a5b6c',
  type: 'announcement.published',
  category: 'ANNOUNCEMENTS',
  data: {
    announcementId: '8c3b2e4a-5d6f-4a7b-8c1d-2e3f4a5b6c7d',
    title: 'Second call opens in May',
    body: 'Consortia of at least two ASEAN member states and Japan may apply.',
  },
  link: null,
  createdAt: '2026-02-03T09:04:05Z',
  readAt: '2026-02-03T10:00:00Z',
};

/** Answers by method and path, so the order in which the page asks does not matter. */
function serve(routes: Record<string, () => Response>) {
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    const handler = routes[`${init?.method ?? 'GET'} ${url.pathname}`];
    if (!handler) throw new Error(`Unexpected ${init?.method} ${String(input)}`);
    return handler();
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function page(items: NotificationItem[], unread: number) {
  return () => jsonResponse(200, { items, total: items.length, page: 1, pageSize: 20, unread });
}

function renderPage() {
  return renderWithApp(
    <Routes>
      <Route path="/notifications" element={<NotificationsPage />} />
      <Route path="/" element={<p>Home page</p>} />
    </Routes>,
    { route: '/notifications', me: makeMe() },
  );
}

describe('NotificationsPage', () => {
  it('renders each type of notification in English, unread ones marked', async () => {
    serve({
      'GET /api/notifications': page([ROLES_CHANGED, ANNOUNCEMENT], 1),
      'GET /api/notifications/unread-count': () => jsonResponse(200, { unread: 1 }),
    });
    renderPage();

    const items = await screen.findAllByTestId('notification-item');
    expect(items).toHaveLength(2);
    const [roles, announcement] = items as [HTMLElement, HTMLElement];
    expect(
      within(roles).getByRole('heading', {
        name: 'Your roles changed: Programme manager (ASEAN–Japan Climate Resilience) and Reviewer',
      }),
    ).toBeDefined();
    expect(roles.getAttribute('data-unread')).toBe('true');
    expect(within(roles).getByText('5 minutes ago')).toBeDefined();
    expect(within(roles).getByText('Account and security')).toBeDefined();
    expect(within(roles).getByRole('button', { name: 'Mark read' })).toBeDefined();

    expect(within(announcement).getByRole('heading', { name: 'Announcement: Second call opens in May' })).toBeDefined();
    expect(within(announcement).getByText(/Consortia of at least two ASEAN member states/)).toBeDefined();
    expect(announcement.getAttribute('data-unread')).toBe('false');
    // In the user's time zone (Asia/Tokyo), not UTC.
    expect(within(announcement).getByText(/3 Feb 2026, 18:04/)).toBeDefined();
    expect(within(announcement).queryByRole('button', { name: 'Mark read' })).toBeNull();
  });

  it('renders each type of notification in Japanese', async () => {
    await i18n.changeLanguage('ja');
    serve({
      'GET /api/notifications': page([ROLES_CHANGED, ANNOUNCEMENT], 1),
      'GET /api/notifications/unread-count': () => jsonResponse(200, { unread: 1 }),
    });
    renderPage();

    expect(
      await screen.findByRole('heading', {
        name: 'ロールが変更されました：プログラムマネージャー（ASEAN–Japan Climate Resilience）、審査員',
      }),
    ).toBeDefined();
    expect(screen.getByRole('heading', { name: 'お知らせ：Second call opens in May' })).toBeDefined();
    expect(screen.getByText('5 分前')).toBeDefined();
    expect(screen.getByRole('button', { name: '既読にする' })).toBeDefined();
    expect(screen.getByRole('button', { name: 'すべて既読にする' })).toBeDefined();
  });

  it('opens the link of a notification and marks it read', async () => {
    const fetchMock = serve({
      'GET /api/notifications': page([ROLES_CHANGED], 1),
      'GET /api/notifications/unread-count': () => jsonResponse(200, { unread: 1 }),
      [`POST /api/notifications/${ROLES_CHANGED.id}/read`]: () => jsonResponse(200, { unread: 0 }),
    });
    const user = userEvent.setup();
    renderPage();

    await user.click(await screen.findByRole('link', { name: /^Your roles changed/ }));
    expect(await screen.findByText('Home page')).toBeDefined();
    await waitFor(() =>
      expect(
        fetchMock.mock.calls.some(
          ([url, init]) => url === `/api/notifications/${ROLES_CHANGED.id}/read` && init?.method === 'POST',
        ),
      ).toBe(true),
    );
  });

  it('marks all read, then has nothing left to mark', async () => {
    let unread = 1;
    const fetchMock = serve({
      'GET /api/notifications': () =>
        page([{ ...ROLES_CHANGED, readAt: unread ? null : ANNOUNCEMENT.readAt }], unread)(),
      'GET /api/notifications/unread-count': () => jsonResponse(200, { unread }),
      'POST /api/notifications/read-all': () => {
        unread = 0;
        return jsonResponse(200, { unread: 0 });
      },
    });
    const user = userEvent.setup();
    renderPage();

    const markAll = await screen.findByRole('button', { name: 'Mark all read' });
    await waitFor(() => expect((markAll as HTMLButtonElement).disabled).toBe(false));
    await user.click(markAll);

    await waitFor(() => expect((markAll as HTMLButtonElement).disabled).toBe(true));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Mark read' })).toBeNull());
    expect(fetchMock.mock.calls.some(([url]) => url === '/api/notifications/read-all')).toBe(true);
  });

  it('filters to unread notifications and says when there are none', async () => {
    const fetchMock = serve({
      'GET /api/notifications': page([], 0),
      'GET /api/notifications/unread-count': () => jsonResponse(200, { unread: 0 }),
    });
    const user = userEvent.setup();
    renderPage();

    await user.click(await screen.findByRole('checkbox', { name: 'Unread only' }));
    expect(await screen.findByText('You have no unread notifications.')).toBeDefined();
    expect(fetchMock.mock.calls.some(([url]) => String(url).includes('unread=true'))).toBe(true);
  });
});
