import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { PROGRAMME_ID } from '../../test/calls';
import { jsonResponse, makeMe, renderWithApp } from '../../test/render';
import { NewProgrammePage, slugify } from './new-programme-page';

describe('NewProgrammePage', () => {
  it('explains to a manager bound to one programme why they cannot create programmes', () => {
    renderWithApp(<NewProgrammePage />, {
      me: makeMe({ roles: [{ role: 'PROGRAMME_MANAGER', programmeId: PROGRAMME_ID }] }),
    });
    expect(screen.getByTestId('programme-forbidden').textContent).toContain('You cannot create programmes');
    expect(screen.queryByRole('button', { name: 'Create programme' })).toBeNull();
  });

  it('shows the same explanation when the server answers 403', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>(async () =>
        jsonResponse(403, { type: 'about:blank', title: 'Forbidden', status: 403, code: 'forbidden' }),
      ),
    );
    const user = userEvent.setup();
    renderWithApp(<NewProgrammePage />, {
      me: makeMe({ roles: [{ role: 'PROGRAMME_MANAGER', programmeId: null }] }),
    });
    await user.type(screen.getByLabelText('Name'), 'Climate Resilience 2027');
    expect((screen.getByLabelText('Short name for addresses') as HTMLInputElement).value).toBe(
      'climate-resilience-2027',
    );
    await user.click(screen.getByRole('button', { name: 'Create programme' }));
    expect(await screen.findByTestId('programme-forbidden')).toBeDefined();
  });

  it('makes URL-friendly slugs', () => {
    expect(slugify('  Énergie & Climat — 2027 ')).toBe('energie-climat-2027');
  });
});
