/** 助成報告書と変更申請の日本語 (ja.ts の `grantReports`)。 */
export const grantReportsJa = {
  title: '報告書',
};
