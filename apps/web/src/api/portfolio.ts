import { contract, type Portfolio, type PortfolioDataset, type PortfolioQuery } from '@kizuna/shared';
import { apiCall, operationUrl } from './client';

const g = contract.grants;

/* The managers' portfolio dashboard and its exports (see portfolio.contract.ts). */

export type { Portfolio, PortfolioDataset, PortfolioQuery };
export type PortfolioMoney = Portfolio['money'][number];
export type PortfolioMonth = PortfolioMoney['series'][number];
export type PortfolioNetwork = Portfolio['network'];
export type PortfolioOverdue = Portfolio['overdue'][number];

export const getPortfolio = (query: PortfolioQuery, signal?: AbortSignal) => apiCall(g.portfolio, { query, signal });

/** An export as a plain link: the browser downloads it with the session cookie. */
export const portfolioExportUrl = (dataset: PortfolioDataset, format: 'csv' | 'xlsx', query: PortfolioQuery) =>
  operationUrl(g.export, undefined, { ...query, dataset, format });
