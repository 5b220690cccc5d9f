import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatDateTime, formatTime } from '../../../lib/format';
import { problem } from '../../../test/proposals';
import { jsonResponse, makeMe, renderWithApp } from '../../../test/render';
import { ASSIGNMENT_ID, makeReview, RUBRIC } from '../../../test/reviews';
import { ReviewForm } from './review-form';
import { REVIEW_AUTOSAVE_DELAY_MS, reviewDraftKey } from './use-review-autosave';

const REVIEW_URL = `/api/reviewer/assignments/${ASSIGNMENT_ID}/review`;
const SUBMIT_URL = `${REVIEW_URL}/submit`;

interface Sent {
  method: string;
  url: string;
  body: Record<string, unknown>;
}

type Answer = (body: Record<string, unknown>) => Response;

/** Answers each request with the next answer, in order; records what was sent. */
function stubApi(...answers: Answer[]) {
  const sent: Sent[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn<typeof fetch>(async (input, init) => {
      const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {};
      sent.push({ method: init?.method ?? 'GET', url: String(input), body });
      const answer = answers.shift();
      if (!answer) throw new Error(`Unexpected ${init?.method ?? 'GET'} ${String(input)}`);
      return answer(body);
    }),
  );
  return sent;
}

/** When the server saved (its clock, deliberately not the browser's). */
const SAVED_AT = '2026-04-01T01:42:00.000Z';

/** The server saves what it is sent as the next version. */
const saved = (version: number) => (body: Record<string, unknown>) => {
  const { version: _base, ...content } = body;
  return jsonResponse(200, { ...makeReview(), ...content, version, updatedAt: SAVED_AT });
};

function renderForm(review = makeReview()) {
  return renderWithApp(<ReviewForm assignmentId={ASSIGNMENT_ID} rubric={RUBRIC} review={review} />, {
    me: makeMe({ timeZone: 'Asia/Tokyo' }),
  });
}

function criterion(key: string) {
  return screen.getByTestId(`criterion-${key}`);
}

function comments() {
  return screen.getByRole('textbox', { name: 'Comments to the applicants' }) as HTMLTextAreaElement;
}

function status() {
  return screen.getByTestId('review-save-status').getAttribute('data-status');
}

describe('ReviewForm', () => {
  beforeEach(() => {
    // Testing Library lets fake timers run only when it sees Jest's: point it at vitest's.
    vi.stubGlobal('jest', { advanceTimersByTime: (ms: number) => vi.advanceTimersByTime(ms) });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows each criterion’s guidance and the weighted score as the reviewer scores', async () => {
    stubApi(saved(4));
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderForm();

    expect(within(criterion('impact')).getByText('Who benefits, and how much?')).toBeDefined();
    expect(screen.getByTestId('weighted-score').textContent).toBe('—');

    await user.click(within(criterion('excellence')).getByRole('radio', { name: '4' }));
    await user.click(within(criterion('impact')).getByRole('radio', { name: '3' }));
    // Not every criterion is scored yet: no weighted score.
    expect(screen.getByTestId('weighted-score').textContent).toBe('—');
    await user.click(within(criterion('implementation')).getByRole('radio', { name: '5' }));
    // 50% × 4 + 30% × 3 + 20% × 5
    expect(screen.getByTestId('weighted-score').textContent).toBe('3.9 / 5');
  });

  it('autosaves once, a second after the last change, with the version the copy is based on', async () => {
    const sent = stubApi(saved(4), saved(5));
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderForm();

    await user.click(within(criterion('excellence')).getByRole('radio', { name: '4' }));
    await user.type(comments(), 'Sound design.');
    await act(() => vi.advanceTimersByTimeAsync(REVIEW_AUTOSAVE_DELAY_MS - 100));
    expect(sent).toEqual([]);
    expect(status()).toBe('dirty');
    // Until the server has it, the copy waits in this browser.
    expect(JSON.parse(localStorage.getItem(reviewDraftKey(ASSIGNMENT_ID)) ?? '{}')).toMatchObject({ version: 3 });

    await act(() => vi.advanceTimersByTimeAsync(100));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'PUT', url: REVIEW_URL });
    expect(sent[0]?.body).toEqual({
      scores: { excellence: 4, impact: null, implementation: null },
      commentsToApplicants: 'Sound design.',
      confidentialComments: '',
      confidence: null,
      recommendation: null,
      version: 3,
    });
    await vi.waitFor(() => expect(status()).toBe('saved'));
    // The time is the server's updatedAt, in the reviewer's zone (10:42 in Tokyo), with its date as it is not today.
    expect(screen.getByTestId('review-save-status').textContent).toBe(
      `Saved on ${formatDateTime(SAVED_AT, { timeZone: 'Asia/Tokyo', locale: 'en' })}`,
    );
    expect(screen.getByTestId('review-save-status').textContent).toContain('10:42');
    expect(localStorage.getItem(reviewDraftKey(ASSIGNMENT_ID))).toBeNull();

    // The next save is based on the version just made.
    await user.click(within(criterion('impact')).getByRole('radio', { name: '2' }));
    await act(() => vi.advanceTimersByTimeAsync(REVIEW_AUTOSAVE_DELAY_MS));
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]?.body).toMatchObject({ version: 4, scores: { excellence: 4, impact: 2, implementation: null } });
  });

  it('says when the working copy was last saved, by the server’s clock, as soon as the review opens', () => {
    stubApi();
    const updatedAt = new Date(Date.now() - 5 * 60_000).toISOString();
    renderForm(makeReview({ updatedAt }));
    expect(status()).toBe('idle');
    expect(screen.getByTestId('review-save-status').textContent).toBe(
      `Saved at ${formatTime(updatedAt, { timeZone: 'Asia/Tokyo', locale: 'en' })}`,
    );
  });

  it('on a 409 keeps the reviewer’s text and shows what differs; "Keep mine" saves it over the newer version', async () => {
    const theirs = makeReview({ version: 5, commentsToApplicants: 'Their comment', confidence: 4 });
    const conflict = () =>
      jsonResponse(
        409,
        problem(409, 'conflict', [
          {
            path: 'body.version',
            code: 'stale_version',
            message: 'Reload and merge your changes',
            params: { current: 5, review: theirs },
          },
        ]),
      );
    const sent = stubApi(conflict, saved(6));
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderForm();

    await user.type(comments(), 'My comment');
    await act(() => vi.advanceTimersByTimeAsync(REVIEW_AUTOSAVE_DELAY_MS));
    const panel = await screen.findByTestId('review-conflict');
    expect(panel.textContent).toContain('now version 5');
    const changes = within(panel).getByTestId('review-conflict-changes').textContent;
    expect(changes).toContain('Confidence: 4 → —');
    expect(changes).toContain('Comments to the applicants changed');
    expect(comments().value).toBe('My comment');
    expect(status()).toBe('conflict');

    // While the conflict is open, editing goes on but nothing is sent.
    await user.type(comments(), '!');
    await act(() => vi.advanceTimersByTimeAsync(REVIEW_AUTOSAVE_DELAY_MS * 2));
    expect(sent).toHaveLength(1);

    await user.click(within(panel).getByRole('button', { name: 'Keep mine' }));
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]?.body).toMatchObject({ commentsToApplicants: 'My comment!', version: 5 });
    await vi.waitFor(() => expect(screen.queryByTestId('review-conflict')).toBeNull());
    await vi.waitFor(() => expect(status()).toBe('saved'));
  });

  it('"Take theirs" puts the other version in the form and drops the reviewer’s changes', async () => {
    const theirs = makeReview({ version: 5, commentsToApplicants: 'Their comment', scores: { excellence: 2 } });
    stubApi(() =>
      jsonResponse(
        409,
        problem(409, 'conflict', [
          { path: 'body.version', code: 'stale_version', message: 'x', params: { current: 5, review: theirs } },
        ]),
      ),
    );
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderForm();
    await user.type(comments(), 'Mine');
    await act(() => vi.advanceTimersByTimeAsync(REVIEW_AUTOSAVE_DELAY_MS));
    await user.click(await screen.findByRole('button', { name: 'Take theirs' }));
    await vi.waitFor(() => expect(comments().value).toBe('Their comment'));
    expect((within(criterion('excellence')).getByRole('radio', { name: '2' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.queryByTestId('review-conflict')).toBeNull();
    expect(localStorage.getItem(reviewDraftKey(ASSIGNMENT_ID))).toBeNull();
  });

  it('submits the saved version and shows what the server finds incomplete next to the fields', async () => {
    const sent = stubApi(() =>
      jsonResponse(
        400,
        problem(400, 'validation_failed', [
          { path: 'body.scores.impact', code: 'required', message: 'Score "Impact"' },
          { path: 'body.commentsToApplicants', code: 'too_short', message: 'Write at least a few sentences' },
        ]),
      ),
    );
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderForm(makeReview({ scores: { excellence: 4, implementation: 3 }, commentsToApplicants: 'Short.' }));

    await user.click(screen.getByTestId('submit-review'));
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ method: 'POST', url: SUBMIT_URL, body: { version: 3 } });
    await vi.waitFor(() =>
      expect(within(criterion('impact')).getByRole('alert').textContent).toBe('This field is required.'),
    );
    expect(comments().getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Write a few sentences more.')).toBeDefined();
  });

  it('says when the working copy differs from the submitted revision', async () => {
    stubApi(saved(8));
    const submittedContent = {
      scores: { excellence: 4, impact: 3, implementation: 5 },
      commentsToApplicants: 'A sound and well-argued proposal.',
      confidentialComments: '',
      confidence: 4,
      recommendation: 'FUND' as const,
    };
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderForm(
      makeReview({
        ...submittedContent,
        status: 'SUBMITTED',
        version: 7,
        submittedAt: '2026-04-01T00:00:00.000Z',
        revisions: [{ number: 1, submittedAt: '2026-04-01T00:00:00.000Z', content: submittedContent }],
      }),
    );
    expect(screen.queryByTestId('unsubmitted-changes')).toBeNull();
    expect(screen.getByTestId('submit-review').textContent).toBe('Submit again');

    await user.click(within(criterion('impact')).getByRole('radio', { name: '4' }));
    const banner = screen.getByTestId('unsubmitted-changes');
    expect(banner.textContent).toContain('revision 1');
    expect(banner.textContent).toContain('Impact: 3 → 4');
  });
});
