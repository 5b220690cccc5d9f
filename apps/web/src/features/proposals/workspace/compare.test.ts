import { describe, expect, it } from 'vitest';
import type { SubmissionSnapshot } from '../../../api/proposals';
import { MY_PARTNER, makeProposal } from '../../../test/proposals';
import { compareSnapshots, moneyDifference } from './compare';

function snapshot(overrides: {
  title?: string;
  objectives?: string;
  total?: string;
  amount?: string;
}): SubmissionSnapshot {
  const proposal = makeProposal({
    title: overrides.title ?? 'Mangrove carbon',
    sections: [
      { key: 'objectives', content: overrides.objectives ?? 'Measure blue carbon.', version: 1, updatedAt: null },
      { key: 'work_plan', content: 'Three work packages.', version: 1, updatedAt: null },
    ],
  });
  const total = overrides.total ?? '55000.00';
  return {
    proposal,
    budget: {
      lines: [{ partnerId: MY_PARTNER, year: 1, category: 'PERSONNEL', amount: overrides.amount ?? '200000.00' }],
      summary: {
        callCurrency: 'USD',
        indirectRate: '0.25',
        indirectExcludedCategories: ['EQUIPMENT', 'SUBCONTRACTING'],
        grandTotal: total,
        partners: [],
        byYear: [],
        byCategory: [],
        byAgency: [],
        errors: [],
      },
    },
    eligibility: { eligible: true, results: [] },
  };
}

describe('compareSnapshots', () => {
  it('says which header fields and sections changed, and compares the budget grand totals', () => {
    const result = compareSnapshots(
      snapshot({}),
      snapshot({ objectives: 'Measure blue carbon in three countries.', total: '60500.00', amount: '220000' }),
    );
    expect(result.header.find((h) => h.field === 'title')?.change).toBe('unchanged');
    expect(result.sections).toEqual([
      { key: 'objectives', change: 'changed', wordsA: 3, wordsB: 6 },
      { key: 'work_plan', change: 'unchanged', wordsA: 3, wordsB: 3 },
    ]);
    expect(result.budget).toEqual({ currency: 'USD', totalA: '55000.00', totalB: '60500.00', change: 'changed' });
    expect(result.partners.every((p) => p.change === 'unchanged')).toBe(true);
  });

  it('treats equal amounts written differently as the same budget', () => {
    const result = compareSnapshots(snapshot({ title: 'A' }), snapshot({ title: 'B', amount: '200000' }));
    expect(result.header.find((h) => h.field === 'title')?.change).toBe('changed');
    expect(result.budget.change).toBe('unchanged');
  });
});

describe('moneyDifference', () => {
  it('subtracts exactly', () => {
    expect(moneyDifference('0.10', '0.30')).toEqual({ sign: 1, amount: '0.20' });
    expect(moneyDifference('60500.00', '55000')).toEqual({ sign: -1, amount: '5500.00' });
    expect(moneyDifference('1', '1.00')).toEqual({ sign: 0, amount: '0.00' });
  });
});
