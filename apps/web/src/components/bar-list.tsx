import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n';
import { formatNumber } from '../lib/format';

/**
 * Counts drawn as bars, in the given order; the numbers are in the text, the bars only show them. Browser tests:
 * `testId` on the section, `bar` on each row.
 */
export function BarList({
  title,
  rows,
  testId,
  emptyText,
  headingLevel = 2,
}: {
  title: string;
  rows: readonly { key: string; label: string; count: number }[];
  testId: string;
  emptyText: string;
  headingLevel?: 2 | 3;
}) {
  useTranslation();
  const locale = currentLocale();
  const max = Math.max(1, ...rows.map((row) => row.count));
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="card stack-tight" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <Heading id={`${testId}-title`}>{title}</Heading>
      {rows.length === 0 ? (
        <p className="muted">{emptyText}</p>
      ) : (
        <ul className="bar-list">
          {rows.map((row) => (
            <li key={row.key} data-testid="bar">
              <span className="bar-label">{row.label}</span>
              <span className="bar-track" aria-hidden="true">
                <span className="bar-fill" style={{ width: `${(row.count / max) * 100}%` }} />
              </span>
              <span className="bar-count">{formatNumber(row.count, locale)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
