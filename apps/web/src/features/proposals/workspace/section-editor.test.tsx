import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PROPOSAL_ID, problem } from '../../../test/proposals';
import { jsonResponse, makeMe, renderWithApp } from '../../../test/render';
import { SectionEditor } from './section-editor';
import { AUTOSAVE_DELAY_MS, draftKey } from './use-section-autosave';

const URL = `/api/proposals/${PROPOSAL_ID}/sections/objectives`;
const CALL_SECTION = { key: 'objectives', title: 'Objectives', guidance: 'What will you achieve?', maxWords: 5 };

type Answer = (body: { content: string; version: number }) => Response;

/** PUT answers come from `answers` in order; any GET (eligibility refetch) is answered with nothing much. */
function stubApi(...answers: Answer[]) {
  const puts: { content: string; version: number }[] = [];
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = String(input);
    if (init?.method === 'PUT' && url === URL) {
      const body = JSON.parse(String(init.body)) as { content: string; version: number };
      puts.push(body);
      const answer = answers.shift();
      if (!answer) throw new Error('No answer left for PUT');
      return answer(body);
    }
    throw new Error(`Unexpected ${init?.method ?? 'GET'} ${url}`);
  });
  vi.stubGlobal('fetch', fetchMock);
  return puts;
}

const saved = (version: number) => (body: { content: string }) =>
  jsonResponse(200, { key: 'objectives', content: body.content, version, updatedAt: '2026-11-27T01:42:00.000Z' });

function renderEditor(section = { key: 'objectives', content: '', version: 3, updatedAt: null as string | null }) {
  return renderWithApp(
    <SectionEditor proposalId={PROPOSAL_ID} callSection={CALL_SECTION} section={section} editable />,
    { me: makeMe({ timeZone: 'Asia/Tokyo' }) },
  );
}

function textarea() {
  return screen.getByRole('textbox', { name: 'Objectives' }) as HTMLTextAreaElement;
}

function draft() {
  return localStorage.getItem(draftKey(PROPOSAL_ID, 'objectives'));
}

describe('SectionEditor autosave', () => {
  beforeEach(() => {
    // Testing Library lets fake timers run only when it sees Jest's: point it at vitest's.
    vi.stubGlobal('jest', { advanceTimersByTime: (ms: number) => vi.advanceTimersByTime(ms) });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves once, 1.5 s after typing stops, with the version the text is based on', async () => {
    const puts = stubApi(saved(4));
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderEditor();

    await user.type(textarea(), 'Blue carbon');
    await act(() => vi.advanceTimersByTimeAsync(1000));
    await user.type(textarea(), ' in mangroves');
    // Still typing: nothing sent yet, but the text already waits in this browser.
    await act(() => vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 100));
    expect(puts).toEqual([]);
    expect(screen.getByTestId('save-status').textContent).toBe('Not saved yet');
    expect(JSON.parse(draft() ?? '{}')).toEqual({ content: 'Blue carbon in mangroves', version: 3 });

    await act(() => vi.advanceTimersByTimeAsync(100));
    expect(puts).toEqual([{ content: 'Blue carbon in mangroves', version: 3 }]);
    await vi.waitFor(() => expect(screen.getByTestId('save-status').textContent).toBe('Saved at 10:42'));
    expect(draft()).toBeNull();
    expect(screen.getByTestId('word-count').textContent).toBe('4 / 5 words');

    // The next edit is based on the version just made.
    await user.type(textarea(), ' too many words');
    expect(screen.getByTestId('word-count').textContent).toContain('7 / 5 words');
    expect(screen.getByTestId('word-count').getAttribute('data-over')).toBe('true');
  });

  it('on a 409 keeps the user’s text and shows both; "Keep mine" saves it on top of the new version', async () => {
    const conflict = () =>
      jsonResponse(
        409,
        problem(409, 'conflict', [
          {
            path: 'body.version',
            code: 'stale_version',
            message: 'Reload and merge',
            params: { current: 5, content: 'Their objectives' },
          },
        ]),
      );
    const puts = stubApi(conflict, saved(6));
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderEditor();

    await user.type(textarea(), 'My objectives');
    await act(() => vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS));
    const panel = await screen.findByTestId('section-conflict');
    expect(within(panel).getByTestId('conflict-theirs').textContent).toBe('Their objectives');
    expect(within(panel).getByTestId('conflict-mine').textContent).toBe('My objectives');
    expect(textarea().value).toBe('My objectives');
    expect(screen.getByTestId('save-status').textContent).toBe('Not saved');
    expect(JSON.parse(draft() ?? '{}')).toMatchObject({ content: 'My objectives' });

    // While the conflict is open, typing goes on but nothing is sent.
    await user.type(textarea(), '!');
    await act(() => vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 2));
    expect(puts).toHaveLength(1);

    await user.click(within(panel).getByRole('button', { name: /Keep mine/ }));
    await vi.waitFor(() => expect(puts).toHaveLength(2));
    expect(puts[1]).toEqual({ content: 'My objectives!', version: 5 });
    await vi.waitFor(() => expect(screen.queryByTestId('section-conflict')).toBeNull());
    await vi.waitFor(() => expect(screen.getByTestId('save-status').getAttribute('data-status')).toBe('saved'));
    expect(draft()).toBeNull();
  });

  it('"Take theirs" replaces the text with the other person’s and forgets the draft', async () => {
    stubApi(() =>
      jsonResponse(
        409,
        problem(409, 'conflict', [
          { path: 'body.version', code: 'stale_version', message: 'x', params: { current: 5, content: 'Theirs' } },
        ]),
      ),
    );
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderEditor();
    await user.type(textarea(), 'Mine');
    await act(() => vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS));
    await user.click(await screen.findByRole('button', { name: 'Take theirs' }));
    expect(textarea().value).toBe('Theirs');
    expect(screen.queryByTestId('section-conflict')).toBeNull();
    expect(draft()).toBeNull();
  });

  it('keeps the text in the browser when the network fails, and restores and saves it after a reload', async () => {
    const puts = stubApi(() => {
      throw new TypeError('Failed to fetch');
    });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const first = renderEditor();
    await user.type(textarea(), 'Written offline');
    await act(() => vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS));
    await vi.waitFor(() => expect(screen.getByTestId('save-status').getAttribute('data-status')).toBe('error'));
    expect(screen.getByTestId('save-status').textContent).toContain('Cannot reach the server');
    expect(puts).toHaveLength(1);
    first.unmount();

    // A reload: the server still has the old text, the browser has the new one.
    const again = stubApi(saved(4));
    renderEditor();
    expect(textarea().value).toBe('Written offline');
    expect(screen.getByTestId('draft-restored')).toBeDefined();
    await act(() => vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS));
    await vi.waitFor(() => expect(again).toEqual([{ content: 'Written offline', version: 3 }]));
    await vi.waitFor(() => expect(draft()).toBeNull());
  });
});
