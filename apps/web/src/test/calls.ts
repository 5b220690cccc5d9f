import type { Call } from '@kizuna/shared';

/* Fixtures for the calls pages: a joint call co-funded by JST (JP), NRCT (TH) and MOHE (MY). */

export const PROGRAMME_ID = '6a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
export const CALL_ID = '7b2d3c4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e';
export const JST_ID = '1c3e5a7b-9d1f-4b3d-8f5a-7c9e1b3d5f7a';
export const NRCT_ID = '2d4f6b8c-0e2a-4c4e-9a6b-8d0f2c4e6a8b';
export const MOHE_ID = '3e5a7c9d-1f3b-4d5f-a7c9-9e1a3d5f7b9c';

export const AGENCIES = [
  { id: JST_ID, name: 'Japan Science and Technology Agency', acronym: 'JST', countryCode: 'JP' },
  { id: MOHE_ID, name: 'Ministry of Higher Education', acronym: 'MOHE', countryCode: 'MY' },
  { id: NRCT_ID, name: 'National Research Council of Thailand', acronym: 'NRCT', countryCode: 'TH' },
];

export const COUNTRIES = [
  { code: 'JP', nameEn: 'Japan', nameJa: '日本', currency: 'JPY', timeZones: ['Asia/Tokyo'], asean: false },
  {
    code: 'MY',
    nameEn: 'Malaysia',
    nameJa: 'マレーシア',
    currency: 'MYR',
    timeZones: ['Asia/Kuala_Lumpur'],
    asean: true,
  },
  { code: 'TH', nameEn: 'Thailand', nameJa: 'タイ', currency: 'THB', timeZones: ['Asia/Bangkok'], asean: true },
];

export function makeCall(overrides: Partial<Call> = {}): Call {
  return {
    id: CALL_ID,
    programme: { id: PROGRAMME_ID, name: 'Climate Resilience 2027' },
    status: 'DRAFT',
    version: 3,
    title: 'Joint call on climate-resilient agriculture 2027',
    summary: 'Consortia of ASEAN and Japanese researchers on climate-resilient food systems.',
    description: '## Scope\nClimate adaptation of rice and **aquaculture** systems.',
    themes: ['climate_change', 'food_security', 'mangroves'],
    currency: 'USD',
    timeZone: 'Asia/Bangkok',
    // 17:00 in Bangkok, 19:00 in Tokyo.
    opensAt: '2026-02-01T02:00:00.000Z',
    closesAt: '2026-03-15T10:00:00.000Z',
    maxDurationMonths: 36,
    capPerProposal: '900000.00',
    capPerPartner: '300000.00',
    indirectRate: '0.25',
    sections: [{ key: 'objectives', title: 'Objectives', guidance: 'What will you achieve?', maxWords: 1000 }],
    attachments: [{ key: 'cv', title: 'CVs of the PIs', required: true, maxSizeMb: 5, types: ['pdf'] }],
    eligibilityRules: [
      { kind: 'min_partners_in_countries', countries: ['JP'], min: 1 },
      { kind: 'min_distinct_countries', countries: 'ASEAN', min: 2 },
      { kind: 'budget_total_max' },
    ],
    rubric: {
      scale: { min: 1, max: 5 },
      criteria: [
        { key: 'excellence', title: 'Scientific excellence', weight: 50, guidance: '' },
        { key: 'impact', title: 'Impact', weight: 30, guidance: '' },
        { key: 'implementation', title: 'Implementation', weight: 20, guidance: '' },
      ],
    },
    reviewersPerProposal: 3,
    agencies: [
      { agencyId: JST_ID, name: AGENCIES[0]?.name ?? '', acronym: 'JST', countryCode: 'JP', envelope: '1500000.00' },
      { agencyId: NRCT_ID, name: AGENCIES[2]?.name ?? '', acronym: 'NRCT', countryCode: 'TH', envelope: '600000.00' },
    ],
    rates: [
      { currency: 'JPY', rate: '0.0067' },
      { currency: 'THB', rate: '0.028' },
    ],
    publishedAt: null,
    openedAt: null,
    closedAt: null,
    ...overrides,
  };
}

export function summaryOf(call: Call) {
  return {
    id: call.id,
    programme: call.programme,
    status: call.status,
    title: call.title,
    summary: call.summary,
    themes: call.themes,
    currency: call.currency,
    timeZone: call.timeZone,
    opensAt: call.opensAt,
    closesAt: call.closesAt,
    agencies: call.agencies.map((a) => ({ acronym: a.acronym, countryCode: a.countryCode })),
  };
}
