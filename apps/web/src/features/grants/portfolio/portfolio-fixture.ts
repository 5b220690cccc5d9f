import type { Portfolio } from '../../../api/portfolio';
import { CALL_ID, JST_ID, MOHE_ID, NRCT_ID, PROGRAMME_ID } from '../../../test/calls';

export const GRANT_ID = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
export const OTHER_PROGRAMME_ID = '5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c';

/** A portfolio of three grants in USD, with an overdue milestone and report and a joint JP–TH publication. */
export function makePortfolio(overrides: Partial<Portfolio> = {}): Portfolio {
  return {
    programmes: [
      { id: PROGRAMME_ID, name: 'ASEAN–Japan Climate' },
      { id: OTHER_PROGRAMME_ID, name: 'Digital Connectivity' },
    ],
    calls: [{ id: CALL_ID, title: 'Joint call 2027', programmeId: PROGRAMME_ID, currency: 'USD' }],
    grants: 3,
    byStatus: [
      { status: 'ACTIVE', count: 2 },
      { status: 'AWARDED', count: 1 },
    ],
    byCountry: [
      { countryCode: 'MY', count: 3 },
      { countryCode: 'JP', count: 2 },
      { countryCode: 'TH', count: 1 },
    ],
    byTheme: [{ theme: 'climate_change', count: 3 }],
    byAgency: [
      { agencyId: MOHE_ID, acronym: 'MOHE', name: 'Ministry of Higher Education', countryCode: 'MY', count: 3 },
      { agencyId: JST_ID, acronym: 'JST', name: 'Japan Science and Technology Agency', countryCode: 'JP', count: 2 },
      {
        agencyId: NRCT_ID,
        acronym: 'NRCT',
        name: 'National Research Council of Thailand',
        countryCode: 'TH',
        count: 1,
      },
    ],
    money: [
      {
        currency: 'USD',
        grants: 3,
        committed: '200000.00',
        disbursed: '50000.00',
        reported: '20000.50',
        remaining: '150000.00',
        series: [
          { month: '2027-01', committed: '100000.00', disbursed: '0.00', reported: '0.00' },
          { month: '2027-02', committed: '200000.00', disbursed: '50000.00', reported: '0.00' },
          { month: '2027-03', committed: '200000.00', disbursed: '50000.00', reported: '20000.50' },
        ],
      },
    ],
    overdue: [
      {
        grantId: GRANT_ID,
        grantNumber: 'KZ-2027-0001',
        acronym: 'PADDY-GHG',
        what: 'REPORT',
        title: 'Periodic report 1',
        reportKind: 'PERIODIC',
        reportNumber: 1,
        status: 'SUBMITTED',
        dueDate: '2027-02-01',
        daysLate: 42,
      },
      {
        grantId: GRANT_ID,
        grantNumber: 'KZ-2027-0001',
        acronym: 'PADDY-GHG',
        what: 'MILESTONE',
        title: 'Sites equipped',
        reportKind: null,
        reportNumber: null,
        status: 'PENDING',
        dueDate: '2027-03-01',
        daysLate: 14,
      },
    ],
    overdueTotal: 2,
    outputs: {
      publications: 4,
      jointPublications: 2,
      aseanJapanPublications: 1,
      datasets: 1,
      patents: 0,
      prototypes: 1,
      trainedPeople: 5,
    },
    network: {
      nodes: [
        { countryCode: 'MY', grants: 3 },
        { countryCode: 'JP', grants: 2 },
        { countryCode: 'TH', grants: 1 },
        { countryCode: 'VN', grants: 0 },
      ],
      edges: [
        { from: 'JP', to: 'MY', grants: 2, jointPublications: 0 },
        { from: 'JP', to: 'TH', grants: 1, jointPublications: 1 },
        { from: 'TH', to: 'VN', grants: 0, jointPublications: 1 },
      ],
    },
    ...overrides,
  };
}
