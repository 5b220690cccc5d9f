import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { jsonResponse, mockFetch, renderWithApp } from '../../test/render';
import { UnsubscribePage } from './unsubscribe-page';

const TOKEN = 'c2lnbmVkLXRva2VuLWZvci1jYWxscw.abc123';

describe('UnsubscribePage', () => {
  it('unsubscribes only when asked, without a session, and names the categories turned off', async () => {
    const fetchMock = mockFetch(jsonResponse(200, { categories: ['CALLS'] }));
    const user = userEvent.setup();
    renderWithApp(<UnsubscribePage />, { route: `/unsubscribe?token=${TOKEN}`, me: null });

    expect(screen.getByRole('heading', { name: 'Unsubscribe from emails' })).toBeDefined();
    expect(fetchMock).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Unsubscribe' }));

    expect(await screen.findByRole('heading', { name: 'You are unsubscribed' })).toBeDefined();
    expect(screen.getByTestId('unsubscribed-categories').textContent).toBe(
      'You will no longer receive emails about: Calls.',
    );
    expect(screen.getByRole('link', { name: 'Email preferences' }).getAttribute('href')).toBe('/account/notifications');
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe(`/api/notifications/unsubscribe?token=${encodeURIComponent(TOKEN)}`);
    expect(init?.method).toBe('POST');
  });

  it('lists every category a digest link turned off, in Japanese', async () => {
    await i18n.changeLanguage('ja');
    mockFetch(jsonResponse(200, { categories: ['CALLS', 'ANNOUNCEMENTS'] }));
    const user = userEvent.setup();
    renderWithApp(<UnsubscribePage />, { route: `/unsubscribe?token=${TOKEN}`, me: null });
    await user.click(screen.getByRole('button', { name: '配信を停止する' }));
    expect((await screen.findByTestId('unsubscribed-categories')).textContent).toBe(
      '次の種類のメールは今後送信されません：公募、お知らせ。',
    );
  });

  it('says clearly when the link is invalid or has expired', async () => {
    mockFetch(
      jsonResponse(410, {
        type: 'https://kizuna.dev/problems/token_invalid',
        title: 'Token invalid',
        status: 410,
        code: 'token_invalid',
      }),
    );
    const user = userEvent.setup();
    renderWithApp(<UnsubscribePage />, { route: `/unsubscribe?token=${TOKEN}`, me: null });
    await user.click(screen.getByRole('button', { name: 'Unsubscribe' }));

    expect(await screen.findByRole('heading', { name: 'This link is invalid or has expired' })).toBeDefined();
    expect(screen.getByRole('alert').textContent).toContain('This unsubscribe link cannot be used.');
    expect(screen.queryByRole('button', { name: 'Unsubscribe' })).toBeNull();
  });

  it('needs a token', () => {
    const fetchMock = mockFetch();
    renderWithApp(<UnsubscribePage />, { route: '/unsubscribe', me: null });
    expect(screen.getByRole('heading', { name: 'This link is invalid or has expired' })).toBeDefined();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
