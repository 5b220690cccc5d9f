import { type Review, type ReviewContent, ReviewContentSchema, ReviewSchema } from '@kizuna/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';
import { getReview, saveReview } from '../../../api/reviews';

/** How long editing must pause before the working copy is saved. */
export const REVIEW_AUTOSAVE_DELAY_MS = 1_000;

export type ReviewSaveStatus = 'idle' | 'dirty' | 'saving' | 'saved' | 'error' | 'conflict';

/** What was saved meanwhile in another window: the version the server is at and, when it said, its content. */
export interface ReviewConflict {
  current: number;
  theirs: Review | null;
}

interface Draft {
  content: ReviewContent;
  /** The server version the content was based on. */
  version: number;
}

/** The content fields of a review, and nothing else. */
export function contentOf(review: ReviewContent): ReviewContent {
  return {
    scores: { ...review.scores },
    commentsToApplicants: review.commentsToApplicants,
    confidentialComments: review.confidentialComments,
    confidence: review.confidence,
    recommendation: review.recommendation,
  };
}

function normalScores(scores: ReviewContent['scores']): [string, number][] {
  return Object.entries(scores)
    .filter((entry): entry is [string, number] => entry[1] !== null && entry[1] !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
}

/** Same content, whatever the order of the scores (an unscored criterion is the same as a missing one). */
export function sameContent(a: ReviewContent, b: ReviewContent): boolean {
  return (
    JSON.stringify(normalScores(a.scores)) === JSON.stringify(normalScores(b.scores)) &&
    a.commentsToApplicants === b.commentsToApplicants &&
    a.confidentialComments === b.confidentialComments &&
    a.confidence === b.confidence &&
    a.recommendation === b.recommendation
  );
}

/** Where the unsaved working copy waits in this browser until the server has it. */
export function reviewDraftKey(assignmentId: string): string {
  return `kizuna.review-draft.${assignmentId}`;
}

function readDraft(assignmentId: string): Draft | undefined {
  try {
    const raw = globalThis.localStorage?.getItem(reviewDraftKey(assignmentId));
    if (!raw) return undefined;
    const draft = JSON.parse(raw) as { content?: unknown; version?: unknown };
    const content = ReviewContentSchema.safeParse(draft.content);
    return content.success && typeof draft.version === 'number'
      ? { content: content.data, version: draft.version }
      : undefined;
  } catch {
    return undefined;
  }
}

function writeDraft(assignmentId: string, draft: Draft) {
  try {
    globalThis.localStorage?.setItem(reviewDraftKey(assignmentId), JSON.stringify(draft));
  } catch {
    // Storage full or unavailable: the content is still in the form.
  }
}

function removeDraft(assignmentId: string) {
  try {
    globalThis.localStorage?.removeItem(reviewDraftKey(assignmentId));
  } catch {
    // Nothing to do.
  }
}

/**
 * The other window's review from a 409 of saving or submitting (`stale_version`, with `params.current` and, from this
 * API, `params.review`), if the error is one.
 */
export function reviewConflict(error: unknown): ReviewConflict | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  const stale = error.problem.errors?.find((e) => e.code === 'stale_version');
  const current = stale?.params?.current;
  if (!stale || typeof current !== 'number') return undefined;
  const theirs = ReviewSchema.safeParse(stale.params?.review);
  return { current, theirs: theirs.success ? theirs.data : null };
}

/**
 * Autosave of a review's working copy, the way proposal sections are saved: `delayMs` after editing stops (and at
 * once when the page goes away), with the version the copy is based on; until the server has it, the copy also waits
 * in localStorage. A 409 (another window saved first) stops autosaving and keeps the user's copy until they choose:
 * keep mine (saved on top of the newer version) or take theirs.
 */
export function useReviewAutosave({
  assignmentId,
  review,
  enabled,
  delayMs = REVIEW_AUTOSAVE_DELAY_MS,
}: {
  assignmentId: string;
  review: Review;
  enabled: boolean;
  delayMs?: number;
}) {
  const queryClient = useQueryClient();

  // The initial copy: an unsaved draft of this browser wins over the server's working copy.
  const [initial] = useState(() => {
    const server = contentOf(review);
    const draft = enabled ? readDraft(assignmentId) : undefined;
    if (draft && !sameContent(draft.content, server)) {
      return { content: draft.content, version: draft.version, restored: true };
    }
    if (draft) removeDraft(assignmentId);
    return { content: server, version: review.version, restored: false };
  });

  const [status, setStatus] = useState<ReviewSaveStatus>(initial.restored ? 'dirty' : 'idle');
  /** When the server last saved the working copy (its clock, not this browser's). */
  const [savedAt, setSavedAt] = useState<string | null>(review.updatedAt);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<ReviewConflict | null>(null);
  const [restored, setRestored] = useState(initial.restored);

  const contentRef = useRef(initial.content);
  const versionRef = useRef(initial.version);
  const savedRef = useRef(contentOf(review));
  const conflictRef = useRef<ReviewConflict | null>(null);
  const errorRef = useRef<unknown>(null);
  const inFlightRef = useRef<Promise<void> | null>(null);
  const timerRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const enabledRef = useRef(enabled);
  enabledRef.current = enabled;
  const saveRef = useRef<(force?: boolean) => Promise<void>>(async () => {});

  /** The server's answer becomes the base of the next save, and the page's review. */
  const accept = useCallback(
    (saved: Review) => {
      versionRef.current = saved.version;
      savedRef.current = contentOf(saved);
      if (saved.updatedAt) setSavedAt(saved.updatedAt);
      queryClient.setQueryData(queryKeys.reviews.review(assignmentId), saved);
    },
    [queryClient, assignmentId],
  );

  const showConflict = useCallback((stale: ReviewConflict) => {
    conflictRef.current = stale;
    setConflict(stale);
    setStatus('conflict');
  }, []);

  const schedule = useCallback(() => {
    clearTimeout(timerRef.current);
    timerRef.current = setTimeout(() => void saveRef.current(), delayMs);
  }, [delayMs]);

  const save = useCallback(
    async (force = false): Promise<void> => {
      clearTimeout(timerRef.current);
      timerRef.current = undefined;
      if (!enabledRef.current || conflictRef.current) return;
      if (inFlightRef.current) {
        // One save at a time: whatever changed meanwhile goes in the next one, based on the version just made.
        await inFlightRef.current;
        return saveRef.current(force);
      }
      const content = contentRef.current;
      if (!force && sameContent(content, savedRef.current)) {
        removeDraft(assignmentId);
        setStatus((s) => (s === 'dirty' || s === 'error' ? 'saved' : s));
        return;
      }
      setStatus('saving');
      setError(null);
      errorRef.current = null;
      const run = (async () => {
        try {
          const saved = await saveReview(assignmentId, { ...content, version: versionRef.current });
          accept(saved);
          if (sameContent(contentRef.current, content)) {
            removeDraft(assignmentId);
            setStatus('saved');
            setRestored(false);
          } else {
            writeDraft(assignmentId, { content: contentRef.current, version: saved.version });
            setStatus('dirty');
            schedule();
          }
        } catch (caught) {
          const stale = reviewConflict(caught);
          if (stale) {
            showConflict(stale);
          } else {
            errorRef.current = caught;
            setError(caught);
            setStatus('error');
          }
        }
      })();
      inFlightRef.current = run;
      try {
        await run;
      } finally {
        inFlightRef.current = null;
      }
    },
    [assignmentId, accept, schedule, showConflict],
  );
  saveRef.current = save;

  /** The form changed: remember the copy here and in the browser, and save it after a pause. */
  const change = useCallback(
    (content: ReviewContent) => {
      contentRef.current = content;
      if (conflictRef.current) {
        writeDraft(assignmentId, { content, version: versionRef.current });
        return;
      }
      if (sameContent(content, savedRef.current)) {
        clearTimeout(timerRef.current);
        timerRef.current = undefined;
        removeDraft(assignmentId);
        setStatus((s) => (s === 'dirty' ? (savedAt ? 'saved' : 'idle') : s));
        return;
      }
      writeDraft(assignmentId, { content, version: versionRef.current });
      setStatus('dirty');
      schedule();
    },
    [assignmentId, schedule, savedAt],
  );

  /**
   * Saves what is pending now (before submitting; `force` saves even an untouched copy, so a review exists to submit).
   * True when the server has the copy.
   */
  const flush = useCallback(
    async (force = false): Promise<boolean> => {
      await save(force || versionRef.current === 0);
      return !conflictRef.current && !errorRef.current;
    },
    [save],
  );

  /** Keep my copy: save it on top of the version the other window made. */
  const keepMine = useCallback(() => {
    const current = conflictRef.current;
    if (!current) return;
    versionRef.current = current.current;
    if (current.theirs) savedRef.current = contentOf(current.theirs);
    conflictRef.current = null;
    setConflict(null);
    writeDraft(assignmentId, { content: contentRef.current, version: current.current });
    void save(true);
  }, [assignmentId, save]);

  /** Take theirs: my copy is dropped (on purpose); answers the content the form should show. */
  const takeTheirs = useCallback(async (): Promise<ReviewContent | undefined> => {
    const current = conflictRef.current;
    if (!current) return undefined;
    const theirs = current.theirs ?? (await getReview(assignmentId));
    accept(theirs);
    contentRef.current = contentOf(theirs);
    conflictRef.current = null;
    setConflict(null);
    removeDraft(assignmentId);
    setRestored(false);
    setStatus('saved');
    return contentOf(theirs);
  }, [assignmentId, accept]);

  // A restored draft is saved like a fresh edit (it may meet a conflict, and then the user chooses).
  useEffect(() => {
    if (initial.restored && enabled) schedule();
  }, [initial.restored, enabled, schedule]);

  // Leaving the page saves what is pending at once.
  useEffect(
    () => () => {
      if (timerRef.current !== undefined) void saveRef.current();
    },
    [],
  );

  return {
    initialContent: initial.content,
    status,
    savedAt,
    error,
    conflict,
    restored,
    change,
    flush,
    keepMine,
    takeTheirs,
    accept,
    showConflict,
    /** The version the working copy is based on (what submitting sends). */
    version: () => versionRef.current,
  };
}
