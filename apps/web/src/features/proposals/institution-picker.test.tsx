import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { COUNTRIES } from '../../test/calls';
import { problem } from '../../test/proposals';
import { jsonResponse, makeMe, renderWithApp } from '../../test/render';
import { InstitutionPicker } from './institution-picker';

const KYOTO = {
  id: '22222222-2222-4222-8222-222222222222',
  name: 'Kyoto University',
  shortName: null,
  countryCode: 'JP',
  type: 'UNIVERSITY',
  status: 'APPROVED',
};
const CREATED = {
  id: '55555555-5555-4555-8555-555555555555',
  name: 'Mahidol University',
  shortName: 'MU',
  countryCode: 'TH',
  type: 'UNIVERSITY',
  status: 'PENDING',
};

function stubApi(onRequest: (body: unknown) => Response) {
  const requests: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn<typeof fetch>(async (input, init) => {
      const url = String(input);
      const method = init?.method ?? 'GET';
      if (url === '/api/reference/countries') return jsonResponse(200, COUNTRIES);
      if (method === 'GET' && url.startsWith('/api/reference/institutions')) return jsonResponse(200, [KYOTO]);
      if (method === 'POST' && url === '/api/reference/institutions') {
        const body = JSON.parse(String(init?.body));
        requests.push(body);
        return onRequest(body);
      }
      throw new Error(`Unexpected ${method} ${url}`);
    }),
  );
  return requests;
}

/** The picker inside a form of its own, as the pages use it. */
function Harness({ onOuterSubmit }: { onOuterSubmit: () => void }) {
  const [value, setValue] = useState('');
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onOuterSubmit();
      }}
    >
      <InstitutionPicker label="Your institution" value={value} onChange={setValue} />
      <output data-testid="chosen">{value}</output>
    </form>
  );
}

function renderPicker() {
  const onOuterSubmit = vi.fn();
  renderWithApp(<Harness onOuterSubmit={onOuterSubmit} />, { me: makeMe() });
  return onOuterSubmit;
}

async function openRequestForm(user: ReturnType<typeof userEvent.setup>) {
  await screen.findByRole('option', { name: /Kyoto University/ });
  expect(screen.getByText('Can’t find your institution?')).toBeDefined();
  await user.click(screen.getByRole('button', { name: 'Request it' }));
  return screen.getByTestId('request-institution');
}

describe('InstitutionPicker', () => {
  it('requests a missing institution, chooses it at once and marks it pending approval', async () => {
    const requests = stubApi(() => jsonResponse(201, CREATED));
    const user = userEvent.setup();
    const onOuterSubmit = renderPicker();
    const form = await openRequestForm(user);

    await user.type(within(form).getByRole('textbox', { name: 'Full name' }), 'Mahidol University');
    await user.type(within(form).getByRole('textbox', { name: 'Short name' }), 'MU');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Country' }), 'TH');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Type' }), 'UNIVERSITY');
    await user.click(within(form).getByRole('button', { name: 'Request the institution' }));

    await waitFor(() => expect(screen.getByTestId('chosen').textContent).toBe(CREATED.id));
    expect(requests).toEqual([
      { name: 'Mahidol University', shortName: 'MU', countryCode: 'TH', type: 'UNIVERSITY', website: null },
    ]);
    const institution = screen.getByRole('combobox', { name: 'Institution' }) as HTMLSelectElement;
    expect(institution.value).toBe(CREATED.id);
    expect(institution.selectedOptions[0]?.textContent).toBe('Mahidol University (MU) (pending approval)');
    expect(screen.getByTestId('institution-pending').textContent).toContain('Pending approval');
    expect(screen.queryByTestId('request-institution')).toBeNull();
    expect(onOuterSubmit).not.toHaveBeenCalled();
  });

  it('sends the request on Enter in its fields, not the form around the picker', async () => {
    const requests = stubApi(() => jsonResponse(201, CREATED));
    const user = userEvent.setup();
    const onOuterSubmit = renderPicker();
    const form = await openRequestForm(user);
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Country' }), 'TH');
    const name = within(form).getByRole('textbox', { name: 'Full name' });
    await user.type(name, 'Mahidol University');
    fireEvent.keyDown(name, { key: 'Enter' });
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(onOuterSubmit).not.toHaveBeenCalled();
  });

  it('says the institution exists when the API answers 409', async () => {
    stubApi(() =>
      jsonResponse(
        409,
        problem(409, 'conflict', [
          { path: 'body.name', code: 'duplicate', message: 'Already listed', params: { status: 'APPROVED' } },
        ]),
      ),
    );
    const user = userEvent.setup();
    renderPicker();
    const form = await openRequestForm(user);
    await user.type(within(form).getByRole('textbox', { name: 'Full name' }), 'Kyoto University');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Country' }), 'JP');
    await user.click(within(form).getByRole('button', { name: 'Request the institution' }));
    expect((await within(form).findByTestId('institution-exists')).textContent).toBe(
      'This institution is already in the directory, or someone has asked for it: search for it above.',
    );
    expect(screen.getByTestId('chosen').textContent).toBe('');
  });

  it('checks the request with the contract before sending it', async () => {
    const requests = stubApi(() => jsonResponse(201, CREATED));
    const user = userEvent.setup();
    renderPicker();
    const form = await openRequestForm(user);
    await user.type(within(form).getByRole('textbox', { name: 'Website' }), 'not a url');
    await user.click(within(form).getByRole('button', { name: 'Request the institution' }));
    expect(await within(form).findAllByRole('alert')).not.toHaveLength(0);
    expect(within(form).getByRole('textbox', { name: 'Full name' }).getAttribute('aria-invalid')).toBe('true');
    expect(requests).toEqual([]);
  });
});
