import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { Grant } from './../../api/grants';
import { GRANT_ID, LEAD_PI_ID, MILESTONE_ID, makeGrant, PARTNER_PI_ID } from '../../test/grants';
import { jsonResponse, makeMe, renderWithApp } from '../../test/render';
import { GrantPage } from './grant-page';

/** Serves the grant (and its history); answers writes with `answer`; records the writes. */
function stubApi(grant: Grant, answer: (url: string, body: unknown) => Response = () => jsonResponse(200, grant)) {
  const writes: { url: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn<typeof fetch>(async (input, init) => {
      const url = String(input);
      if (init?.method && init.method !== 'GET') {
        const body = init.body ? JSON.parse(String(init.body)) : undefined;
        writes.push({ url, body });
        return answer(url, body);
      }
      if (url === `/api/grants/${GRANT_ID}/history`) return jsonResponse(200, []);
      if (url === `/api/grants/${GRANT_ID}`) return jsonResponse(200, grant);
      return jsonResponse(404, { type: 'about:blank', title: 'Not found', status: 404, code: 'not_found' });
    }),
  );
  return writes;
}

function renderPage(route: string, userId: string) {
  return renderWithApp(
    <Routes>
      <Route path="/grants/:id" element={<GrantPage />} />
      <Route path="/grants/:id/:tab" element={<GrantPage />} />
    </Routes>,
    { route, me: makeMe({ id: userId }) },
  );
}

describe('GrantPage', () => {
  it('lets a PI who has not acknowledged the agreement do it, once they say they read it', async () => {
    const grant = makeGrant({ myRole: 'PARTNER_PI', status: 'AWARDED' });
    const writes = stubApi(grant);
    const user = userEvent.setup();
    renderPage(`/grants/${GRANT_ID}`, PARTNER_PI_ID);
    const button = await screen.findByTestId('acknowledge-agreement');
    expect(button).toHaveProperty('disabled', true);
    await user.click(screen.getByLabelText(/I have read version 1 of the agreement/));
    await user.click(button);
    await waitFor(() => expect(writes).toHaveLength(1));
    expect(writes[0]).toEqual({ url: `/api/grants/${GRANT_ID}/agreement/acknowledge`, body: { version: 1 } });
    expect(screen.getByTestId('agreement-download').getAttribute('href')).toBe(`/api/grants/${GRANT_ID}/agreement`);
  });

  it('offers nothing to acknowledge to a PI who already did', async () => {
    stubApi(makeGrant({ myRole: 'LEAD_PI', status: 'AWARDED' }));
    renderPage(`/grants/${GRANT_ID}`, LEAD_PI_ID);
    await screen.findByTestId('agreement');
    expect(screen.queryByTestId('acknowledge-agreement')).toBeNull();
    expect(screen.getAllByTestId('acknowledgement').map((row) => row.dataset.acknowledged)).toEqual(['yes', 'no']);
  });

  it('gives a manager the state changes of an active grant, and asks why before suspending', async () => {
    const grant = makeGrant();
    const writes = stubApi(grant);
    const user = userEvent.setup();
    renderPage(`/grants/${GRANT_ID}`, LEAD_PI_ID);
    await screen.findByTestId('grant-suspend');
    expect(screen.getByTestId('grant-finalReportDue')).toBeTruthy();
    expect(screen.queryByTestId('grant-close')).toBeNull();
    await user.click(screen.getByTestId('grant-suspend'));
    const dialog = screen.getByTestId('grant-state-reason');
    await user.type(within(dialog).getByLabelText(/Reason/), 'Audit of the partner accounts');
    await user.click(within(dialog).getByRole('button', { name: 'Suspend' }));
    await waitFor(() => expect(writes).toHaveLength(1));
    expect(writes[0]).toEqual({
      url: `/api/grants/${GRANT_ID}/suspend`,
      body: { reason: 'Audit of the partner accounts' },
    });
  });

  it('lets a consortium member submit milestone evidence with links', async () => {
    const grant = makeGrant({ myRole: 'PARTNER_PI' });
    const writes = stubApi(grant, () => jsonResponse(200, grant.milestones[0]));
    const user = userEvent.setup();
    renderPage(`/grants/${GRANT_ID}/milestones`, PARTNER_PI_ID);
    await user.type(await screen.findByTestId('milestone-evidence'), 'Twelve sites chosen with the villages.');
    await user.type(screen.getByLabelText('Links (one per line)'), 'https://example.org/sites{Enter}not a link');
    await user.click(screen.getByTestId('milestone-submit'));
    expect(screen.getByRole('alert').textContent).toContain('https://');
    expect(writes).toEqual([]);
    await user.clear(screen.getByLabelText('Links (one per line)'));
    await user.type(screen.getByLabelText('Links (one per line)'), 'https://example.org/sites');
    await user.click(screen.getByTestId('milestone-submit'));
    await waitFor(() => expect(writes).toHaveLength(1));
    expect(writes[0]).toEqual({
      url: `/api/grant-milestones/${MILESTONE_ID}/evidence`,
      body: { evidence: 'Twelve sites chosen with the villages.', links: ['https://example.org/sites'] },
    });
  });

  it('uploads an evidence file as raw bytes with its name, and lists the grant’s files with download links', async () => {
    const grant = makeGrant({ myRole: 'PARTNER_PI' });
    const uploads: { url: string; name: string | null; size: number }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>(async (input, init) => {
        const url = String(input);
        if (init?.method === 'POST') {
          const headers = new Headers(init.headers);
          uploads.push({ url, name: headers.get('X-File-Name'), size: (init.body as Blob).size });
          return jsonResponse(201, {});
        }
        return jsonResponse(200, {
          ...grant,
          milestones: [
            {
              ...grant.milestones[0],
              files: uploads.map((u, i) => ({
                id: `0e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4${i}`,
                fileName: decodeURIComponent(u.name ?? ''),
                contentType: 'application/pdf',
                size: u.size,
                sha256: 'x',
                uploadedBy: { id: PARTNER_PI_ID, displayName: 'Siti Rahman' },
                uploadedAt: grant.awardedAt,
              })),
            },
          ],
        });
      }),
    );
    const user = userEvent.setup();
    renderPage(`/grants/${GRANT_ID}/milestones`, PARTNER_PI_ID);
    const input = await screen.findByLabelText('Add a file');
    await user.upload(input, new File(['%PDF-1.4'], '現地 report.pdf', { type: 'application/pdf' }));
    await waitFor(() => expect(uploads).toHaveLength(1));
    expect(uploads[0]).toEqual({
      url: `/api/grant-milestones/${MILESTONE_ID}/files`,
      name: encodeURIComponent('現地 report.pdf'),
      size: 8,
    });
    const link = await screen.findByTestId('milestone-file');
    expect(link.textContent).toBe('現地 report.pdf');
    expect(link.getAttribute('href')).toBe(
      `/api/grant-milestones/${MILESTONE_ID}/files/0e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a40`,
    );
  });

  it('lets a manager accept submitted evidence, and counts what waits for them on the tab', async () => {
    const base = makeGrant();
    const grant = makeGrant({
      milestones: [{ ...base.milestones[0]!, status: 'SUBMITTED', evidence: 'Done.', submittedAt: base.awardedAt }],
    });
    const writes = stubApi(grant, () => jsonResponse(200, grant.milestones[0]));
    const user = userEvent.setup();
    renderPage(`/grants/${GRANT_ID}/milestones`, LEAD_PI_ID);
    expect((await screen.findByTestId('grant-tab-milestones')).textContent).toContain('1 waiting');
    await user.click(screen.getByTestId('milestone-accept'));
    await waitFor(() => expect(writes).toHaveLength(1));
    expect(writes[0]).toEqual({
      url: `/api/grant-milestones/${MILESTONE_ID}/review`,
      body: { decision: 'ACCEPT', comment: '' },
    });
  });

  it('says a grant is not found when the API answers 404', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>(async () =>
        jsonResponse(404, { type: 'about:blank', title: 'Not found', status: 404, code: 'not_found' }),
      ),
    );
    renderPage(`/grants/${GRANT_ID}`, LEAD_PI_ID);
    expect(await screen.findByTestId('grant-not-found')).toBeTruthy();
  });
});
