/// <reference types="node" />
/**
 * `npm run assign -- <instance.json>`: solves a reviewer-assignment instance and prints the result as JSON on stdout
 * (nothing else goes to stdout). Exit code 0 when solved, feasible or not; 2 when the input cannot be read or is
 * invalid (the zod issues go to stderr, one per line, with their path). Progress goes to stderr when it is a terminal.
 *
 * The instance: `{ k, proposals: [{ id, countries, k? }], reviewers: [{ id, institution, country, minLoad?, maxLoad }],
 * candidates: [{ proposal, reviewer, affinity }], conflicts?, constraints? }` (see assignmentInstanceSchema; a
 * proposal's own `k`, 0..1000, overrides the instance's). The output's `infeasibility` gives each cause a `code`,
 * `params` and an English `reason` (see assignment/report.ts for the codes).
 *
 * Run through infra/scripts/assign.mjs, which installs the workspace if needed and runs this file with jiti.
 */
import { readFileSync } from 'node:fs';
import { assignmentInstanceSchema, solveAssignment } from '../index.js';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const file = process.argv[2];
if (!file || process.argv.length > 3) fail('Usage: npm run assign -- <instance.json>');

let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (error) {
  fail(`Cannot read ${file}: ${(error as Error).message}`);
}
let json: unknown;
try {
  json = JSON.parse(text);
} catch (error) {
  fail(`${file} is not valid JSON: ${(error as Error).message}`);
}
const parsed = assignmentInstanceSchema.safeParse(json);
if (!parsed.success) {
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  fail(`${file} is not a valid assignment instance (${parsed.error.issues.length} issues):\n${lines.join('\n')}`);
}

const tty = process.stderr.isTTY;
const result = solveAssignment(parsed.data, {
  onProgress: tty ? (f) => process.stderr.write(`\r  solving… ${Math.round(f * 100)}%`) : undefined,
});
if (tty) process.stderr.write('\r\u001b[K');

const { feasible, objective, assignment, infeasibility, timing, stats } = result;
const ms = (x: number) => Math.round(x * 10) / 10;
const output = {
  feasible,
  objective,
  assignment,
  infeasibility,
  timing: { buildMs: ms(timing.buildMs), solveMs: ms(timing.solveMs), totalMs: ms(timing.totalMs) },
  stats,
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
};
// Indented, except one line per assigned pair: readable, and a 30,000-pair result stays 30,000 lines.
const pairs = assignment.map((pair) => `    ${JSON.stringify(pair)}`).join(',\n');
const rendered = JSON.stringify({ ...output, assignment: '\u0000' }, null, 2).replace('"\\u0000"', () =>
  pairs ? `[\n${pairs}\n  ]` : '[]',
);
process.stdout.write(`${rendered}\n`);
