import type { ReviewerProfile } from '@kizuna/shared';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { problem } from '../../../test/proposals';
import { jsonResponse, makeMe, renderWithApp } from '../../../test/render';
import { ReviewerProfilePage } from './reviewer-profile-page';

function makeProfile(overrides: Partial<ReviewerProfile> = {}): ReviewerProfile {
  return {
    keywords: ['mangroves'],
    expertise: 'Coastal ecology.',
    publications: [],
    themes: ['climate_change', 'blue carbon'],
    collaborators: ['kenji@kyoto.test'],
    maxLoadPerCall: 5,
    available: true,
    unavailableUntil: null,
    affiliations: [],
    institution: { id: '11111111-1111-4111-8111-111111111111', name: 'Universiti Malaya', countryCode: 'MY' },
    version: 2,
    ...overrides,
  };
}

/** GETs of the profile answer `profiles` in order; PUTs answer `saves` in order; reference lists are empty. */
function stubApi(profiles: ReviewerProfile[], saves: (() => Response)[] = []) {
  const puts: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn<typeof fetch>(async (input, init) => {
      const url = String(input);
      const method = init?.method ?? 'GET';
      if (url.startsWith('/api/reference/')) return jsonResponse(200, []);
      if (url === '/api/reviewer/profile' && method === 'GET') {
        const profile = profiles.shift();
        if (!profile) throw new Error('No profile left');
        return jsonResponse(200, profile);
      }
      if (url === '/api/reviewer/profile' && method === 'PUT') {
        puts.push(JSON.parse(String(init?.body)));
        const answer = saves.shift();
        if (!answer) throw new Error('No answer left for PUT');
        return answer();
      }
      throw new Error(`Unexpected ${method} ${url}`);
    }),
  );
  return puts;
}

describe('ReviewerProfilePage', () => {
  it('saves the lists as the contract wants them, with the version it was loaded at', async () => {
    const puts = stubApi([makeProfile()], [() => jsonResponse(200, makeProfile({ version: 3 }))]);
    const user = userEvent.setup();
    renderWithApp(<ReviewerProfilePage />, { me: makeMe() });

    const keywords = await screen.findByRole('textbox', { name: 'Keywords' });
    await user.clear(keywords);
    await user.type(keywords, 'mangroves, blue carbon、remote sensing');
    await user.type(screen.getByRole('textbox', { name: 'Co-authors and collaborators' }), '\nAisyah Rahman');
    await user.click(screen.getByRole('button', { name: 'Save the profile' }));

    await waitFor(() => expect(puts).toHaveLength(1));
    expect(puts[0]).toMatchObject({
      version: 2,
      keywords: ['mangroves', 'blue carbon', 'remote sensing'],
      themes: ['climate_change', 'blue carbon'],
      collaborators: ['kenji@kyoto.test', 'Aisyah Rahman'],
      maxLoadPerCall: 5,
      unavailableUntil: null,
      affiliations: [],
    });
    expect(await screen.findByText('Your reviewer profile is saved.')).toBeDefined();
  });

  it('tells the user to reload when the profile changed elsewhere (409), and reloads it', async () => {
    stubApi(
      [makeProfile(), makeProfile({ version: 4, expertise: 'Changed in another window.' })],
      [
        () =>
          jsonResponse(
            409,
            problem(409, 'conflict', [
              { path: 'body.version', code: 'stale_version', message: 'Reload', params: { current: 4 } },
            ]),
          ),
      ],
    );
    const user = userEvent.setup();
    renderWithApp(<ReviewerProfilePage />, { me: makeMe() });
    await user.type(await screen.findByRole('textbox', { name: 'Your expertise' }), ' Mine.');
    await user.click(screen.getByRole('button', { name: 'Save the profile' }));

    const stale = await screen.findByTestId('profile-stale');
    expect(stale.textContent).toContain('changed in another window');
    await user.click(screen.getByRole('button', { name: 'Reload the profile' }));
    await waitFor(() =>
      expect((screen.getByRole('textbox', { name: 'Your expertise' }) as HTMLTextAreaElement).value).toBe(
        'Changed in another window.',
      ),
    );
    expect(screen.queryByTestId('profile-stale')).toBeNull();
  });

  it('checks the collaborators and the load before sending anything', async () => {
    const puts = stubApi([makeProfile()]);
    const user = userEvent.setup();
    renderWithApp(<ReviewerProfilePage />, { me: makeMe() });
    const load = await screen.findByRole('spinbutton', { name: 'Most proposals per call' });
    await user.clear(load);
    await user.type(load, '80');
    await user.click(screen.getByRole('button', { name: 'Save the profile' }));
    expect(await screen.findByText('Must be at most 50.')).toBeDefined();
    expect(puts).toEqual([]);
  });
});
