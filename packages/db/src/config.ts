/** Where the apps, the migrate and seed CLIs and the tests look when DATABASE_URL is unset. */
export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/kizuna';
