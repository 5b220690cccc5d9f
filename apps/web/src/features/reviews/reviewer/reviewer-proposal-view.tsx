import { useTranslation } from 'react-i18next';
import { type ReviewerProposalView, reviewerAttachmentUrl } from '../../../api/reviews';
import { currentLocale } from '../../../i18n';
import { formatBytes, formatDateTime } from '../../../lib/format';
import { moneyText, themeLabel, useCountryName, useViewerTimeZone } from '../../calls/call-text';

/**
 * The submitted proposal as its reviewer sees it. With blind review the API leaves out institutions, countries and
 * file names, and partners are "Partner 1, 2…": this shows exactly what it was given. Browser tests:
 * `reviewer-proposal` (data-blind), `proposal-partner` rows, `proposal-section-<key>`, `proposal-attachment`.
 */
export function ReviewerProposal({ view }: { view: ReviewerProposalView }) {
  const { t } = useTranslation();
  const countryName = useCountryName();
  const viewerTimeZone = useViewerTimeZone();
  const locale = currentLocale();
  const { proposal, call } = view;
  return (
    <article
      className="stack reviewer-proposal"
      aria-labelledby="reviewer-proposal-title"
      data-testid="reviewer-proposal"
      data-blind={call.blindReview}
    >
      <h2 id="reviewer-proposal-title" className="visually-hidden">
        {t('reviews.proposal.title')}
      </h2>
      {call.blindReview && (
        <p className="alert alert-warning small" role="note" data-testid="blind-notice">
          {t('reviews.proposal.blind')}
        </p>
      )}
      <dl className="facts card">
        <dt>{t('proposals.fields.title')}</dt>
        <dd>{proposal.title}</dd>
        <dt>{t('proposals.fields.acronym')}</dt>
        <dd>{proposal.acronym}</dd>
        <dt>{t('proposals.fields.theme')}</dt>
        <dd>{themeLabel(t, proposal.theme)}</dd>
        <dt>{t('proposals.fields.durationMonths')}</dt>
        <dd>
          {proposal.durationMonths === null ? t('common.none') : t('calls.months', { months: proposal.durationMonths })}
        </dd>
        <dt>{t('proposals.fields.keywords')}</dt>
        <dd>{proposal.keywords.join(', ') || t('common.none')}</dd>
        {proposal.submittedAt && (
          <>
            <dt>{t('reviews.proposal.submittedAt')}</dt>
            <dd>{formatDateTime(proposal.submittedAt, { timeZone: viewerTimeZone, locale })}</dd>
          </>
        )}
        <dt>{t('proposals.fields.abstract')}</dt>
        <dd className="pre-wrap">{proposal.abstract || t('common.none')}</dd>
      </dl>

      <section className="card stack-tight" aria-labelledby="reviewer-proposal-partners">
        <h3 id="reviewer-proposal-partners">{t('reviews.proposal.partners')}</h3>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('reviews.proposal.partner')}</th>
                <th scope="col">{t('reviews.proposal.role')}</th>
                {!call.blindReview && <th scope="col">{t('reviews.proposal.country')}</th>}
                <th scope="col" className="numeric">
                  {t('reviews.proposal.requested')}
                </th>
              </tr>
            </thead>
            <tbody>
              {proposal.partners.map((partner) => (
                <tr key={partner.number} data-testid="proposal-partner" data-number={partner.number}>
                  <th scope="row">
                    {t('reviews.labels.partner', { n: partner.number })}
                    {partner.institution && (
                      <>
                        <br />
                        <span className="small">{partner.institution}</span>
                      </>
                    )}
                  </th>
                  <td>{partner.role === 'LEAD' ? t('reviews.proposal.lead') : t('reviews.proposal.member')}</td>
                  {!call.blindReview && (
                    <td>{partner.countryCode ? countryName(partner.countryCode) : t('common.none')}</td>
                  )}
                  <td className="numeric">{moneyText(partner.total, proposal.currency, locale)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={call.blindReview ? 2 : 3}>
                  {t('reviews.proposal.budgetTotal')}
                </th>
                <td className="numeric" data-testid="proposal-budget-total">
                  <strong>{moneyText(proposal.budgetTotal, proposal.currency, locale)}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>

      {proposal.sections.map((section) => (
        <section
          key={section.key}
          className="card stack-tight"
          aria-labelledby={`reviewer-section-${section.key}`}
          data-testid={`proposal-section-${section.key}`}
        >
          <h3 id={`reviewer-section-${section.key}`}>{section.title}</h3>
          <div className="pre-wrap">{section.content || <span className="muted">{t('common.none')}</span>}</div>
        </section>
      ))}

      <section className="card stack-tight" aria-labelledby="reviewer-proposal-attachments">
        <h3 id="reviewer-proposal-attachments">{t('reviews.proposal.attachments')}</h3>
        {proposal.attachments.length === 0 ? (
          <p className="muted">{t('reviews.proposal.noAttachments')}</p>
        ) : (
          <ul className="plain-list">
            {proposal.attachments.map((attachment) => (
              <li key={attachment.key} data-testid="proposal-attachment">
                <a
                  href={reviewerAttachmentUrl(view.assignment.id, attachment.key)}
                  download={attachment.fileName ?? true}
                  data-testid="proposal-attachment-link"
                >
                  {attachment.fileName ?? (
                    <>
                      <code>{attachment.key}</code> {t('reviews.proposal.fileNameHidden')}
                    </>
                  )}
                </a>{' '}
                <span className="muted small">
                  {attachment.contentType} · {formatBytes(attachment.size, locale)}
                </span>
              </li>
            ))}
          </ul>
        )}
        <p className="muted small">{t('reviews.proposal.attachmentsHint')}</p>
      </section>
    </article>
  );
}
