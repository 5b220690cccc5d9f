/** 助成ページの日本語 (ja.ts の `grants`)。 */
export const grantsJa = {
  nav: '助成',
};
