import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { GrantReport } from '../../../api/grants';
import { isJointPublication } from './report-model';

const NARRATIVE = ['summary', 'progress', 'deviations', 'nextSteps'] as const;

function OutputSection({ title, items }: { title: string; items: ReactNode[] }) {
  if (items.length === 0) return null;
  return (
    <div className="stack-tight">
      <h3>{title}</h3>
      <ul className="spaced-list">{items}</ul>
    </div>
  );
}

/** "Title (10.1234/x)" with the DOI as a link to its resolver. */
function Doi({ doi }: { doi: string | null }) {
  if (!doi) return null;
  return (
    <>
      {' '}
      <a href={`https://doi.org/${doi}`} rel="noreferrer" target="_blank">
        {doi}
      </a>
    </>
  );
}

function Outputs({ outputs, joint }: { outputs: GrantReport['outputs']; joint: number }) {
  const { t } = useTranslation();
  const sections = [
    {
      kind: 'publications',
      items: outputs.publications.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: outputs have no id; the list is read-only.
        <li key={i} data-testid="publication">
          <strong>{p.title}</strong>
          {p.venue && `, ${p.venue}`} ({p.year})<Doi doi={p.doi} />{' '}
          <span className="muted small">{p.countries.join(', ')}</span>{' '}
          {isJointPublication(p.countries) && (
            <span className="badge badge-open" data-testid="joint-publication">
              {t('grantReports.outputs.joint')}
            </span>
          )}
        </li>
      )),
    },
    {
      kind: 'datasets',
      items: outputs.datasets.map((d, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: as above.
        <li key={i}>
          {d.url ? (
            <a href={d.url} rel="noreferrer" target="_blank">
              {d.title}
            </a>
          ) : (
            d.title
          )}
          <Doi doi={d.doi} />
        </li>
      )),
    },
    {
      kind: 'patents',
      items: outputs.patents.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: as above.
        <li key={i}>
          <strong>{p.title}</strong> {[p.office, p.number].filter(Boolean).join(' ')} ·{' '}
          {t(`grantReports.outputs.patentStatus.${p.status}`)}
        </li>
      )),
    },
    {
      kind: 'prototypes',
      items: outputs.prototypes.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: as above.
        <li key={i}>
          <strong>{p.title}</strong>
          {p.description && <p className="pre-wrap small">{p.description}</p>}
        </li>
      )),
    },
    {
      kind: 'trainedPeople',
      items: outputs.trainedPeople.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: as above.
        <li key={i}>
          {t('grantReports.outputs.trained', {
            n: p.count,
            level: t(`grantReports.outputs.levels.${p.level}`),
            country: p.countryCode,
          })}
        </li>
      )),
    },
  ] as const;
  const none = sections.every((s) => s.items.length === 0);
  return (
    <section className="stack" aria-labelledby="report-outputs-title">
      <h2 id="report-outputs-title">{t('grantReports.outputs.title')}</h2>
      {none ? (
        <p className="muted">{t('grantReports.outputs.none')}</p>
      ) : (
        <p data-testid="joint-publications">{t('grantReports.outputs.jointCount', { n: joint })}</p>
      )}
      {sections.map((s) => (
        <OutputSection key={s.kind} title={t(`grantReports.outputs.${s.kind}.title`)} items={[...s.items]} />
      ))}
    </section>
  );
}

/** A report read-only: the narrative and the outputs (the statement is shown beside it by the page). */
export function ReportView({ report }: { report: GrantReport }) {
  const { t } = useTranslation();
  return (
    <div className="card stack" data-testid="report-view">
      <section className="stack-tight" aria-labelledby="report-narrative-title">
        <h2 id="report-narrative-title">{t('grantReports.narrative.title')}</h2>
        <dl className="stack-tight">
          {NARRATIVE.map((field) => (
            <div key={field}>
              <dt>
                <strong>{t(`grantReports.narrative.${field}`)}</strong>
              </dt>
              <dd className="pre-wrap" data-testid={`report-narrative-${field}`}>
                {report.narrative[field] || <span className="muted">{t('grantReports.notWritten')}</span>}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <Outputs outputs={report.outputs} joint={report.jointPublications} />
    </div>
  );
}
