import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortfolioNetwork } from '../../../api/portfolio';
import { currentLocale } from '../../../i18n';
import { formatNumber } from '../../../lib/format';
import { useCountryName } from '../../calls/call-text';

const SIZE = 420;
const CENTER = SIZE / 2;
const RING = SIZE / 2 - 56;
const NODE = { min: 8, max: 26 };
const EDGE = { min: 1.5, max: 12 };

/** Countries evenly on a circle, the first at the top, clockwise. */
export function layout(network: PortfolioNetwork) {
  const n = network.nodes.length;
  const maxGrants = Math.max(1, ...network.nodes.map((node) => node.grants));
  const maxWeight = Math.max(1, ...network.edges.map((e) => e.grants + e.jointPublications));
  const nodes = network.nodes.map((node, i) => {
    const angle = n === 1 ? 0 : (2 * Math.PI * i) / n - Math.PI / 2;
    const radius = NODE.min + (NODE.max - NODE.min) * Math.sqrt(node.grants / maxGrants);
    const at =
      n === 1 ? { x: CENTER, y: CENTER } : { x: CENTER + RING * Math.cos(angle), y: CENTER + RING * Math.sin(angle) };
    return { ...node, ...at, angle, radius };
  });
  const position = new Map(nodes.map((node) => [node.countryCode, node]));
  const edges = network.edges.flatMap((edge) => {
    const from = position.get(edge.from);
    const to = position.get(edge.to);
    if (!from || !to) return [];
    const weight = edge.grants + edge.jointPublications;
    return [
      {
        ...edge,
        x1: from.x,
        y1: from.y,
        x2: to.x,
        y2: to.y,
        width: EDGE.min + (EDGE.max - EDGE.min) * (weight / maxWeight),
      },
    ];
  });
  return { nodes, edges };
}

/**
 * The collaboration network between countries: a node per country sized by its grants, a line per pair of countries
 * as wide as their grants together plus their joint publications (dashed when they only publish together). Every
 * node and line has a <title>; the same figures follow as a table.
 */
export function NetworkChart({ network }: { network: PortfolioNetwork }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const countryName = useCountryName();
  const id = useId();
  if (network.nodes.length === 0) return <p className="muted">{t('portfolio.network.none')}</p>;
  const { nodes, edges } = layout(network);
  const edgeText = (e: (typeof edges)[number]) =>
    t('portfolio.network.edgeTitle', {
      from: countryName(e.from),
      to: countryName(e.to),
      grants: formatNumber(e.grants, locale),
      publications: formatNumber(e.jointPublications, locale),
    });
  return (
    <figure className="portfolio-chart" data-testid="network-chart">
      <svg
        viewBox={`0 0 ${SIZE} ${SIZE}`}
        role="img"
        aria-labelledby={`${id}-title`}
        className="portfolio-svg portfolio-network"
      >
        <title id={`${id}-title`}>{t('portfolio.network.chartTitle')}</title>
        {edges.map((e) => (
          <line
            key={`${e.from}-${e.to}`}
            data-testid="network-edge"
            data-pair={`${e.from}-${e.to}`}
            x1={e.x1}
            y1={e.y1}
            x2={e.x2}
            y2={e.y2}
            stroke="var(--color-primary)"
            strokeOpacity={0.55}
            strokeWidth={e.width}
            strokeDasharray={e.grants === 0 ? '4 4' : undefined}
            strokeLinecap="round"
          >
            <title>{edgeText(e)}</title>
          </line>
        ))}
        {nodes.map((node) => {
          // The label outside the circle, beyond the node (below it when it stands alone in the middle).
          const out = RING + node.radius + 14;
          const label =
            nodes.length === 1
              ? { x: node.x, y: node.y + node.radius + 16 }
              : { x: CENTER + out * Math.cos(node.angle), y: CENTER + out * Math.sin(node.angle) };
          return (
            <g key={node.countryCode} data-testid="network-node" data-country={node.countryCode}>
              <title>
                {t('portfolio.network.nodeTitle', {
                  country: countryName(node.countryCode),
                  grants: formatNumber(node.grants, locale),
                })}
              </title>
              <circle
                cx={node.x}
                cy={node.y}
                r={node.radius}
                fill="var(--color-surface)"
                stroke="var(--color-primary)"
                strokeWidth={2}
              />
              <text
                x={label.x}
                y={label.y}
                textAnchor="middle"
                dominantBaseline="middle"
                fontSize={13}
                fill="var(--color-text)"
              >
                {node.countryCode}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="muted small">{t('portfolio.network.legend')}</figcaption>
      <details>
        <summary>{t('portfolio.network.showTable')}</summary>
        <div className="table-wrap">
          <table data-testid="network-table">
            <caption className="visually-hidden">{t('portfolio.network.chartTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('portfolio.network.pair')}</th>
                <th scope="col" className="numeric">
                  {t('portfolio.network.grants')}
                </th>
                <th scope="col" className="numeric">
                  {t('portfolio.network.jointPublications')}
                </th>
              </tr>
            </thead>
            <tbody>
              {network.edges.map((e) => (
                <tr key={`${e.from}-${e.to}`}>
                  <th scope="row">
                    {t('portfolio.network.pairName', { from: countryName(e.from), to: countryName(e.to) })}
                  </th>
                  <td className="numeric">{formatNumber(e.grants, locale)}</td>
                  <td className="numeric">{formatNumber(e.jointPublications, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table data-testid="network-nodes-table">
            <caption className="visually-hidden">{t('portfolio.network.countries')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('portfolio.network.country')}</th>
                <th scope="col" className="numeric">
                  {t('portfolio.network.countryGrants')}
                </th>
              </tr>
            </thead>
            <tbody>
              {network.nodes.map((node) => (
                <tr key={node.countryCode}>
                  <th scope="row">{countryName(node.countryCode)}</th>
                  <td className="numeric">{formatNumber(node.grants, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
