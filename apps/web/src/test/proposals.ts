import type { Proposal } from '@kizuna/shared';
import { CALL_ID, JST_ID, MOHE_ID, makeCall, NRCT_ID, PROGRAMME_ID } from './calls';

/* Fixtures for the proposal pages: a Malaysian-led consortium with partners in Japan and Thailand. */

export const PROPOSAL_ID = '8c3e4d5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f';
export const MY_PARTNER = '9d4f5e6a-7b8c-4d9e-8f0a-2b3c4d5e6f7a';
export const JP_PARTNER = 'ae5a6f7b-8c9d-4eaf-9a1b-3c4d5e6f7a8b';
export const TH_PARTNER = 'bf6b7a8c-9d0e-4fba-8b2c-4d5e6f7a8b9c';
export const LEAD_USER = '4f9b6c1e-2d3a-4b5c-8d7e-9f0a1b2c3d4e';

/** The call of the fixtures, open, with MOHE (MY) too and a rate for MYR. */
export function proposalCall() {
  return makeCall({
    status: 'OPEN',
    opensAt: '2026-01-01T00:00:00.000Z',
    closesAt: '2099-03-15T10:00:00.000Z',
    sections: [
      { key: 'objectives', title: 'Objectives', guidance: 'What will you achieve?', maxWords: 5 },
      { key: 'work_plan', title: 'Work plan', guidance: '', maxWords: null },
    ],
    agencies: [
      {
        agencyId: JST_ID,
        name: 'Japan Science and Technology Agency',
        acronym: 'JST',
        countryCode: 'JP',
        envelope: '1500000.00',
      },
      {
        agencyId: NRCT_ID,
        name: 'National Research Council of Thailand',
        acronym: 'NRCT',
        countryCode: 'TH',
        envelope: '600000.00',
      },
      {
        agencyId: MOHE_ID,
        name: 'Ministry of Higher Education',
        acronym: 'MOHE',
        countryCode: 'MY',
        envelope: '600000.00',
      },
    ],
    rates: [
      { currency: 'JPY', rate: '0.0067' },
      { currency: 'THB', rate: '0.028' },
      { currency: 'MYR', rate: '0.22' },
    ],
  });
}

export function makeProposal(overrides: Partial<Proposal> = {}): Proposal {
  return {
    id: PROPOSAL_ID,
    title: 'Mangrove carbon and coastal resilience',
    acronym: 'MANGROVE-CR',
    abstract: '',
    keywords: [],
    theme: 'climate_change',
    durationMonths: 24,
    call: {
      id: CALL_ID,
      title: 'Joint call on climate-resilient agriculture 2027',
      programmeId: PROGRAMME_ID,
      currency: 'USD',
      timeZone: 'Asia/Bangkok',
      opensAt: '2026-01-01T00:00:00.000Z',
      closesAt: '2099-03-15T10:00:00.000Z',
    },
    status: 'DRAFT',
    version: 2,
    budgetVersion: 1,
    workPlan: { workPackages: [] },
    workPlanVersion: 1,
    partners: [
      {
        id: MY_PARTNER,
        role: 'LEAD',
        institution: { id: '11111111-1111-4111-8111-111111111111', name: 'Universiti Malaya', countryCode: 'MY' },
        currency: 'MYR',
        agency: { id: MOHE_ID, acronym: 'MOHE' },
        members: [{ userId: LEAD_USER, displayName: 'Aisyah', email: 'aisyah@um.test', role: 'LEAD_PI' }],
      },
      {
        id: JP_PARTNER,
        role: 'PARTNER',
        institution: { id: '22222222-2222-4222-8222-222222222222', name: 'Kyoto University', countryCode: 'JP' },
        currency: 'JPY',
        agency: { id: JST_ID, acronym: 'JST' },
        members: [],
      },
      {
        id: TH_PARTNER,
        role: 'PARTNER',
        institution: {
          id: '33333333-3333-4333-8333-333333333333',
          name: 'Chulalongkorn University',
          countryCode: 'TH',
        },
        currency: 'THB',
        agency: { id: NRCT_ID, acronym: 'NRCT' },
        members: [],
      },
    ],
    sections: [
      { key: 'objectives', content: '', version: 0, updatedAt: null },
      { key: 'work_plan', content: '', version: 0, updatedAt: null },
    ],
    attachments: [],
    myRole: 'LEAD_PI',
    submittedAt: null,
    submissions: [],
    ...overrides,
  };
}

export function problem(status: number, code: string, errors?: unknown[]) {
  return { type: `https://kizuna.dev/problems/${code}`, title: code, status, code, ...(errors ? { errors } : {}) };
}
