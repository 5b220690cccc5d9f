// `npm run assign -- <instance.json>`: the optimal reviewer assignment of one instance (packages/review-engine).
// Installs the workspace if needed (its messages go to stderr), then runs the TypeScript CLI as is with jiti: stdout
// holds only the result JSON. Exit code 0 when solved (feasible or not), 2 when the input is invalid.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ensurePnpm, installWorkspace, keepStdoutForResults, ROOT } from './lib.mjs';

keepStdoutForResults();
const args = process.argv.slice(2);
if (args.length !== 1) {
  console.error('Usage: npm run assign -- <instance.json>');
  process.exit(2);
}
// npm runs scripts from the repository root; a relative path is relative to where the user typed the command.
const instance = resolve(process.env.INIT_CWD ?? process.cwd(), args[0]);

installWorkspace(ensurePnpm());
// jiti comes with the bench package (the workspace's TypeScript runner); `--import` resolves it from the cwd.
const cli = `${ROOT}packages/review-engine/src/cli/assign.ts`;
const result = spawnSync(process.execPath, ['--import', 'jiti/register', cli, instance], {
  cwd: `${ROOT}bench`,
  stdio: 'inherit',
});
if (result.error) {
  console.error(`node could not start: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
