/** English texts of the grant pages (spread into en.ts under `grants`). */
export const grantsEn = {
  nav: 'Grants',
} as const;
