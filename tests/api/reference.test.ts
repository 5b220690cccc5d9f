import { contract } from '@kizuna/shared';
import { describe, expect, it } from 'vitest';
import { ApiClient, expectProblem } from '../support/client.js';

describe('reference data', () => {
  it('lists the 11 ASEAN member states and Japan with their currencies', async () => {
    const countries = (await new ApiClient().call(contract.reference.countries)).json as {
      code: string;
      currency: string;
      asean: boolean;
    }[];
    expect(countries).toHaveLength(12);
    expect(countries.filter((c) => c.asean)).toHaveLength(11);
    expect(countries.find((c) => c.code === 'JP')).toMatchObject({ currency: 'JPY', asean: false });
  });

  it('searches the institution directory by country and name, without login', async () => {
    const client = new ApiClient();
    const japan = (await client.call(contract.reference.institutions, { query: { country: 'JP' } })).json as {
      countryCode: string;
    }[];
    expect(japan.length).toBeGreaterThanOrEqual(3);
    expect(japan.every((i) => i.countryCode === 'JP')).toBe(true);
    const found = (await client.call(contract.reference.institutions, { query: { q: 'chulalongkorn' } })).json as {
      name: string;
      countryCode: string;
    }[];
    expect(found).toEqual([expect.objectContaining({ name: 'Chulalongkorn University', countryCode: 'TH' })]);
    expectProblem(
      await client.call(contract.reference.institutions, { query: { country: 'thailand' } }),
      400,
      'validation_failed',
    );
  });

  it('lists the funding agencies', async () => {
    const agencies = (await new ApiClient().call(contract.calls.agencies)).json as { acronym: string }[];
    expect(agencies.map((a) => a.acronym)).toEqual(expect.arrayContaining(['JST', 'NRCT', 'MOHE', 'BRIN', 'NAFOSTED']));
  });
});
