import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '../../api/query-keys';
import { i18n } from '../../i18n';
import { LiveUpdatesProvider } from '../../shell/live-updates';
import { FakeEventSource, stubEventSource } from '../../test/fake-event-source';
import { jsonResponse, makeMe, mockFetch, renderWithApp } from '../../test/render';
import { useMe } from '../auth/use-me';
import { NotificationBell } from './notification-bell';

/** The bell as the shell has it: the stream is open while someone is signed in. */
function SignedInBell() {
  const me = useMe();
  return (
    <LiveUpdatesProvider userId={me.data?.id ?? null}>{me.data ? <NotificationBell /> : null}</LiveUpdatesProvider>
  );
}

describe('NotificationBell', () => {
  it('shows the unread count and follows the unread events of the live stream', async () => {
    stubEventSource();
    mockFetch(jsonResponse(200, { unread: 3 }));
    const { queryClient } = renderWithApp(<SignedInBell />, { me: makeMe() });
    const listKey = queryKeys.notifications.list({ page: 1, pageSize: 20 });
    queryClient.setQueryData(listKey, { items: [], total: 0, page: 1, pageSize: 20, unread: 3 });

    expect((await screen.findByTestId('unread-count')).textContent).toBe('3');
    const bell = screen.getByRole('link', { name: 'Notifications, 3 unread' });
    expect(bell.getAttribute('href')).toBe('/notifications');
    expect(bell.getAttribute('data-testid')).toBe('notification-bell');

    expect(FakeEventSource.instances).toHaveLength(1);
    const stream = FakeEventSource.instances[0]!;
    expect(stream.url).toBe('/api/notifications/stream');

    stream.emit('unread', { unread: 5 });
    await waitFor(() => expect(screen.getByTestId('unread-count').textContent).toBe('5'));
    expect(screen.getByRole('link', { name: 'Notifications, 5 unread' })).toBeDefined();
    expect(queryClient.getQueryState(listKey)?.isInvalidated).toBe(true);

    stream.emit('unread', { unread: 0 });
    await waitFor(() => expect(screen.queryByTestId('unread-count')).toBeNull());
    expect(screen.getByRole('link', { name: 'Notifications' })).toBeDefined();
  });

  it('ignores events it cannot read', async () => {
    stubEventSource();
    mockFetch(jsonResponse(200, { unread: 2 }));
    renderWithApp(<SignedInBell />, { me: makeMe() });
    expect((await screen.findByTestId('unread-count')).textContent).toBe('2');

    const stream = FakeEventSource.instances[0]!;
    stream.emit('unread', { unread: 'many' });
    stream.emit('unread', { unread: 7 });
    await waitFor(() => expect(screen.getByTestId('unread-count').textContent).toBe('7'));
    stream.emit('unread', 'not json at all');
    stream.emit('unread', { unread: 'many' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.getByTestId('unread-count').textContent).toBe('7');
  });

  it('names the count in Japanese', async () => {
    await i18n.changeLanguage('ja');
    stubEventSource();
    mockFetch(jsonResponse(200, { unread: 3 }));
    renderWithApp(<SignedInBell />, { me: makeMe({ locale: 'ja' }) });
    expect(await screen.findByRole('link', { name: '通知（未読 3 件）' })).toBeDefined();
  });

  it('closes the stream when the user signs out, and opens none for nobody', async () => {
    stubEventSource();
    mockFetch(jsonResponse(200, { unread: 1 }));
    const { queryClient } = renderWithApp(<SignedInBell />, { me: makeMe() });
    await screen.findByTestId('unread-count');
    expect(FakeEventSource.open()).toHaveLength(1);

    act(() => queryClient.setQueryData(queryKeys.me, null));
    await waitFor(() => expect(FakeEventSource.open()).toHaveLength(0));
    expect(screen.queryByTestId('notification-bell')).toBeNull();
    expect(FakeEventSource.instances).toHaveLength(1);
  });
});
