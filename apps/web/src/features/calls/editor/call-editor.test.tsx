import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { AGENCIES, CALL_ID, COUNTRIES, makeCall, PROGRAMME_ID } from '../../../test/calls';
import { jsonResponse, makeMe, renderWithApp } from '../../../test/render';
import { EditCallPage } from '../edit-call-page';
import { NewCallPage } from '../new-call-page';

const MANAGER = makeMe({
  timeZone: 'Asia/Tokyo',
  roles: [{ role: 'PROGRAMME_MANAGER', programmeId: PROGRAMME_ID, programmeName: 'Climate Resilience 2027' }],
});

type Handler = (init: RequestInit | undefined) => Response | Promise<Response>;

/** Answers the reference data, and the call routes from `routes` ("PUT /api/manage/calls/…"). */
function stubApi(routes: Record<string, Handler>) {
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const handler = routes[`${method} ${url}`];
    if (handler) return handler(init);
    if (url === '/api/reference/agencies') return jsonResponse(200, AGENCIES);
    if (url === '/api/reference/countries') return jsonResponse(200, COUNTRIES);
    if (url === '/api/manage/programmes') {
      return jsonResponse(200, [
        { id: PROGRAMME_ID, slug: 'climate-2027', name: 'Climate Resilience 2027', description: '' },
      ]);
    }
    throw new Error(`Unexpected ${method} ${url}`);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function renderEditor(route = `/manage/calls/${CALL_ID}/edit`) {
  return renderWithApp(
    <Routes>
      <Route path="/manage/calls/new" element={<NewCallPage />} />
      <Route path="/manage/calls/:id/edit" element={<EditCallPage />} />
    </Routes>,
    { route, me: MANAGER },
  );
}

function sentBody(fetchMock: ReturnType<typeof stubApi>, method: string) {
  const call = fetchMock.mock.calls.find(([, init]) => init?.method === method);
  return JSON.parse(String(call?.[1]?.body)) as Record<string, unknown>;
}

describe('CallEditor', () => {
  it('loads a call with its times in the call’s zone and sends them back as instants with that zone’s offset', async () => {
    const fetchMock = stubApi({
      [`GET /api/calls/${CALL_ID}`]: () => jsonResponse(200, makeCall()),
      [`PUT /api/manage/calls/${CALL_ID}`]: () => jsonResponse(200, makeCall({ version: 4 })),
    });
    const user = userEvent.setup();
    renderEditor();

    const closes = (await screen.findByLabelText('Closes at')) as HTMLInputElement;
    expect(closes.value).toBe('2026-03-15T17:00');
    expect(screen.getByTestId('closes-at-viewer-zone').textContent).toContain('(Asia/Tokyo): 15 Mar 2026, 19:00');
    fireEvent.change(closes, { target: { value: '2026-03-20T23:59' } });
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Saved.')).toBeDefined();
    const body = sentBody(fetchMock, 'PUT');
    expect(body.version).toBe(3);
    expect(body.closesAt).toBe('2026-03-20T23:59:00+07:00');
    expect(body.opensAt).toBe('2026-02-01T09:00:00+07:00');
    expect(body.eligibilityRules).toEqual(makeCall().eligibilityRules);
    expect(body.themes).toEqual(['climate_change', 'food_security', 'mangroves']);
    expect(screen.getByTestId('call-version').textContent).toBe('Version 4');
  });

  it('shows the live rubric total and refuses weights that do not add up to 100', async () => {
    const fetchMock = stubApi({ [`GET /api/calls/${CALL_ID}`]: () => jsonResponse(200, makeCall()) });
    const user = userEvent.setup();
    renderEditor();

    const total = await screen.findByTestId('rubric-total');
    expect(total.textContent).toBe('Total of the weights: 100%');
    const weight = within(screen.getByTestId('criterion-row-0')).getByLabelText('Weight (%)');
    await user.clear(weight);
    await user.type(weight, '40');
    expect(total.textContent).toBe('Total of the weights: 90%. The weights must add up to 100%.');
    expect(total.getAttribute('data-valid')).toBe('false');

    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('The weights must add up to 100.')).toBeDefined();
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'PUT')).toBe(false);
  });

  it('puts a server error about an agency on that agency’s row and lists the rest', async () => {
    stubApi({
      [`GET /api/calls/${CALL_ID}`]: () => jsonResponse(200, makeCall()),
      [`PUT /api/manage/calls/${CALL_ID}`]: () =>
        jsonResponse(400, {
          type: 'https://kizuna.dev/problems/validation_failed',
          title: 'Your request has invalid fields',
          status: 400,
          code: 'validation_failed',
          errors: [
            { path: 'body.agencies.0.agencyId', code: 'unknown_agency', message: 'No such agency' },
            { path: 'body.somethingNew', code: 'custom', message: 'A rule from a newer server' },
          ],
        }),
    });
    const user = userEvent.setup();
    renderEditor();

    await screen.findByTestId('agency-row-0');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const row = screen.getByTestId('agency-row-0');
    expect(await within(row).findByText('This agency does not exist (any more). Choose another.')).toBeDefined();
    expect(within(row).getByLabelText('Agency').getAttribute('aria-invalid')).toBe('true');
    expect(within(screen.getByTestId('agency-row-1')).queryByRole('alert')).toBeNull();
    const summary = screen.getByTestId('editor-error-summary');
    expect(summary.textContent).toContain('somethingNew');
    expect(screen.getByText('Please correct the highlighted fields.')).toBeDefined();
  });

  it('on a 409 says someone else saved first and offers to load the current version', async () => {
    let current = makeCall();
    const fetchMock = stubApi({
      [`GET /api/calls/${CALL_ID}`]: () => jsonResponse(200, current),
      [`PUT /api/manage/calls/${CALL_ID}`]: () => {
        current = makeCall({ version: 4, title: 'Renamed by a colleague' });
        return jsonResponse(409, {
          type: 'https://kizuna.dev/problems/conflict',
          title: 'Conflict',
          status: 409,
          code: 'conflict',
          errors: [{ path: 'body.version', code: 'stale_version', message: 'Reload the call', params: { current: 4 } }],
        });
      },
    });
    const user = userEvent.setup();
    renderEditor();

    const title = (await screen.findByLabelText('Title')) as HTMLInputElement;
    await user.clear(title);
    await user.type(title, 'My own title');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const conflict = await screen.findByTestId('call-conflict');
    expect(conflict.textContent).toContain('Someone else saved this call while you were editing it');
    expect(conflict.textContent).toContain('version 4');
    // Nothing was overwritten: the form still holds what the user typed, until they choose to reload.
    expect(title.value).toBe('My own title');
    expect(sentBody(fetchMock, 'PUT').version).toBe(3);

    await user.click(within(conflict).getByRole('button', { name: 'Load the current version' }));
    await waitFor(() => expect(screen.queryByTestId('call-conflict')).toBeNull());
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Renamed by a colleague');
    expect(screen.getByTestId('call-version').textContent).toBe('Version 4');
  });

  it('publishes a saved draft after confirmation, sending its version', async () => {
    const fetchMock = stubApi({
      [`GET /api/calls/${CALL_ID}`]: () => jsonResponse(200, makeCall()),
      [`POST /api/manage/calls/${CALL_ID}/publish`]: () =>
        jsonResponse(200, makeCall({ status: 'PUBLISHED', version: 4 })),
    });
    const user = userEvent.setup();
    renderEditor();

    await user.click(await screen.findByRole('button', { name: 'Publish' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Publish this call?' });
    expect(dialog.textContent).toContain('15 Mar 2026, 17:00');
    await user.click(within(dialog).getByRole('button', { name: 'Publish now' }));

    expect(await screen.findByText('The call is published.')).toBeDefined();
    expect(sentBody(fetchMock, 'POST')).toEqual({ version: 3 });
    expect(screen.queryByRole('button', { name: 'Publish' })).toBeNull();
    expect(screen.getByTestId('call-status').textContent).toBe('Published');
  });

  it('creates a call in the programme and checks the form with the shared schema first', async () => {
    const fetchMock = stubApi({});
    const user = userEvent.setup();
    renderEditor('/manage/calls/new');

    expect(((await screen.findByLabelText('Programme')) as HTMLSelectElement).value).toBe(PROGRAMME_ID);
    expect(screen.getByTestId('rule-row-0').textContent).toContain('At least 1 partner(s) in Japan');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findAllByText('This field is required.')).length).toBeGreaterThan(0);
    expect(screen.getByText('Choose at least 1.', { selector: '#editor-agencies-error' })).toBeDefined();
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);
  });
});
