import type { Proposal } from '@kizuna/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../api/client';
import { type ProposalSection, saveSection } from '../../../api/proposals';
import { queryKeys } from '../../../api/query-keys';

/** How long typing must pause before the text is saved. */
export const AUTOSAVE_DELAY_MS = 1_500;

export type AutosaveStatus = 'idle' | 'dirty' | 'saving' | 'saved' | 'error' | 'conflict';

/** What someone else saved meanwhile: the version the server is at and its text. */
export interface SectionConflict {
  current: number;
  content: string;
}

interface Draft {
  content: string;
  /** The server version the text was based on. */
  version: number;
}

/** Where a section's unsaved text waits in this browser until the server has it. */
export function draftKey(proposalId: string, sectionKey: string): string {
  return `kizuna.draft.${proposalId}.${sectionKey}`;
}

export function readDraft(proposalId: string, sectionKey: string): Draft | undefined {
  try {
    const raw = globalThis.localStorage?.getItem(draftKey(proposalId, sectionKey));
    if (!raw) return undefined;
    const draft = JSON.parse(raw) as Partial<Draft>;
    return typeof draft.content === 'string' && typeof draft.version === 'number'
      ? { content: draft.content, version: draft.version }
      : undefined;
  } catch {
    return undefined;
  }
}

function writeDraft(proposalId: string, sectionKey: string, draft: Draft) {
  try {
    globalThis.localStorage?.setItem(draftKey(proposalId, sectionKey), JSON.stringify(draft));
  } catch {
    // Storage full or unavailable: the text is still in the editor.
  }
}

function removeDraft(proposalId: string, sectionKey: string) {
  try {
    globalThis.localStorage?.removeItem(draftKey(proposalId, sectionKey));
  } catch {
    // Nothing to do.
  }
}

/** The other person's version from a 409 of the section endpoint, if the error is one. */
export function sectionConflict(error: unknown): SectionConflict | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  const stale = error.problem.errors?.find((e) => e.code === 'stale_version');
  if (!stale) return undefined;
  const current = stale.params?.current;
  const content = stale.params?.content;
  if (typeof current !== 'number') return undefined;
  return { current, content: typeof content === 'string' ? content : '' };
}

/**
 * Autosave of one proposal section. The text is saved `delayMs` after typing stops (and at once on blur or when
 * the editor goes away), with the version it was based on. Until the server has it, the text also waits in
 * localStorage, so a reload, a crash or a lost connection never loses it. A 409 (someone else saved first) stops
 * autosaving and keeps both texts until the user chooses: keep theirs, or put theirs aside and save theirs over.
 */
export function useSectionAutosave({
  proposalId,
  section,
  enabled,
  delayMs = AUTOSAVE_DELAY_MS,
}: {
  proposalId: string;
  section: ProposalSection;
  enabled: boolean;
  delayMs?: number;
}) {
  const queryClient = useQueryClient();
  const key = section.key;

  // The initial text: an unsaved draft of this browser wins over the server's text.
  const [initial] = useState(() => {
    // Read-only (a manager, after the deadline): the server's text, and any draft stays where it is.
    const draft = enabled ? readDraft(proposalId, key) : undefined;
    if (draft && draft.content !== section.content)
      return { text: draft.content, version: draft.version, restored: true };
    if (draft) removeDraft(proposalId, key);
    return { text: section.content, version: section.version, restored: false };
  });

  const [text, setText] = useState(initial.text);
  const [status, setStatus] = useState<AutosaveStatus>(initial.restored ? 'dirty' : 'idle');
  const [savedAt, setSavedAt] = useState<string | null>(section.updatedAt);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<SectionConflict | null>(null);
  const [restored, setRestored] = useState(initial.restored);

  const textRef = useRef(initial.text);
  const baseVersionRef = useRef(initial.version);
  const savedContentRef = useRef(section.content);
  const conflictRef = useRef<SectionConflict | null>(null);
  const inFlightRef = useRef(false);
  const againRef = useRef(false);
  const timerRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const enabledRef = useRef(enabled);
  enabledRef.current = enabled;

  /** The proposal in the cache learns the saved section, so the next editor starts from the right version. */
  const remember = useCallback(
    (saved: ProposalSection) => {
      queryClient.setQueryData<Proposal>(queryKeys.proposals.one(proposalId), (current) =>
        current
          ? { ...current, sections: current.sections.map((s) => (s.key === saved.key ? { ...s, ...saved } : s)) }
          : current,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.proposals.eligibility(proposalId) });
    },
    [queryClient, proposalId],
  );

  const save = useCallback(async (): Promise<void> => {
    clearTimeout(timerRef.current);
    timerRef.current = undefined;
    if (!enabledRef.current || conflictRef.current) return;
    if (inFlightRef.current) {
      againRef.current = true;
      return;
    }
    const content = textRef.current;
    if (content === savedContentRef.current && !readDraft(proposalId, key)) {
      setStatus((s) => (s === 'dirty' ? 'saved' : s));
      return;
    }
    inFlightRef.current = true;
    setStatus('saving');
    setError(null);
    try {
      const saved = await saveSection(proposalId, key, { content, version: baseVersionRef.current });
      baseVersionRef.current = saved.version;
      savedContentRef.current = saved.content;
      remember(saved);
      setSavedAt(saved.updatedAt);
      if (textRef.current === content) {
        removeDraft(proposalId, key);
        setStatus('saved');
        setRestored(false);
      } else {
        // Typed on while saving: the rest goes in the next save, based on the version just made.
        writeDraft(proposalId, key, { content: textRef.current, version: saved.version });
        setStatus('dirty');
        againRef.current = true;
      }
    } catch (caught) {
      const stale = sectionConflict(caught);
      if (stale) {
        conflictRef.current = stale;
        setConflict(stale);
        setStatus('conflict');
      } else {
        setError(caught);
        setStatus('error');
      }
    } finally {
      inFlightRef.current = false;
      if (againRef.current) {
        againRef.current = false;
        if (!conflictRef.current) timerRef.current = setTimeout(() => void save(), delayMs);
      }
    }
  }, [proposalId, key, delayMs, remember]);

  const schedule = useCallback(() => {
    clearTimeout(timerRef.current);
    timerRef.current = setTimeout(() => void save(), delayMs);
  }, [save, delayMs]);

  const change = useCallback(
    (value: string) => {
      textRef.current = value;
      setText(value);
      writeDraft(proposalId, key, { content: value, version: baseVersionRef.current });
      if (conflictRef.current) return;
      setStatus('dirty');
      schedule();
    },
    [proposalId, key, schedule],
  );

  /** Save now (on blur, or "Try again"). */
  const flush = useCallback(() => {
    if (timerRef.current !== undefined || status === 'error' || status === 'dirty') void save();
  }, [save, status]);

  /** Keep my text: write it on top of the version the other person made. */
  const keepMine = useCallback(() => {
    const current = conflictRef.current;
    if (!current) return;
    baseVersionRef.current = current.current;
    savedContentRef.current = current.content;
    conflictRef.current = null;
    setConflict(null);
    writeDraft(proposalId, key, { content: textRef.current, version: current.current });
    void save();
  }, [proposalId, key, save]);

  /** Take their text: my text is dropped (on purpose), the editor shows theirs. */
  const takeTheirs = useCallback(() => {
    const current = conflictRef.current;
    if (!current) return;
    baseVersionRef.current = current.current;
    savedContentRef.current = current.content;
    textRef.current = current.content;
    conflictRef.current = null;
    setConflict(null);
    setText(current.content);
    removeDraft(proposalId, key);
    setRestored(false);
    setStatus('saved');
    remember({ key, content: current.content, version: current.current, updatedAt: savedAt });
  }, [proposalId, key, remember, savedAt]);

  // Someone else's save reached the cache (a refetch) while this editor has nothing of its own: follow it.
  useEffect(() => {
    if (section.version <= baseVersionRef.current) return;
    if (inFlightRef.current || conflictRef.current || textRef.current !== savedContentRef.current) return;
    baseVersionRef.current = section.version;
    savedContentRef.current = section.content;
    textRef.current = section.content;
    setText(section.content);
    setSavedAt(section.updatedAt);
  }, [section.version, section.content, section.updatedAt]);

  // A restored draft is saved like a fresh edit (it may meet a conflict, and then the user chooses).
  useEffect(() => {
    if (initial.restored && enabled) schedule();
  }, [initial.restored, enabled, schedule]);

  // Leaving the editor (another tab, another page) saves what is pending at once.
  useEffect(
    () => () => {
      if (timerRef.current !== undefined) void save();
    },
    [save],
  );

  return { text, status, savedAt, error, conflict, restored, change, flush, keepMine, takeTheirs };
}
