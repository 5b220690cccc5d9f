/** ポートフォリオ・ダッシュボードと助成データ出力の日本語 (ja.ts の `portfolio`)。 */
export const portfolioJa = {
  title: 'ポートフォリオ',
};
