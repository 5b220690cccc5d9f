import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { jsonResponse, makeMe, mockFetch, renderWithApp } from '../../test/render';
import { PreferencesPage } from './preferences-page';

const PREFERENCES = {
  preferences: [
    { category: 'ACCOUNT', mode: 'IMMEDIATE', locked: true },
    { category: 'CALLS', mode: 'IMMEDIATE', locked: false },
    { category: 'PROPOSALS', mode: 'DIGEST', locked: false },
    { category: 'ANNOUNCEMENTS', mode: 'IMMEDIATE', locked: false },
  ],
};

describe('PreferencesPage', () => {
  it('shows the account category locked and sends only the categories that may change', async () => {
    const saved = {
      preferences: PREFERENCES.preferences.map((p) => (p.category === 'CALLS' ? { ...p, mode: 'OFF' } : p)),
    };
    const fetchMock = mockFetch(jsonResponse(200, PREFERENCES), jsonResponse(200, saved));
    const user = userEvent.setup();
    renderWithApp(<PreferencesPage />, { route: '/account/notifications', me: makeMe() });

    const account = await screen.findByRole('group', { name: 'Account and security' });
    expect(within(account).getByText('Security and account emails are always sent.')).toBeDefined();
    const accountImmediate = within(account).getByRole('radio', { name: 'Immediately' }) as HTMLInputElement;
    expect(accountImmediate.checked).toBe(true);
    expect(accountImmediate.disabled).toBe(true);

    const calls = screen.getByRole('group', { name: 'Calls' });
    expect((within(calls).getByRole('radio', { name: 'Immediately' }) as HTMLInputElement).checked).toBe(true);
    const proposals = screen.getByRole('group', { name: 'Proposals' });
    expect((within(proposals).getByRole('radio', { name: 'Daily digest' }) as HTMLInputElement).checked).toBe(true);

    await user.click(within(calls).getByRole('radio', { name: 'Off' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Your email preferences are saved.')).toBeDefined();
    const [url, init] = fetchMock.mock.calls[1] ?? [];
    expect(url).toBe('/api/notifications/preferences');
    expect(init?.method).toBe('PUT');
    expect(JSON.parse(String(init?.body))).toEqual({
      preferences: [
        { category: 'CALLS', mode: 'OFF' },
        { category: 'PROPOSALS', mode: 'DIGEST' },
        { category: 'ANNOUNCEMENTS', mode: 'IMMEDIATE' },
      ],
    });
    expect((within(calls).getByRole('radio', { name: 'Off' }) as HTMLInputElement).checked).toBe(true);
  });

  it('shows an error with a retry when the preferences cannot be loaded', async () => {
    mockFetch(jsonResponse(503, { type: 'about:blank', title: 'Unavailable', status: 503, code: 'unavailable' }));
    renderWithApp(<PreferencesPage />, { route: '/account/notifications', me: makeMe() });
    expect(await screen.findByText('The service is temporarily unavailable. Please try again shortly.')).toBeDefined();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeDefined();
  });
});
