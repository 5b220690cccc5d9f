import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getPortfolio, type PortfolioQuery } from '../../../api/portfolio';
import { queryKeys } from '../../../api/query-keys';

/** The portfolio of the programmes the manager runs, with the filters; the previous figures stay while filtering. */
export function usePortfolio(query: PortfolioQuery) {
  return useQuery({
    queryKey: queryKeys.grants.portfolio(query),
    queryFn: ({ signal }) => getPortfolio(query, signal),
    placeholderData: keepPreviousData,
  });
}
