import type { JobRun } from '@kizuna/shared';
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { LiveUpdatesProvider } from '../shell/live-updates';
import { FakeEventSource, stubEventSource } from '../test/fake-event-source';
import { jsonResponse, makeMe, renderWithApp } from '../test/render';
import { JobProgress } from './job-progress';

const RUN_ID = '9d4c3f5b-6e7a-4b8c-9d0e-1f2a3b4c5d6e';

function run(overrides: Partial<JobRun>): JobRun {
  return {
    id: RUN_ID,
    kind: 'announcement.publish',
    status: 'QUEUED',
    progress: 0,
    total: null,
    done: 0,
    result: null,
    error: null,
    createdAt: '2026-02-03T09:00:00Z',
    startedAt: null,
    finishedAt: null,
    ...overrides,
  };
}

/** GET /api/job-runs/:id answers whatever `current()` says at that moment. */
function serveRun(current: () => JobRun) {
  const fetchMock = vi.fn<typeof fetch>(async (input) => {
    expect(String(input)).toBe(`/api/job-runs/${RUN_ID}`);
    return jsonResponse(200, current());
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function bar() {
  return screen.getByRole('progressbar', { name: 'Notifying recipients' });
}

describe('JobProgress', () => {
  it('polls the run every second and shows the bar, then the result once it has finished', async () => {
    const answers = [
      run({ status: 'RUNNING', progress: 40, total: 10, done: 4, startedAt: '2026-02-03T09:00:01Z' }),
      run({ status: 'SUCCEEDED', progress: 100, total: 10, done: 10, result: { recipients: 10, emailsQueued: 7 } }),
    ];
    const fetchMock = serveRun(() => (answers.length > 1 ? answers.shift()! : answers[0]!));
    renderWithApp(<JobProgress runId={RUN_ID} label="Notifying recipients" />, { me: makeMe() });

    await waitFor(() => expect(bar().getAttribute('aria-valuenow')).toBe('40'));
    expect(screen.getByText('40% · 4 of 10 done')).toBeDefined();
    expect(screen.getByText('Running')).toBeDefined();
    expect(screen.queryByTestId('job-result')).toBeNull();

    const result = await screen.findByTestId('job-result', {}, { timeout: 3000 });
    expect(bar().getAttribute('aria-valuenow')).toBe('100');
    expect(screen.getByText('Finished')).toBeDefined();
    expect(screen.getByTestId('job-progress').getAttribute('data-status')).toBe('SUCCEEDED');
    expect(result.textContent).toContain('recipients');
    expect(result.textContent).toContain('10');
    expect(result.textContent).toContain('emailsQueued');

    // Finished: no more polling.
    const calls = fetchMock.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(fetchMock.mock.calls.length).toBe(calls);
  });

  it('moves on job-run events of the live stream and shows the error when the job fails', async () => {
    stubEventSource();
    let current = run({});
    serveRun(() => current);
    const me = makeMe();
    renderWithApp(
      <LiveUpdatesProvider userId={me.id}>
        <JobProgress runId={RUN_ID} label="Notifying recipients" />
      </LiveUpdatesProvider>,
      { me },
    );
    await waitFor(() => expect(bar().getAttribute('aria-valuenow')).toBe('0'));
    expect(screen.getByText('Waiting to start')).toBeDefined();
    const stream = FakeEventSource.instances[0]!;

    // Another run's event changes nothing; this run's event moves the bar before the next poll.
    stream.emit('job-run', { id: '0e5d4a6c-7f8b-4c9d-8e1f-2a3b4c5d6e7f', status: 'RUNNING', progress: 90 });
    stream.emit('job-run', { id: RUN_ID, status: 'RUNNING', progress: 60 });
    await waitFor(() => expect(bar().getAttribute('aria-valuenow')).toBe('60'), { timeout: 500 });

    current = run({ status: 'FAILED', progress: 60, total: 5, done: 3, error: 'SMTP server refused the connection' });
    stream.emit('job-run', { id: RUN_ID, status: 'FAILED', progress: 60 });
    expect(
      await screen.findByText('The job failed: SMTP server refused the connection', {}, { timeout: 500 }),
    ).toBeDefined();
    expect(screen.getByText('60% · 3 of 5 done')).toBeDefined();
    expect(screen.getByTestId('job-progress').getAttribute('data-status')).toBe('FAILED');
  });
});
