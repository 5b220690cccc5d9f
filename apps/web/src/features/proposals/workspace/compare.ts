import { countWords } from '@kizuna/shared';
import type { SubmissionSnapshot } from '../../../api/proposals';
import { sameLines } from './budget-model';

export type Change = 'changed' | 'unchanged' | 'added' | 'removed';

export const HEADER_FIELDS = ['title', 'acronym', 'abstract', 'keywords', 'theme', 'durationMonths'] as const;
export type HeaderField = (typeof HEADER_FIELDS)[number];

export interface SnapshotComparison {
  header: { field: HeaderField; change: Change }[];
  sections: { key: string; change: Change; wordsA: number; wordsB: number }[];
  partners: { institution: string; countryCode: string; change: Change }[];
  attachments: { key: string; change: Change; fileA: string | null; fileB: string | null }[];
  budget: { currency: string; totalA: string; totalB: string; change: Change };
}

function change(inA: boolean, inB: boolean, same: boolean): Change {
  if (!inA) return 'added';
  if (!inB) return 'removed';
  return same ? 'unchanged' : 'changed';
}

/** What differs between two submissions of a proposal (A the earlier, B the later), part by part. */
export function compareSnapshots(a: SubmissionSnapshot, b: SubmissionSnapshot): SnapshotComparison {
  const pa = a.proposal;
  const pb = b.proposal;
  const header = HEADER_FIELDS.map((field) => ({
    field,
    change: (JSON.stringify(pa[field] ?? null) === JSON.stringify(pb[field] ?? null)
      ? 'unchanged'
      : 'changed') as Change,
  }));

  const sectionKeys = [...new Set([...pa.sections.map((s) => s.key), ...pb.sections.map((s) => s.key)])];
  const sections = sectionKeys.map((key) => {
    const sa = pa.sections.find((s) => s.key === key);
    const sb = pb.sections.find((s) => s.key === key);
    return {
      key,
      change: change(!!sa, !!sb, sa?.content === sb?.content),
      wordsA: sa ? countWords(sa.content) : 0,
      wordsB: sb ? countWords(sb.content) : 0,
    };
  });

  const institutions = new Map<string, { institution: string; countryCode: string; inA: boolean; inB: boolean }>();
  for (const [partners, side] of [
    [pa.partners, 'inA'],
    [pb.partners, 'inB'],
  ] as const) {
    for (const partner of partners) {
      const entry = institutions.get(partner.institution.id) ?? {
        institution: partner.institution.name,
        countryCode: partner.institution.countryCode,
        inA: false,
        inB: false,
      };
      entry[side] = true;
      institutions.set(partner.institution.id, entry);
    }
  }
  const partners = [...institutions.values()].map((p) => ({
    institution: p.institution,
    countryCode: p.countryCode,
    change: change(p.inA, p.inB, true),
  }));

  const attachmentKeys = [...new Set([...pa.attachments.map((x) => x.key), ...pb.attachments.map((x) => x.key)])];
  const attachments = attachmentKeys.map((key) => {
    const xa = pa.attachments.find((x) => x.key === key);
    const xb = pb.attachments.find((x) => x.key === key);
    return {
      key,
      change: change(!!xa, !!xb, xa?.sha256 === xb?.sha256),
      fileA: xa?.fileName ?? null,
      fileB: xb?.fileName ?? null,
    };
  });

  const totalA = a.budget.summary.grandTotal;
  const totalB = b.budget.summary.grandTotal;
  return {
    header,
    sections,
    partners,
    attachments,
    budget: {
      currency: b.budget.summary.callCurrency,
      totalA,
      totalB,
      change: totalA === totalB && sameLines(a.budget.lines, b.budget.lines) ? 'unchanged' : 'changed',
    },
  };
}

/** b − a of two money amounts (at most 2 decimals), exactly: its sign and its absolute value ("1250.50"). */
export function moneyDifference(a: string, b: string): { sign: -1 | 0 | 1; amount: string } {
  const cents = (value: string) => {
    const [int = '0', frac = ''] = value.split('.');
    return BigInt(`${int}${frac.padEnd(2, '0').slice(0, 2)}`);
  };
  const diff = cents(b) - cents(a);
  const abs = diff < 0n ? -diff : diff;
  const text = abs.toString().padStart(3, '0');
  return { sign: diff === 0n ? 0 : diff < 0n ? -1 : 1, amount: `${text.slice(0, -2)}.${text.slice(-2)}` };
}
