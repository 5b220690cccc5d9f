import { compareMoney } from '@kizuna/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortfolioMoney, PortfolioMonth } from '../../../api/portfolio';
import { currentLocale } from '../../../i18n';
import { intlLocale } from '../../../lib/format';
import { moneyText } from '../../calls/call-text';

const WIDTH = 640;
const HEIGHT = 240;
const PAD = { top: 12, right: 12, bottom: 28, left: 12 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

/** The three lines; each has its own dash pattern too, so they are told apart without colour. */
export const MONEY_LINES = [
  { key: 'committed', color: 'var(--color-primary)', dash: undefined },
  { key: 'disbursed', color: 'var(--color-success)', dash: '8 4' },
  { key: 'reported', color: 'var(--color-accent)', dash: '2 4' },
] as const;

/** "Mar 2027" / "2027年3月" from "2027-03". */
export function monthLabel(month: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

/** The polyline points of one figure. Money becomes a float here only to place pixels; every text uses the string. */
export function linePoints(series: readonly PortfolioMonth[], key: (typeof MONEY_LINES)[number]['key'], max: number) {
  const x = (i: number) => PAD.left + (series.length === 1 ? PLOT_W / 2 : (i * PLOT_W) / (series.length - 1));
  const y = (value: number) => PAD.top + PLOT_H - (max > 0 ? (value / max) * PLOT_H : 0);
  return series.map((s, i) => `${round(x(i))},${round(y(Number(s[key])))}`).join(' ');
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Committed, disbursed and reported money of one currency over time, cumulative: a hand-drawn SVG line chart with a
 * legend carrying the latest figures and the whole series as a table for screen readers and exact reading.
 */
export function MoneyChart({ money }: { money: PortfolioMoney }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const id = useId();
  const { series, currency } = money;
  if (series.length === 0) return <p className="muted">{t('portfolio.money.noSeries')}</p>;
  const top = series
    .flatMap((s) => MONEY_LINES.map((line) => s[line.key]))
    .reduce((a, b) => (compareMoney(a, b) >= 0 ? a : b), '0');
  const max = Number(top);
  const first = series[0]!;
  const last = series.at(-1)!;
  const label = (key: (typeof MONEY_LINES)[number]['key']) => t(`portfolio.money.${key}`);
  const from = monthLabel(first.month, intlLocale(locale));
  const to = monthLabel(last.month, intlLocale(locale));
  return (
    <figure className="portfolio-chart" data-testid={`money-chart-${currency}`}>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="portfolio-svg"
      >
        <title id={`${id}-title`}>{t('portfolio.money.chartTitle', { currency })}</title>
        <desc id={`${id}-desc`}>
          {t('portfolio.money.chartDesc', {
            from,
            to,
            committed: moneyText(last.committed, currency, locale),
            disbursed: moneyText(last.disbursed, currency, locale),
            reported: moneyText(last.reported, currency, locale),
          })}
        </desc>
        <line
          x1={PAD.left}
          x2={WIDTH - PAD.right}
          y1={PAD.top + PLOT_H}
          y2={PAD.top + PLOT_H}
          stroke="var(--color-border)"
        />
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={PAD.top} y2={PAD.top} stroke="var(--color-border)" />
        {MONEY_LINES.map((line) => (
          <polyline
            key={line.key}
            data-line={line.key}
            points={linePoints(series, line.key, max)}
            fill="none"
            stroke={line.color}
            strokeWidth={2.5}
            strokeDasharray={line.dash}
            strokeLinejoin="round"
          />
        ))}
        <text x={PAD.left} y={HEIGHT - 8} fontSize={12} fill="var(--color-muted)">
          {from}
        </text>
        <text x={WIDTH - PAD.right} y={HEIGHT - 8} fontSize={12} textAnchor="end" fill="var(--color-muted)">
          {to}
        </text>
      </svg>
      <figcaption>
        <ul className="chart-legend">
          {MONEY_LINES.map((line) => (
            <li key={line.key} data-testid={`legend-${line.key}`}>
              <svg width="28" height="10" aria-hidden="true">
                <line x1="0" x2="28" y1="5" y2="5" stroke={line.color} strokeWidth={2.5} strokeDasharray={line.dash} />
              </svg>
              <span>{label(line.key)}</span> <strong>{moneyText(last[line.key], currency, locale)}</strong>
            </li>
          ))}
          <li className="muted small">{t('portfolio.money.scale', { max: moneyText(top, currency, locale) })}</li>
        </ul>
      </figcaption>
      <details>
        <summary>{t('portfolio.money.showTable')}</summary>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('portfolio.money.chartTitle', { currency })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('portfolio.money.month')}</th>
                {MONEY_LINES.map((line) => (
                  <th key={line.key} scope="col" className="numeric">
                    {label(line.key)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {series.map((s) => (
                <tr key={s.month}>
                  <th scope="row">{monthLabel(s.month, intlLocale(locale))}</th>
                  {MONEY_LINES.map((line) => (
                    <td key={line.key} className="numeric">
                      {moneyText(s[line.key], currency, locale)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
