import { describe, expect, it } from 'vitest';
import { moneyOf } from './portfolio.service.js';

const now = new Date('2027-03-15T10:00:00Z');

describe('moneyOf', () => {
  const committed = [
    { currency: 'USD', month: '2026-12', amount: '1000.10' },
    { currency: 'JPY', month: '2027-01', amount: '500000' },
    { currency: 'USD', month: '2027-02', amount: '0.20' },
  ];
  const disbursed = [{ currency: 'USD', month: '2027-01', amount: '400.05' }];
  const reported = [
    { currency: 'USD', month: '2027-01', amount: '100.01' },
    { currency: 'USD', month: '2027-01', amount: '0.02' },
  ];

  it('keeps each currency apart, exact to its minor units, cumulative month by month up to this month', () => {
    expect(moneyOf('USD', 2, committed, disbursed, reported, now)).toEqual({
      currency: 'USD',
      grants: 2,
      committed: '1000.30',
      disbursed: '400.05',
      reported: '100.03',
      remaining: '600.25',
      series: [
        { month: '2026-12', committed: '1000.10', disbursed: '0.00', reported: '0.00' },
        { month: '2027-01', committed: '1000.10', disbursed: '400.05', reported: '100.03' },
        { month: '2027-02', committed: '1000.30', disbursed: '400.05', reported: '100.03' },
        { month: '2027-03', committed: '1000.30', disbursed: '400.05', reported: '100.03' },
      ],
    });
    expect(moneyOf('JPY', 1, committed, disbursed, reported, now)).toMatchObject({
      committed: '500000',
      disbursed: '0',
      remaining: '500000',
      series: [
        { month: '2027-01', committed: '500000', disbursed: '0', reported: '0' },
        { month: '2027-02', committed: '500000', disbursed: '0', reported: '0' },
        { month: '2027-03', committed: '500000', disbursed: '0', reported: '0' },
      ],
    });
  });

  it('runs past this month when a figure is dated later, and is empty with no figures', () => {
    const later = moneyOf('USD', 1, [{ currency: 'USD', month: '2027-05', amount: '1' }], [], [], now);
    expect(later.series.map((s) => s.month)).toEqual(['2027-05']);
    expect(moneyOf('EUR', 1, committed, [], [], now)).toMatchObject({ committed: '0.00', series: [] });
  });
});
