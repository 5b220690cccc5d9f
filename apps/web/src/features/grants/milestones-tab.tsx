import {
  GRANT_WORKING_STATUSES,
  type Grant,
  MILESTONE_FILE_LIMITS,
  MilestoneEvidenceBodySchema,
  ReviewBodySchema,
} from '@kizuna/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  deleteMilestoneFile,
  type GrantMilestone,
  milestoneFileUrl,
  reviewMilestone,
  submitMilestone,
  uploadMilestoneFile,
} from '../../api/grants';
import { ErrorAlert } from '../../components/form';
import { currentLocale } from '../../i18n';
import { acceptFor } from '../../lib/file-types';
import { formatBytes, formatDateTime } from '../../lib/format';
import { useViewerTimeZone } from '../calls/call-text';
import { ReasonDialog } from '../reviews/reason-dialog';
import { calendarDate, workStatusClass } from './grant-text';
import { useGrantMutation } from './use-grants';

/** The evidence files: listed for everyone with access; members add and remove them while the evidence is open. */
function EvidenceFiles({ grant, milestone, editable }: { grant: Grant; milestone: GrantMilestone; editable: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const upload = useGrantMutation(grant.id, (file: File) => uploadMilestoneFile(milestone.id, file));
  const remove = useGrantMutation(grant.id, (fileId: string) => deleteMilestoneFile(milestone.id, fileId));
  if (!editable && milestone.files.length === 0) return null;
  const full = milestone.files.length >= MILESTONE_FILE_LIMITS.count;
  const inputId = `milestone-file-${milestone.id}`;
  return (
    <div className="stack-tight">
      <h3>{t('grants.milestones.files')}</h3>
      {milestone.files.length > 0 && (
        <ul className="plain-list" data-testid="milestone-files">
          {milestone.files.map((file) => (
            <li key={file.id} className="toolbar">
              <a href={milestoneFileUrl(milestone.id, file.id)} download data-testid="milestone-file">
                {file.fileName}
              </a>
              <span className="muted small">
                {formatBytes(file.size, locale)}
                {file.uploadedBy && ` · ${file.uploadedBy.displayName}`}
              </span>
              {editable && (
                <button
                  type="button"
                  className="button button-small"
                  disabled={remove.isPending}
                  onClick={() => remove.mutate(file.id)}
                  aria-label={t('grants.milestones.removeFile', { fileName: file.fileName })}
                >
                  {t('grants.tranches.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && !full && (
        <div className="field">
          <label htmlFor={inputId}>{t('grants.milestones.addFile')}</label>
          <input
            id={inputId}
            type="file"
            accept={acceptFor(MILESTONE_FILE_LIMITS.types)}
            disabled={upload.isPending}
            aria-busy={upload.isPending || undefined}
            aria-describedby={`${inputId}-hint`}
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) upload.mutate(file);
              event.target.value = '';
            }}
          />
          <p className="field-hint" id={`${inputId}-hint`}>
            {t('grants.milestones.fileHint', {
              count: MILESTONE_FILE_LIMITS.count,
              size: MILESTONE_FILE_LIMITS.maxSizeMb,
            })}
          </p>
        </div>
      )}
      {upload.isPending && <p role="status">{t('grants.milestones.uploading')}</p>}
      <ErrorAlert error={upload.error ?? remove.error} listFieldErrors />
    </div>
  );
}

/** The consortium's evidence that a milestone is reached: a text and links, one per line. */
function EvidenceForm({ grant, milestone }: { grant: Grant; milestone: GrantMilestone }) {
  const { t } = useTranslation();
  const [evidence, setEvidence] = useState(milestone.evidence ?? '');
  const [links, setLinks] = useState(milestone.links.join('\n'));
  const [invalid, setInvalid] = useState<string | null>(null);
  const submit = useGrantMutation(grant.id, (body: { evidence: string; links: string[] }) =>
    submitMilestone(milestone.id, body),
  );
  const id = `evidence-${milestone.id}`;
  return (
    <form
      className="stack-tight"
      aria-label={t('grants.milestones.evidenceFor', { title: milestone.title })}
      onSubmit={(event) => {
        event.preventDefault();
        const body = {
          evidence,
          links: links
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean),
        };
        const parsed = MilestoneEvidenceBodySchema.safeParse(body);
        if (!parsed.success) {
          const path = parsed.error.issues[0]?.path[0];
          setInvalid(path === 'links' ? t('grants.milestones.invalidLinks') : t('grants.milestones.evidenceTooShort'));
          return;
        }
        setInvalid(null);
        submit.mutate(parsed.data);
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('grants.milestones.evidence')}</label>
        <textarea
          id={`${id}-text`}
          rows={4}
          value={evidence}
          onChange={(e) => setEvidence(e.target.value)}
          aria-invalid={invalid ? true : undefined}
          data-testid="milestone-evidence"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-links`}>{t('grants.milestones.links')}</label>
        <textarea id={`${id}-links`} rows={2} value={links} onChange={(e) => setLinks(e.target.value)} />
        <p className="field-hint">{t('grants.milestones.linksHint')}</p>
      </div>
      {invalid && (
        <p className="field-error" role="alert">
          {invalid}
        </p>
      )}
      <ErrorAlert error={submit.error} listFieldErrors />
      <div>
        <button
          type="submit"
          className="button button-primary"
          disabled={submit.isPending}
          data-testid="milestone-submit"
        >
          {t('grants.milestones.submit')}
        </button>
      </div>
    </form>
  );
}

function Review({ grant, milestone }: { grant: Grant; milestone: GrantMilestone }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const review = useGrantMutation(grant.id, (body: { decision: 'ACCEPT' | 'REQUEST_CHANGES'; comment: string }) =>
    reviewMilestone(milestone.id, body),
  );
  return (
    <div className="stack-tight">
      <ErrorAlert error={review.error} />
      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          disabled={review.isPending}
          onClick={() => review.mutate({ decision: 'ACCEPT', comment: '' })}
          data-testid="milestone-accept"
        >
          {t('grants.review.accept')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => setAsking(true)}
          data-testid="milestone-request-changes"
        >
          {t('grants.review.requestChanges')}
        </button>
      </div>
      {asking && (
        <ReasonDialog
          title={t('grants.review.requestChangesTitle', { title: milestone.title })}
          label={t('grants.review.comment')}
          submitLabel={t('grants.review.requestChanges')}
          cancelLabel={t('grants.cancel')}
          schema={ReviewBodySchema}
          toBody={(comment) => ({ decision: 'REQUEST_CHANGES', comment })}
          onSubmit={(comment) =>
            review.mutateAsync({ decision: 'REQUEST_CHANGES', comment }).then(() => setAsking(false))
          }
          onCancel={() => setAsking(false)}
          testId="milestone-changes-dialog"
        />
      )}
    </div>
  );
}

/** Whether the consortium may still change a milestone's evidence (the API decides in the end). */
function evidenceOpen(grant: Grant, m: GrantMilestone): boolean {
  return GRANT_WORKING_STATUSES.includes(grant.status) && (m.status === 'PENDING' || m.status === 'CHANGES_REQUESTED');
}

/** Milestones from the work plan: the consortium submits evidence, a manager accepts it or asks for changes. */
export function MilestonesTab({ grant }: { grant: Grant }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const timeZone = useViewerTimeZone();
  const member = grant.myRole !== 'MANAGER';
  if (grant.milestones.length === 0) return <p className="muted">{t('grants.milestones.none')}</p>;
  return (
    <ol className="plain-list stack">
      {grant.milestones.map((m) => (
        <li key={m.id} className="card stack-tight" data-testid="milestone" data-status={m.status}>
          <div className="section-head">
            <h2>
              <span className="muted small">{m.workPackage} · </span>
              {m.title}
            </h2>
            <span>
              <span className={workStatusClass(m.status, m.overdue)} data-testid="milestone-status">
                {t(`grants.milestones.status.${m.status}`)}
              </span>
              {m.overdue && <span className="tag small danger-text"> {t('grants.overdue')}</span>}
            </span>
          </div>
          <p className="small">
            {t('grants.milestones.due', { date: calendarDate(m.dueDate, locale), month: m.dueMonth })}
            {m.verification && <> · {t('grants.milestones.verification', { text: m.verification })}</>}
          </p>
          {m.evidence && (
            <div className="stack-tight">
              <h3>{t('grants.milestones.evidence')}</h3>
              <p className="pre-wrap">{m.evidence}</p>
              {m.links.length > 0 && (
                <ul className="link-list">
                  {m.links.map((link) => (
                    <li key={link}>
                      <a href={link} target="_blank" rel="noopener noreferrer">
                        {link}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
              {m.submittedAt && (
                <p className="muted small">
                  {t('grants.submittedAt', { at: formatDateTime(m.submittedAt, { locale, timeZone }) })}
                </p>
              )}
            </div>
          )}
          {m.reviewComment && (
            <div className="alert alert-warning">
              <p>
                <strong>{t('grants.review.managerComment')}</strong>
              </p>
              <p className="pre-wrap">{m.reviewComment}</p>
            </div>
          )}
          <EvidenceFiles grant={grant} milestone={m} editable={member && evidenceOpen(grant, m)} />
          {member && evidenceOpen(grant, m) && <EvidenceForm grant={grant} milestone={m} />}
          {!member && m.status === 'SUBMITTED' && <Review grant={grant} milestone={m} />}
        </li>
      ))}
    </ol>
  );
}
