import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { i18n, LOCALE_STORAGE_KEY } from '../i18n';
import { jsonResponse, makeMe, mockFetch, renderWithApp } from '../test/render';
import { LanguageSwitcher } from './language-switcher';

describe('LanguageSwitcher', () => {
  it('switches to Japanese, sets <html lang> and remembers the choice in this browser', async () => {
    const fetchMock = mockFetch();
    renderWithApp(<LanguageSwitcher />, { me: null });
    await userEvent.setup().selectOptions(screen.getByLabelText('Language'), 'ja');

    await waitFor(() => expect(i18n.language).toBe('ja'));
    expect(document.documentElement.lang).toBe('ja');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('ja');
    expect(screen.getByLabelText('言語')).toBeDefined();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("saves the language to the signed-in user's account", async () => {
    const fetchMock = mockFetch(jsonResponse(200, makeMe({ locale: 'ja' })));
    renderWithApp(<LanguageSwitcher />, { me: makeMe({ locale: 'en' }) });
    await userEvent.setup().selectOptions(screen.getByLabelText('Language'), 'ja');

    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/auth/me');
    expect(init?.method).toBe('PATCH');
    expect(JSON.parse(String(init?.body))).toEqual({ locale: 'ja' });
  });
});
