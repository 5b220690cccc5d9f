import { DEMO_PASSWORD } from '@kizuna/db/seed';
import { loadDemo } from './demo.js';

/** `node apps/api/dist/demo/cli.js <base URL>`: adds the demo calls and proposal once (npm start runs it). */
const baseUrl = process.argv[2] ?? 'http://localhost:3000';
try {
  const result = await loadDemo(baseUrl, DEMO_PASSWORD);
  console.log(result.created ? 'Demo calls and proposal added.' : 'Demo calls and proposal already there.');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
