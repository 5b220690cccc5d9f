import { formatMoney, type Grant, type GrantReport } from '@kizuna/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { GRANT_ID, JP_GRANT_PARTNER, MY_GRANT_PARTNER, makeGrant, REPORT_ID } from '../../../test/grants';
import { problem } from '../../../test/proposals';
import { jsonResponse, makeMe, renderWithApp } from '../../../test/render';
import { GrantReportPage } from './report-page';

const myr = (amount: string) => formatMoney(amount, 'MYR', 'en-GB');
const usd = (amount: string) => formatMoney(amount, 'USD', 'en-GB');
const REPORT_URL = `/api/grant-reports/${REPORT_ID}`;
const GRANT_URL = `/api/grants/${GRANT_ID}`;

function makeReport(overrides: Partial<GrantReport> = {}): GrantReport {
  const summary = makeGrant().reports[0]!;
  const figures = (partnerCurrency: string, callCurrency: string) => ({ partnerCurrency, callCurrency });
  return {
    ...summary,
    grantId: GRANT_ID,
    version: 3,
    narrative: { summary: '', progress: '', deviations: '', nextSteps: '' },
    outputs: { publications: [], datasets: [], patents: [], prototypes: [], trainedPeople: [] },
    jointPublications: 0,
    spending: [],
    statement: {
      callCurrency: 'USD',
      rows: [
        {
          partnerId: MY_GRANT_PARTNER,
          category: 'TRAVEL',
          currency: 'MYR',
          approved: figures('20000.00', '4200.00'),
          spentThisPeriod: figures('25000.00', '5250.00'),
          spentToDate: figures('25000.00', '5250.00'),
          remaining: figures('-5000.00', '-1050.00'),
        },
      ],
      partners: [
        {
          partnerId: MY_GRANT_PARTNER,
          currency: 'MYR',
          approved: figures('20000.00', '4200.00'),
          spentThisPeriod: figures('25000.00', '5250.00'),
          spentToDate: figures('25000.00', '5250.00'),
          remaining: figures('-5000.00', '-1050.00'),
        },
      ],
      totals: { approved: '4200.00', spentThisPeriod: '5250.00', spentToDate: '5250.00' },
    },
    ...overrides,
  };
}

interface Sent {
  method: string;
  url: string;
  body: Record<string, unknown> | undefined;
}

/**
 * The API: GETs answer the grant and the report as they are now; each write answers with the next of `writes`
 * (which may change the report the next GET sees).
 */
function stubApi(state: { grant: Grant; report: GrantReport }, ...writes: ((body: unknown) => Response)[]) {
  const sent: Sent[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn<typeof fetch>(async (input, init) => {
      const url = String(input);
      const method = init?.method ?? 'GET';
      const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : undefined;
      if (method === 'GET') {
        if (url === GRANT_URL) return jsonResponse(200, state.grant);
        if (url === REPORT_URL) return jsonResponse(200, state.report);
        if (url.startsWith('/api/auth/me')) return jsonResponse(200, makeMe());
        if (url.startsWith('/api/grants')) return jsonResponse(200, { items: [], total: 0, page: 1, pageSize: 20 });
        throw new Error(`Unexpected GET ${url}`);
      }
      sent.push({ method, url, body });
      const write = writes.shift();
      if (!write) throw new Error(`Unexpected ${method} ${url}`);
      return write(body);
    }),
  );
  return sent;
}

function renderPage() {
  return renderWithApp(
    <Routes>
      <Route path="/grants/:id/reports/:reportId" element={<GrantReportPage />} />
    </Routes>,
    { route: `/grants/${GRANT_ID}/reports/${REPORT_ID}`, me: makeMe() },
  );
}

const writes = () => screen.findByTestId('report-editor');

describe('GrantReportPage', () => {
  it('lets the lead PI write the narrative, a publication and a spending line, and saves them with the version', async () => {
    const state = { grant: makeGrant({ myRole: 'LEAD_PI' }), report: makeReport() };
    const sent = stubApi(state, (body) => {
      state.report = makeReport({ ...(body as object), version: 4 });
      return jsonResponse(200, state.report);
    });
    const user = userEvent.setup();
    renderPage();
    await writes();
    expect(screen.getByRole('heading', { level: 1, name: 'Periodic report 1' })).toBeDefined();
    expect(screen.getByTestId('report-status').dataset.status).toBe('DUE');

    await user.type(screen.getByLabelText('Summary'), 'Sites chosen and surveyed.');
    await user.click(screen.getByTestId('add-publications'));
    const publication = screen.getByRole('group', { name: 'Publication 1' });
    await user.type(within(publication).getByLabelText('Title'), 'Mangrove carbon stocks');
    await user.type(within(publication).getByLabelText('DOI'), '10.1234/mangrove.1');
    await user.type(within(publication).getByLabelText('Journal or conference'), 'Nature');
    await user.clear(within(publication).getByLabelText('Year'));
    await user.type(within(publication).getByLabelText('Year'), '2027');
    await user.type(within(publication).getByLabelText('Author countries'), 'jp, my');
    expect(within(publication).getByTestId('joint-publication')).toBeDefined();

    await user.click(screen.getByTestId('add-spending'));
    const line = screen.getByRole('group', { name: 'Spending line 1' });
    await user.selectOptions(within(line).getByLabelText('Partner'), MY_GRANT_PARTNER);
    await user.selectOptions(within(line).getByLabelText('Category'), 'TRAVEL');
    await user.type(within(line).getByLabelText('Amount (MYR)'), '1,500.50');
    expect(screen.getByTestId('report-save-state').textContent).toBe('Changes not saved yet');

    await user.click(screen.getByTestId('report-save'));
    await screen.findByText('Report saved.');
    expect(sent).toEqual([
      {
        method: 'PUT',
        url: REPORT_URL,
        body: {
          version: 3,
          narrative: { summary: 'Sites chosen and surveyed.', progress: '', deviations: '', nextSteps: '' },
          outputs: {
            publications: [
              {
                title: 'Mangrove carbon stocks',
                doi: '10.1234/mangrove.1',
                venue: 'Nature',
                year: 2027,
                countries: ['JP', 'MY'],
              },
            ],
            datasets: [],
            patents: [],
            prototypes: [],
            trainedPeople: [],
          },
          spending: [{ partnerId: MY_GRANT_PARTNER, category: 'TRAVEL', amount: '1500.50' }],
        },
      },
    ]);
    expect(screen.getByTestId('report-save-state').textContent).toBe('All changes saved');
  });

  it('keeps what is typed while a save is on its way, as unsaved changes on the saved version', async () => {
    const state = { grant: makeGrant({ myRole: 'LEAD_PI' }), report: makeReport() };
    let answer: (response: Response) => void = () => undefined;
    const sent = stubApi(
      state,
      (body) =>
        new Promise<Response>((resolve) => {
          answer = (response) => resolve(response);
          state.report = makeReport({ ...(body as object), version: 4 });
        }) as unknown as Response,
      (body) => jsonResponse(200, makeReport({ ...(body as object), version: 5 })),
    );
    const user = userEvent.setup();
    renderPage();
    await writes();
    const summary = screen.getByLabelText('Summary') as HTMLTextAreaElement;
    await user.type(summary, 'Sites chosen.');
    await user.click(screen.getByTestId('report-save'));
    await waitFor(() => expect(sent).toHaveLength(1));
    await user.type(summary, ' Surveys started.');
    answer(jsonResponse(200, state.report));
    await waitFor(() => expect(screen.getByTestId('report-save')).toHaveProperty('disabled', false));
    expect(summary.value).toBe('Sites chosen. Surveys started.');
    expect(screen.getByTestId('report-save-state').textContent).toBe('Changes not saved yet');
    // The next save carries the rest, on the version the first one made.
    await user.click(screen.getByTestId('report-save'));
    await screen.findByText('Report saved.');
    expect(
      sent.map((w) => [
        (w.body as { version: number }).version,
        (w.body as { narrative: { summary: string } }).narrative.summary,
      ]),
    ).toEqual([
      [3, 'Sites chosen.'],
      [4, 'Sites chosen. Surveys started.'],
    ]);
  });

  it('checks amounts against the partner’s currency before saving', async () => {
    const state = { grant: makeGrant({ myRole: 'LEAD_PI' }), report: makeReport() };
    const sent = stubApi(state);
    const user = userEvent.setup();
    renderPage();
    await writes();
    await user.click(screen.getByTestId('add-spending'));
    const line = screen.getByRole('group', { name: 'Spending line 1' });
    await user.selectOptions(within(line).getByLabelText('Partner'), JP_GRANT_PARTNER);
    await user.type(within(line).getByLabelText('Amount (JPY)'), '100.5');
    await user.click(screen.getByTestId('report-save'));
    expect(await within(line).findByText('This value is not valid.')).toBeDefined();
    expect(within(line).getByText('In JPY, whole amounts only.')).toBeDefined();
    expect(sent).toEqual([]);
  });

  it('shows the server’s field errors on the fields', async () => {
    const state = {
      grant: makeGrant({ myRole: 'LEAD_PI' }),
      report: makeReport({
        outputs: {
          publications: [{ title: 'A', doi: null, venue: '', year: 2027, countries: ['JP'] }],
          datasets: [],
          patents: [],
          prototypes: [],
          trainedPeople: [],
        },
      }),
    };
    stubApi(state, () =>
      jsonResponse(
        400,
        problem(400, 'validation_failed', [
          { path: 'body.outputs.publications.0.countries.0', code: 'unknown_country', message: 'Unknown' },
        ]),
      ),
    );
    const user = userEvent.setup();
    renderPage();
    await writes();
    await user.click(screen.getByTestId('report-save'));
    const countries = within(screen.getByRole('group', { name: 'Publication 1' })).getByLabelText('Author countries');
    await waitFor(() => expect(countries.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('Choose one of the ASEAN member states or Japan.')).toBeDefined();
  });

  it('on a 409 says someone else saved, and keeps the user’s text until they choose', async () => {
    const state = { grant: makeGrant({ myRole: 'LEAD_PI' }), report: makeReport() };
    const sent = stubApi(
      state,
      () => {
        // Someone else saved meanwhile: the report is at version 5 now.
        state.report = makeReport({ version: 5, narrative: { ...makeReport().narrative, summary: 'Theirs' } });
        return jsonResponse(409, problem(409, 'conflict'));
      },
      (body) => jsonResponse(200, makeReport({ ...(body as object), version: 6 })),
    );
    const user = userEvent.setup();
    renderPage();
    await writes();
    await user.type(screen.getByLabelText('Summary'), 'Mine');
    await user.click(screen.getByTestId('report-save'));
    const conflict = await screen.findByTestId('report-conflict');
    expect(conflict.textContent).toContain('version 5');
    expect((screen.getByLabelText('Summary') as HTMLTextAreaElement).value).toBe('Mine');
    expect((screen.getByTestId('report-save') as HTMLButtonElement).disabled).toBe(true);

    await user.click(within(conflict).getByRole('button', { name: 'Keep my version' }));
    await screen.findByText('Report saved.');
    expect(sent.map((s) => s.body?.version)).toEqual([3, 5]);
    expect(sent[1]?.body?.narrative).toMatchObject({ summary: 'Mine' });
  });

  it('loads their version when the user takes theirs', async () => {
    const state = { grant: makeGrant({ myRole: 'LEAD_PI' }), report: makeReport() };
    stubApi(state, () => {
      state.report = makeReport({ version: 5, narrative: { ...makeReport().narrative, summary: 'Theirs' } });
      return jsonResponse(409, problem(409, 'conflict'));
    });
    const user = userEvent.setup();
    renderPage();
    await writes();
    await user.type(screen.getByLabelText('Summary'), 'Mine');
    await user.click(screen.getByTestId('report-save'));
    await user.click(await screen.findByRole('button', { name: 'Load their version' }));
    expect((screen.getByLabelText('Summary') as HTMLTextAreaElement).value).toBe('Theirs');
    expect(screen.queryByTestId('report-conflict')).toBeNull();
  });

  it('submits the saved version after a confirmation, then shows the report read-only', async () => {
    const saved = makeReport({ narrative: { summary: 'Done', progress: '', deviations: '', nextSteps: '' } });
    const state = { grant: makeGrant({ myRole: 'LEAD_PI' }), report: saved };
    const sent = stubApi(state, () => {
      state.report = { ...saved, status: 'SUBMITTED', version: 4, submittedAt: '2028-01-10T01:00:00.000Z' };
      return jsonResponse(200, state.report);
    });
    const user = userEvent.setup();
    renderPage();
    await writes();
    await user.click(screen.getByTestId('report-submit'));
    const dialog = await screen.findByTestId('report-submit-dialog');
    expect(sent).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(screen.getByTestId('report-status').dataset.status).toBe('SUBMITTED'));
    expect(sent).toEqual([{ method: 'POST', url: `${REPORT_URL}/submit`, body: { version: 3 } }]);
    expect(screen.queryByTestId('report-editor')).toBeNull();
    expect(screen.getByTestId('report-view')).toBeDefined();
    expect(screen.getByText('Report submitted. The programme managers have been notified.')).toBeDefined();
  });

  it('shows a partner PI the report read-only, with the statement and an overspent remainder highlighted', async () => {
    const state = {
      grant: makeGrant({ myRole: 'PARTNER_PI' }),
      report: makeReport({ narrative: { summary: 'Progress made', progress: '', deviations: '', nextSteps: '' } }),
    };
    stubApi(state);
    renderPage();
    expect(await screen.findByTestId('report-view')).toBeDefined();
    expect(screen.queryByTestId('report-editor')).toBeNull();
    expect(screen.queryByTestId('report-save')).toBeNull();
    expect(screen.queryByTestId('report-accept')).toBeNull();
    expect(screen.getByTestId('report-narrative-summary').textContent).toBe('Progress made');

    const row = screen.getByTestId('statement-row');
    expect(row.dataset.category).toBe('TRAVEL');
    const cells = within(row).getAllByRole('cell');
    // Category, approved, this period, to date, remaining: both currencies; the negative remainder stands out.
    expect(cells[1]?.textContent).toBe(myr('20000.00') + usd('4200.00'));
    expect(cells[4]?.textContent).toBe(myr('-5000.00') + usd('-1050.00'));
    expect(cells[4]?.hasAttribute('data-negative')).toBe(true);
    expect(cells[1]?.hasAttribute('data-negative')).toBe(false);
    const totals = within(screen.getByTestId('statement-totals')).getAllByRole('cell');
    expect(totals.map((cell) => cell.textContent)).toEqual([usd('4200.00'), usd('5250.00'), usd('5250.00'), '']);
  });

  it('lets a manager accept a submitted report or return it, but only with a comment', async () => {
    const state = {
      grant: makeGrant({ myRole: 'MANAGER' }),
      report: makeReport({ status: 'SUBMITTED', submittedAt: '2028-01-10T01:00:00.000Z' }),
    };
    const sent = stubApi(state, () => {
      state.report = makeReport({ status: 'RETURNED', reviewComment: 'Add the travel receipts.' });
      return jsonResponse(200, state.report);
    });
    const user = userEvent.setup();
    renderPage();
    await screen.findByTestId('report-review');
    expect(screen.queryByTestId('report-editor')).toBeNull();

    await user.click(screen.getByTestId('report-return'));
    expect(await screen.findByText('This field is required.')).toBeDefined();
    expect(sent).toEqual([]);

    await user.type(screen.getByLabelText('Comments to the consortium'), 'Add the travel receipts.');
    await user.click(screen.getByTestId('report-return'));
    await waitFor(() => expect(screen.getByTestId('report-status').dataset.status).toBe('RETURNED'));
    expect(sent).toEqual([
      {
        method: 'POST',
        url: `${REPORT_URL}/review`,
        body: { decision: 'REQUEST_CHANGES', comment: 'Add the travel receipts.' },
      },
    ]);
    expect(screen.getByTestId('report-review-comment').textContent).toContain('Add the travel receipts.');
    expect(screen.queryByTestId('report-review')).toBeNull();
  });

  it('sends an acceptance without a comment', async () => {
    const state = { grant: makeGrant({ myRole: 'MANAGER' }), report: makeReport({ status: 'SUBMITTED' }) };
    const sent = stubApi(state, () => {
      state.report = makeReport({ status: 'ACCEPTED' });
      return jsonResponse(200, state.report);
    });
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByTestId('report-accept'));
    await waitFor(() => expect(screen.getByTestId('report-status').dataset.status).toBe('ACCEPTED'));
    expect(sent[0]?.body).toEqual({ decision: 'ACCEPT', comment: '' });
  });
});
