import { type CallSectionSchema, countWords } from '@kizuna/shared';
import { useDeferredValue, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiError } from '../../../api/client';
import type { ProposalSection } from '../../../api/proposals';
import { currentLocale } from '../../../i18n';
import { problemMessage } from '../../../i18n/messages';
import { formatNumber, formatTime } from '../../../lib/format';
import { useViewerTimeZone } from '../../calls/call-text';
import { type AutosaveStatus, useSectionAutosave } from './use-section-autosave';

type CallSection = z.output<typeof CallSectionSchema>;

/** "342 / 1,000 words", flagged when over the limit. */
export function WordCount({ text, maxWords, id }: { text: string; maxWords: number | null; id?: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const words = countWords(useDeferredValue(text));
  const over = maxWords !== null && words > maxWords;
  return (
    <span
      id={id}
      className={over ? 'word-count word-count-over' : 'word-count'}
      data-testid="word-count"
      data-over={over || undefined}
    >
      {maxWords === null
        ? t('proposals.sections.words', { words: formatNumber(words, locale) })
        : t('proposals.sections.wordsOfMax', {
            words: formatNumber(words, locale),
            max: formatNumber(maxWords, locale),
          })}
      {over && ` ${t('proposals.sections.overLimit', { over: formatNumber(words - maxWords, locale) })}`}
    </span>
  );
}

function SaveStatus({
  status,
  savedAt,
  error,
  onRetry,
}: {
  status: AutosaveStatus;
  savedAt: string | null;
  error: unknown;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  const viewerTimeZone = useViewerTimeZone();
  const locale = currentLocale();
  let text: string;
  switch (status) {
    case 'saving':
      text = t('proposals.sections.saving');
      break;
    case 'dirty':
      text = t('proposals.sections.unsaved');
      break;
    case 'saved':
      text = savedAt
        ? t('proposals.sections.savedAt', { time: formatTime(savedAt, { timeZone: viewerTimeZone, locale }) })
        : t('proposals.sections.saved');
      break;
    case 'error':
    case 'conflict':
      text = t('proposals.sections.notSaved');
      break;
    default:
      text = savedAt
        ? t('proposals.sections.lastSaved', { time: formatTime(savedAt, { timeZone: viewerTimeZone, locale }) })
        : '';
  }
  return (
    <span className={`save-status save-status-${status}`} data-testid="save-status" data-status={status}>
      <span aria-live="polite">{text}</span>
      {status === 'error' && (
        <>
          {' '}
          <span className="field-error">
            {error instanceof ApiError && error.code === 'call_closed'
              ? t('proposals.sections.closed')
              : problemMessage(t, error)}
          </span>{' '}
          <button type="button" className="button button-small" onClick={onRetry}>
            {t('common.retry')}
          </button>
        </>
      )}
    </span>
  );
}

/**
 * One section of the proposal: the call's title, guidance and word limit, and a text area saved as you type.
 * Browser tests: `section-<key>` around it, the text area labelled with the section's title, `save-status`
 * (data-status), `word-count`, `section-conflict` with "Keep mine" / "Take theirs".
 */
export function SectionEditor({
  proposalId,
  callSection,
  section,
  editable,
  delayMs,
}: {
  proposalId: string;
  callSection: CallSection;
  section: ProposalSection;
  editable: boolean;
  delayMs?: number;
}) {
  const { t } = useTranslation();
  const id = useId();
  const autosave = useSectionAutosave({ proposalId, section, enabled: editable, delayMs });
  const { conflict } = autosave;

  return (
    <section
      className="card stack section-editor"
      aria-labelledby={`${id}-title`}
      data-testid={`section-${section.key}`}
    >
      <h2 id={`${id}-title`}>{callSection.title}</h2>
      {callSection.guidance && (
        <p id={`${id}-guidance`} className="pre-wrap small muted">
          {callSection.guidance}
        </p>
      )}
      {autosave.restored && (
        <p className="alert alert-warning small" role="status" data-testid="draft-restored">
          {t('proposals.sections.restored')}
        </p>
      )}
      {conflict && (
        <div className="alert alert-warning stack" role="alert" data-testid="section-conflict">
          <p>{t('proposals.sections.conflict', { version: conflict.current })}</p>
          <div className="grid-2">
            <div>
              <h3>{t('proposals.sections.theirs')}</h3>
              <div className="pre-wrap conflict-text" data-testid="conflict-theirs">
                {conflict.content || t('proposals.sections.empty')}
              </div>
            </div>
            <div>
              <h3>{t('proposals.sections.mine')}</h3>
              <div className="pre-wrap conflict-text" data-testid="conflict-mine">
                {autosave.text || t('proposals.sections.empty')}
              </div>
            </div>
          </div>
          <div className="actions">
            <button type="button" className="button button-primary" onClick={autosave.keepMine}>
              {t('proposals.sections.keepMine')}
            </button>
            <button type="button" className="button" onClick={autosave.takeTheirs}>
              {t('proposals.sections.takeTheirs')}
            </button>
          </div>
          <p className="small muted">{t('proposals.sections.conflictHint')}</p>
        </div>
      )}
      {editable ? (
        <div className="field">
          <label htmlFor={`${id}-text`} className="visually-hidden">
            {callSection.title}
          </label>
          <textarea
            id={`${id}-text`}
            rows={12}
            value={autosave.text}
            maxLength={200_000}
            aria-describedby={[callSection.guidance ? `${id}-guidance` : '', `${id}-count`].filter(Boolean).join(' ')}
            onChange={(event) => autosave.change(event.target.value)}
            onBlur={autosave.flush}
          />
        </div>
      ) : (
        <div className="pre-wrap read-only-text" data-testid="section-text">
          {autosave.text || <span className="muted">{t('proposals.sections.empty')}</span>}
        </div>
      )}
      <div className="section-foot">
        <WordCount text={autosave.text} maxWords={callSection.maxWords} id={`${id}-count`} />
        {editable && (
          <SaveStatus
            status={autosave.status}
            savedAt={autosave.savedAt}
            error={autosave.error}
            onRetry={autosave.flush}
          />
        )}
      </div>
    </section>
  );
}
