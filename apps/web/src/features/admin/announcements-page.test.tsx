import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, makeMe, renderWithApp } from '../../test/render';
import { AnnouncementsPage } from './announcements-page';

const ADMIN = makeMe({ roles: [{ role: 'ADMIN', programmeId: null }] });
const JOB_RUN_ID = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const ANNOUNCEMENT = {
  id: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
  title: 'Reviewer briefing',
  body: 'Join the briefing on 4 March.',
  audience: ['REVIEWER', 'PROGRAMME_MANAGER'],
  createdAt: '2026-02-03T09:04:05Z',
  jobRunId: JOB_RUN_ID,
};

describe('AnnouncementsPage', () => {
  it('sends the announcement to the ticked roles and follows the job that notifies them', async () => {
    let created = false;
    const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
      const url = String(input);
      if (url.startsWith('/api/admin/announcements') && init?.method === 'GET') {
        const items = created ? [ANNOUNCEMENT] : [];
        return jsonResponse(200, { items, total: items.length, page: 1, pageSize: 20 });
      }
      if (url === '/api/admin/announcements' && init?.method === 'POST') {
        created = true;
        return jsonResponse(201, ANNOUNCEMENT);
      }
      if (url === `/api/job-runs/${JOB_RUN_ID}`) {
        return jsonResponse(200, {
          id: JOB_RUN_ID,
          kind: 'announcement.publish',
          status: 'SUCCEEDED',
          progress: 100,
          total: 12,
          done: 12,
          result: { recipients: 12 },
          error: null,
          createdAt: '2026-02-03T09:04:05Z',
          startedAt: '2026-02-03T09:04:06Z',
          finishedAt: '2026-02-03T09:04:08Z',
        });
      }
      throw new Error(`Unexpected ${init?.method} ${url}`);
    });
    vi.stubGlobal('fetch', fetchMock);
    const user = userEvent.setup();
    renderWithApp(<AnnouncementsPage />, { route: '/admin/announcements', me: ADMIN });

    expect(await screen.findByText('No announcements yet.')).toBeDefined();
    expect(screen.getByTestId('announcement-recipients').textContent).toBe('Goes to: Everyone');
    await user.type(screen.getByLabelText('Title'), 'Reviewer briefing');
    await user.type(screen.getByLabelText('Message'), 'Join the briefing on 4 March.');
    const audience = screen.getByRole('group', { name: 'Audience' });
    await user.click(within(audience).getByRole('checkbox', { name: 'Reviewer' }));
    await user.click(within(audience).getByRole('checkbox', { name: 'Programme manager' }));
    expect(screen.getByTestId('announcement-recipients').textContent).toBe('Goes to: Reviewer and Programme manager');
    await user.click(screen.getByRole('button', { name: 'Send announcement' }));

    const progress = await screen.findByRole('progressbar', { name: 'Notifying recipients' });
    await waitFor(() => expect(progress.getAttribute('aria-valuenow')).toBe('100'));
    expect(await screen.findByText('12 of 12 done', { exact: false })).toBeDefined();
    expect(await screen.findByTestId('announcement-row')).toBeDefined();
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('');

    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({
      title: 'Reviewer briefing',
      body: 'Join the briefing on 4 March.',
      audience: ['REVIEWER', 'PROGRAMME_MANAGER'],
    });
  });

  it('checks the form with the shared schema before sending', async () => {
    const fetchMock = vi.fn<typeof fetch>(async () =>
      jsonResponse(200, { items: [], total: 0, page: 1, pageSize: 20 }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const user = userEvent.setup();
    renderWithApp(<AnnouncementsPage />, { route: '/admin/announcements', me: ADMIN });

    await user.click(screen.getByRole('button', { name: 'Send announcement' }));
    expect(await screen.findAllByText('This field is required.')).toHaveLength(2);
    expect(fetchMock.mock.calls.every(([, init]) => init?.method === 'GET')).toBe(true);
  });
});
