import { contract } from '@kizuna/shared';
import type { ApiClient } from './client.js';
import { ApiClient as Client } from './client.js';
import { makeProgramme, makeUser } from './factory.js';

/** A programme and a signed-in manager of it. */
export async function programmeWithManager() {
  const programme = await makeProgramme();
  const manager = await makeUser({ roles: [{ role: 'PROGRAMME_MANAGER', programmeId: programme.id }] });
  const client = new Client();
  const res = await client.call(contract.auth.login, { body: { email: manager.email, password: manager.password } });
  if (res.status !== 200) throw new Error(`login failed: ${res.text}`);
  return { programme, manager, client };
}

export async function agencies(client: ApiClient) {
  const res = await client.call(contract.calls.agencies);
  return res.json as { id: string; acronym: string; countryCode: string }[];
}

/** A complete, valid call input: a joint call co-funded by JST (JP), NRCT (TH) and MOHE (MY). */
export async function callInput(client: ApiClient, overrides: Record<string, unknown> = {}) {
  const all = await agencies(client);
  const pick = (acronym: string) => {
    const agency = all.find((a) => a.acronym === acronym);
    if (!agency) throw new Error(`agency ${acronym} not seeded`);
    return agency.id;
  };
  const opensAt = new Date(Date.now() + 7 * 24 * 3600_000);
  const closesAt = new Date(opensAt.getTime() + 60 * 24 * 3600_000);
  return {
    title: 'Joint call on climate-resilient agriculture 2027',
    summary: 'Consortia of ASEAN and Japanese researchers on climate-resilient food systems.',
    description: '## Scope\nClimate adaptation of rice and aquaculture systems.',
    themes: ['climate_change', 'food_security'],
    currency: 'USD',
    timeZone: 'Asia/Bangkok',
    opensAt: opensAt.toISOString(),
    closesAt: closesAt.toISOString(),
    maxDurationMonths: 36,
    capPerProposal: '900000.00',
    capPerPartner: '300000.00',
    indirectRate: '0.25',
    sections: [
      { key: 'objectives', title: 'Objectives', guidance: 'What will the consortium achieve?', maxWords: 1000 },
      { key: 'work_plan', title: 'Work plan', guidance: '', maxWords: 3000 },
    ],
    attachments: [{ key: 'cv', title: 'CVs of the PIs', required: true, maxSizeMb: 5, types: ['pdf'] }],
    eligibilityRules: [],
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
      { agencyId: pick('JST'), envelope: '1500000.00' },
      { agencyId: pick('NRCT'), envelope: '600000.00' },
      { agencyId: pick('MOHE'), envelope: '600000.00' },
    ],
    rates: [
      { currency: 'JPY', rate: '0.0067' },
      { currency: 'THB', rate: '0.028' },
      { currency: 'MYR', rate: '0.22' },
    ],
    ...overrides,
  };
}
