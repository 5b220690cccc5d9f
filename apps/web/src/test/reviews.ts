import type { Review, ReviewerProposalView, Rubric } from '@kizuna/shared';
import type { Ranking } from '../api/reviews';
import { CALL_ID } from './calls';
import { PROPOSAL_ID } from './proposals';

/* Fixtures for the review pages: one assignment of the MANGROVE-CR proposal, a three-criterion rubric on 1–5. */

export const ASSIGNMENT_ID = 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f';
export const OTHER_PROPOSAL_ID = 'd2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f6a';

export const RUBRIC: Rubric = {
  scale: { min: 1, max: 5 },
  criteria: [
    { key: 'excellence', title: 'Scientific excellence', weight: 50, guidance: 'Is the science sound and novel?' },
    { key: 'impact', title: 'Impact', weight: 30, guidance: 'Who benefits, and how much?' },
    { key: 'implementation', title: 'Implementation', weight: 20, guidance: 'Can the consortium deliver?' },
  ],
};

export function makeReview(overrides: Partial<Review> = {}): Review {
  return {
    scores: {},
    commentsToApplicants: '',
    confidentialComments: '',
    confidence: null,
    recommendation: null,
    status: 'DRAFT',
    version: 3,
    weightedScore: null,
    submittedAt: null,
    updatedAt: null,
    unsubmittedChanges: false,
    revisions: [],
    ...overrides,
  };
}

export function makeReviewerView(blindReview: boolean): ReviewerProposalView {
  return {
    assignment: { id: ASSIGNMENT_ID, ordinal: 2, status: 'ACCEPTED' },
    call: {
      id: CALL_ID,
      title: 'Joint call on climate-resilient agriculture 2027',
      timeZone: 'Asia/Bangkok',
      reviewDeadline: '2099-05-01T10:00:00.000Z',
      blindReview,
      rubric: RUBRIC,
    },
    proposal: {
      id: PROPOSAL_ID,
      acronym: 'MANGROVE-CR',
      title: 'Mangrove carbon and coastal resilience',
      abstract: 'Blue carbon in South-East Asian mangroves.',
      keywords: ['mangroves', 'blue carbon'],
      theme: 'climate_change',
      durationMonths: 24,
      submittedAt: '2026-03-10T03:00:00.000Z',
      sections: [{ key: 'objectives', title: 'Objectives', content: 'Measure carbon stocks.' }],
      partners: blindReview
        ? [
            { number: 1, role: 'LEAD', institution: null, countryCode: null, total: '300000.00' },
            { number: 2, role: 'PARTNER', institution: null, countryCode: null, total: '250000.00' },
          ]
        : [
            {
              number: 1,
              role: 'LEAD',
              institution: 'Universiti Malaya',
              countryCode: 'MY',
              total: '300000.00',
            },
            {
              number: 2,
              role: 'PARTNER',
              institution: 'Kyoto University',
              countryCode: 'JP',
              total: '250000.00',
            },
          ],
      budgetTotal: '550000.00',
      currency: 'USD',
      attachments: [
        {
          key: 'cv',
          contentType: 'application/pdf',
          size: 204_800,
          fileName: blindReview ? null : 'cv-aisyah-universiti-malaya.pdf',
        },
      ],
    },
  };
}

export function makeRanking(overrides: Partial<Ranking> = {}): Ranking {
  return {
    scale: { min: 1, max: 5 },
    currency: 'USD',
    released: false,
    reviewers: [
      { label: 'Reviewer 1 (Aiko Tanaka)', offset: 0.4, count: 3 },
      { label: 'Reviewer 2 (Somchai P.)', offset: -0.25, count: 2 },
    ],
    rows: [
      {
        proposal: {
          id: PROPOSAL_ID,
          acronym: 'MANGROVE-CR',
          title: 'Mangrove carbon and coastal resilience',
          countries: ['MY', 'JP'],
          total: '550000.00',
        },
        reviews: 3,
        rawMean: 3.9,
        calibrated: 4.15,
        spread: 0.4,
        disagreement: false,
        rankRaw: 2,
        rankCalibrated: 1,
        consensus: 'APPROVED',
        decision: null,
      },
      {
        proposal: {
          id: OTHER_PROPOSAL_ID,
          acronym: 'RICE-HEAT',
          title: 'Heat-tolerant rice',
          countries: ['TH', 'JP'],
          total: '480000.00',
        },
        reviews: 3,
        rawMean: 4.1,
        calibrated: 3.72,
        spread: 2.5,
        disagreement: true,
        rankRaw: 1,
        rankCalibrated: 2,
        consensus: 'PROPOSED',
        decision: { outcome: 'RESERVE', reason: 'Strong, but the reviewers disagree on feasibility.' },
      },
    ],
    ...overrides,
  };
}
