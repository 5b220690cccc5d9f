import { formatMoney } from '@kizuna/shared';
import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n';
import { CALL_ID, COUNTRIES, makeCall, PROGRAMME_ID } from '../../test/calls';
import { jsonResponse, makeMe, renderWithApp } from '../../test/render';
import { CallPage } from './call-page';

function stubApi(call: unknown, status = 200) {
  vi.stubGlobal(
    'fetch',
    vi.fn<typeof fetch>(async (input) => {
      const url = String(input);
      if (url === `/api/calls/${CALL_ID}`) return jsonResponse(status, call);
      if (url === '/api/reference/countries') return jsonResponse(200, COUNTRIES);
      throw new Error(`Unexpected ${url}`);
    }),
  );
}

function renderPage(me = makeMe({ timeZone: 'Asia/Tokyo' })) {
  return renderWithApp(
    <Routes>
      <Route path="/calls/:id" element={<CallPage />} />
    </Routes>,
    { route: `/calls/${CALL_ID}`, me },
  );
}

describe('CallPage', () => {
  it('shows the rules in plain language, money in the call currency and the timeline in both zones', async () => {
    stubApi(makeCall({ status: 'OPEN', description: '## Scope\n<script>alert(1)</script> **rice**' }));
    renderPage();

    const rules = await screen.findByTestId('call-rules');
    expect(within(rules).getByText('At least 1 partner(s) in Japan')).toBeDefined();
    expect(within(rules).getByText('Partners from at least 2 different ASEAN member states')).toBeDefined();
    expect(within(rules).getByText('Total budget within the cap per proposal')).toBeDefined();
    expect(within(rules).getByText(`Cap: ${formatMoney('900000.00', 'USD', 'en-GB')}`)).toBeDefined();
    expect(screen.getByTestId('call-cap-partner').textContent).toBe(formatMoney('300000', 'USD', 'en-GB'));
    expect(screen.getByTestId('call-max-duration').textContent).toBe('36 months');
    const [jst] = screen.getAllByTestId('call-agency');
    expect(jst?.textContent).toContain('Japan');
    expect(jst?.textContent).toContain(formatMoney('1500000', 'USD', 'en-GB'));
    expect(screen.getByTestId('call-rates').textContent).toContain('1 JPY = 0.0067 USD');
    expect(screen.getAllByTestId('call-criterion').map((row) => row.textContent)).toEqual([
      'Scientific excellence50%',
      'Impact30%',
      'Implementation20%',
    ]);

    const deadline = screen.getByTestId('call-deadline');
    expect(within(deadline).getByTestId('deadline-call-zone').textContent).toContain('17:00');
    expect(within(deadline).getByTestId('deadline-call-zone').textContent).toContain('Asia/Bangkok');
    expect(within(deadline).getByTestId('deadline-viewer-zone').textContent).toContain('19:00');
    expect(within(deadline).getByTestId('deadline-viewer-zone').textContent).toContain('Asia/Tokyo');

    const description = screen.getByTestId('call-description');
    // Markdown headings sit below the section's own h2: '#' is h3, '##' h4.
    expect(description.querySelector('h4')?.textContent).toBe('Scope');
    expect(description.querySelector('strong')?.textContent).toBe('rice');
    expect(description.querySelector('script')).toBeNull();
    // Not a manager of this programme: no edit link.
    expect(screen.queryByRole('link', { name: 'Edit this call' })).toBeNull();
  });

  it('speaks Japanese, with country names from the reference data', async () => {
    await i18n.changeLanguage('ja');
    stubApi(makeCall({ status: 'OPEN' }));
    renderPage();
    const rules = await screen.findByTestId('call-rules');
    expect(await within(rules).findByText('日本のパートナーが 1 機関以上')).toBeDefined();
    expect(within(rules).getByText('2 か国以上の異なる ASEAN 加盟国のパートナー')).toBeDefined();
    expect(screen.getByText('気候変動')).toBeDefined();
  });

  it('tells the programme’s manager that a draft is private and links to the editor', async () => {
    stubApi(makeCall({ status: 'DRAFT' }));
    renderPage(makeMe({ roles: [{ role: 'PROGRAMME_MANAGER', programmeId: PROGRAMME_ID }] }));
    expect(
      await screen.findByText('This call is a draft: only the managers of its programme can see it.'),
    ).toBeDefined();
    expect(screen.getByRole('link', { name: 'Edit this call' }).getAttribute('href')).toBe(
      `/manage/calls/${CALL_ID}/edit`,
    );
  });

  it('says so when the call does not exist or is not public', async () => {
    stubApi({ type: 'about:blank', title: 'Not found', status: 404, code: 'not_found' }, 404);
    renderPage(makeMe());
    expect(await screen.findByText('This call does not exist or is not public.')).toBeDefined();
  });
});
