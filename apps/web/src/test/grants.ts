import type { Grant } from '@kizuna/shared';

/* Fixtures for the grant pages: grant KZ-2026-0001 of MANGROVE-CR, a Japanese lead (JPY) and a Malaysian partner (MYR). */

export const GRANT_ID = 'a7b8c9d0-e1f2-4a3b-8c4d-5e6f7a8b9c0d';
export const JP_GRANT_PARTNER = 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e';
export const MY_GRANT_PARTNER = 'c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f';
export const LEAD_PI_ID = '4f9b6c1e-2d3a-4b5c-8d7e-9f0a1b2c3d4e';
export const PARTNER_PI_ID = '5a0c7d2f-3e4b-4c6d-9e8f-0a1b2c3d4e5f';
export const REPORT_ID = 'd3e4f5a6-b7c8-4d9e-8f0a-2b3c4d5e6f7a';
export const MILESTONE_ID = 'e4f5a6b7-c8d9-4e0f-9a1b-3c4d5e6f7a8b';
export const TRANCHE_ID = 'f5a6b7c8-d9e0-4f1a-8b2c-4d5e6f7a8b9c';
const AGENCY_JP = '11111111-2222-4333-8444-555555555555';
const AGENCY_MY = '22222222-3333-4444-8555-666666666666';

const figures = (approved: string, released = '0.00', planned = '0.00', remaining = approved) => ({
  approved,
  released,
  planned,
  remaining,
});

export function makeGrant(overrides: Partial<Grant> = {}): Grant {
  return {
    id: GRANT_ID,
    number: 'KZ-2026-0001',
    status: 'ACTIVE',
    suspendedFrom: null,
    suspensionReason: null,
    myRole: 'MANAGER',
    proposal: { id: '0e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b', acronym: 'MANGROVE-CR', title: 'Mangrove carbon' },
    call: { id: '1f2a3b4c-5d6e-4f7a-8b9c-0d1e2f3a4b5c', title: 'Climate 2026', programmeId: AGENCY_JP },
    startDate: '2027-01-01',
    endDate: '2028-12-31',
    reportingPeriodMonths: 12,
    currency: 'USD',
    indirectRate: '0.25',
    awardedAt: '2026-11-20T01:00:00.000Z',
    activatedAt: '2026-11-21T01:00:00.000Z',
    closedAt: null,
    agreement: {
      version: 1,
      issuedAt: '2026-11-20T01:00:00.000Z',
      acknowledgements: [
        { userId: LEAD_PI_ID, displayName: 'Aiko Tanaka', role: 'LEAD_PI', acknowledgedAt: '2026-11-21T01:00:00.000Z' },
        { userId: PARTNER_PI_ID, displayName: 'Siti Rahman', role: 'PARTNER_PI', acknowledgedAt: null },
      ],
      complete: false,
    },
    partners: [
      {
        id: JP_GRANT_PARTNER,
        role: 'LEAD',
        institution: { id: '3a4b5c6d-7e8f-4a9b-8c0d-1e2f3a4b5c6d', name: 'Kyoto University', countryCode: 'JP' },
        currency: 'JPY',
        rate: '0.0067',
        agency: { id: AGENCY_JP, acronym: 'JST', name: 'Japan Science and Technology Agency' },
        active: true,
        pi: { userId: LEAD_PI_ID, displayName: 'Aiko Tanaka' },
      },
      {
        id: MY_GRANT_PARTNER,
        role: 'PARTNER',
        institution: { id: '4b5c6d7e-8f9a-4b0c-9d1e-2f3a4b5c6d7e', name: 'Universiti Malaya', countryCode: 'MY' },
        currency: 'MYR',
        rate: '0.21',
        agency: { id: AGENCY_MY, acronym: 'MOSTI', name: 'Ministry of Science, Technology and Innovation' },
        active: true,
        pi: { userId: PARTNER_PI_ID, displayName: 'Siti Rahman' },
      },
    ],
    budget: {
      adjustmentReason: null,
      lines: [
        { partnerId: JP_GRANT_PARTNER, year: 1, category: 'PERSONNEL', original: '5000000', approved: '5000000' },
        { partnerId: MY_GRANT_PARTNER, year: 1, category: 'TRAVEL', original: '20000.00', approved: '20000.00' },
      ],
      adjustments: [],
      partners: [
        {
          partnerId: JP_GRANT_PARTNER,
          currency: 'JPY',
          agencyId: AGENCY_JP,
          partnerCurrency: { direct: '5000000', indirect: '1250000', total: '6250000' },
          callCurrency: { direct: '33500.00', indirect: '8375.00', total: '41875.00' },
        },
        {
          partnerId: MY_GRANT_PARTNER,
          currency: 'MYR',
          agencyId: AGENCY_MY,
          partnerCurrency: { direct: '20000.00', indirect: '5000.00', total: '25000.00' },
          callCurrency: { direct: '4200.00', indirect: '1050.00', total: '5250.00' },
        },
      ],
      byAgency: [
        { agencyId: AGENCY_JP, total: '41875.00' },
        { agencyId: AGENCY_MY, total: '5250.00' },
      ],
      byYear: [{ year: 1, total: '47125.00' }],
      byCategory: [{ category: 'PERSONNEL', total: '41875.00' }],
      grandTotal: '47125.00',
      originalGrandTotal: '47125.00',
    },
    milestones: [
      {
        id: MILESTONE_ID,
        workPackage: 'WP1',
        title: 'Sites chosen',
        verification: 'Site report',
        dueMonth: 3,
        dueDate: '2027-03-31',
        status: 'PENDING',
        overdue: false,
        evidence: null,
        links: [],
        files: [],
        submittedAt: null,
        reviewedAt: null,
        reviewComment: null,
        history: [],
      },
    ],
    reports: [
      {
        id: REPORT_ID,
        kind: 'PERIODIC',
        number: 1,
        periodStart: '2027-01-01',
        periodEnd: '2027-12-31',
        dueDate: '2028-01-31',
        status: 'DUE',
        overdue: false,
        submittedAt: null,
        reviewedAt: null,
        reviewComment: null,
      },
    ],
    tranches: [],
    balances: {
      partners: [
        {
          partnerId: JP_GRANT_PARTNER,
          currency: 'JPY',
          partnerCurrency: figures('6250000', '0', '0'),
          callCurrency: figures('41875.00'),
        },
        {
          partnerId: MY_GRANT_PARTNER,
          currency: 'MYR',
          partnerCurrency: figures('25000.00'),
          callCurrency: figures('5250.00'),
        },
      ],
      agencies: [
        { agencyId: AGENCY_JP, acronym: 'JST', callCurrency: figures('41875.00') },
        { agencyId: AGENCY_MY, acronym: 'MOSTI', callCurrency: figures('5250.00') },
      ],
      total: figures('47125.00'),
    },
    amendments: [],
    ...overrides,
  };
}

export function makeTranche(overrides: Partial<Grant['tranches'][number]> = {}): Grant['tranches'][number] {
  return {
    id: TRANCHE_ID,
    number: 1,
    partnerId: MY_GRANT_PARTNER,
    currency: 'MYR',
    amount: '10000.00',
    callAmount: '2100.00',
    condition: 'AGREEMENT',
    reportId: null,
    milestoneId: null,
    status: 'PLANNED',
    plannedDate: null,
    paidOn: null,
    reference: null,
    releasedAt: null,
    ...overrides,
  };
}
