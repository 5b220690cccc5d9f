import { DEMO_PASSWORD } from '@kizuna/db/seed';
import { loadDemo } from './demo.js';

/**
 * `node apps/api/dist/demo/cli.js <base URL> [<mail sink URL>]`: adds the demo calls and proposals once (npm start runs
 * it). With the development mail sink's URL it also takes a call the whole way to an active grant.
 */
const baseUrl = process.argv[2] ?? 'http://localhost:3000';
const sinkUrl = process.argv[3];
try {
  if (sinkUrl) console.log('Taking a demo call through review to a grant (about 35 seconds)…');
  const result = await loadDemo(baseUrl, DEMO_PASSWORD, { sinkUrl });
  console.log(result.created ? 'Demo content added.' : 'Demo content already there.');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
