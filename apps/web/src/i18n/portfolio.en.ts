/** English texts of the portfolio dashboard and the grant exports (spread into en.ts under `portfolio`). */
export const portfolioEn = {
  title: 'Portfolio',
} as const;
