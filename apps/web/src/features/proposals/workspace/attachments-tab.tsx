import type { Call, Proposal } from '@kizuna/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { attachmentUrl } from '../../../api/proposals';
import { ErrorAlert, SuccessMessage } from '../../../components/form';
import { EmptyState } from '../../../components/states';
import { currentLocale } from '../../../i18n';
import { acceptFor } from '../../../lib/file-types';
import { formatBytes, formatDateTime, formatList } from '../../../lib/format';
import { useViewerTimeZone } from '../../calls/call-text';
import { useUploadAttachment } from '../use-upload-attachment';

type Kind = Call['attachments'][number];

function AttachmentKind({ proposal, kind, editable }: { proposal: Proposal; kind: Kind; editable: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const locale = currentLocale();
  const viewerTimeZone = useViewerTimeZone();
  const upload = useUploadAttachment(proposal.id, kind.key);
  const [tooBig, setTooBig] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const current = proposal.attachments.find((a) => a.key === kind.key);
  const types = formatList(
    kind.types.map((type) => t(`calls.attachmentTypes.${type}`)),
    locale,
    'disjunction',
  );
  const error = upload.error;

  const choose = (file: File | undefined) => {
    setDone(null);
    setTooBig(false);
    upload.reset();
    if (!file) return;
    // The same limit as the server, checked before sending megabytes for nothing; the type is checked there.
    if (file.size > kind.maxSizeMb * 1024 * 1024) {
      setTooBig(true);
      return;
    }
    upload.mutate(file, { onSuccess: (saved) => setDone(saved.fileName) });
  };

  return (
    <li className="card stack-tight" data-testid={`attachment-${kind.key}`} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {kind.title}{' '}
        <span className="tag">{kind.required ? t('calls.detail.required') : t('calls.detail.optional')}</span>
      </h2>
      <p className="muted small">{t('calls.detail.attachmentLimits', { types, size: kind.maxSizeMb })}</p>
      {current ? (
        <p data-testid="attachment-current">
          <a href={attachmentUrl(proposal.id, kind.key)} download={current.fileName}>
            {current.fileName}
          </a>{' '}
          <span className="muted small">
            {t('proposals.attachments.uploaded', {
              size: formatBytes(current.size, locale),
              time: formatDateTime(current.uploadedAt, { timeZone: viewerTimeZone, locale }),
            })}
          </span>
        </p>
      ) : (
        <p className="muted" data-testid="attachment-none">
          {t('proposals.attachments.none')}
        </p>
      )}
      {editable && (
        <div className="field">
          <label htmlFor={`${id}-file`}>
            {current
              ? t('proposals.attachments.replace', { title: kind.title })
              : t('proposals.attachments.upload', { title: kind.title })}
          </label>
          <input
            id={`${id}-file`}
            type="file"
            accept={acceptFor(kind.types)}
            disabled={upload.isPending}
            aria-busy={upload.isPending || undefined}
            onChange={(event) => {
              choose(event.target.files?.[0]);
              event.target.value = '';
            }}
          />
        </div>
      )}
      {upload.isPending && <p role="status">{t('proposals.attachments.uploading')}</p>}
      {done && <SuccessMessage>{t('proposals.attachments.done', { fileName: done })}</SuccessMessage>}
      {tooBig || (error instanceof ApiError && error.status === 413) ? (
        <div className="alert alert-error" role="alert">
          <p>{t('proposals.attachments.tooLarge', { size: kind.maxSizeMb })}</p>
        </div>
      ) : error instanceof ApiError && error.status === 415 ? (
        <div className="alert alert-error" role="alert">
          <p>{t('proposals.attachments.wrongType', { types })}</p>
        </div>
      ) : error instanceof ApiError && error.problem.errors?.some((e) => e.code === 'empty_file') ? (
        <div className="alert alert-error" role="alert">
          <p>{t('proposals.attachments.empty')}</p>
        </div>
      ) : (
        <ErrorAlert error={error} />
      )}
    </li>
  );
}

/** Each attachment the call asks for: its limits, the current file, and upload or replace. */
export function AttachmentsTab({ proposal, call, editable }: { proposal: Proposal; call: Call; editable: boolean }) {
  const { t } = useTranslation();
  if (call.attachments.length === 0) {
    return (
      <EmptyState>
        <p>{t('calls.detail.noAttachments')}</p>
      </EmptyState>
    );
  }
  return (
    <ul className="stack plain-list">
      {call.attachments.map((kind) => (
        <AttachmentKind key={kind.key} proposal={proposal} kind={kind} editable={editable} />
      ))}
    </ul>
  );
}
