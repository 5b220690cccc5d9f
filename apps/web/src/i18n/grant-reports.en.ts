/** English texts of the grant report editor and amendments (spread into en.ts under `grantReports`). */
export const grantReportsEn = {
  title: 'Report',
} as const;
