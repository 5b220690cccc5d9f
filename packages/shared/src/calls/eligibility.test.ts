import { describe, expect, it } from 'vitest';
import { type BudgetLine, type BudgetPartner, computeBudget } from '../proposals/budget.js';
import {
  ASEAN_COUNTRIES,
  countWords,
  countWordsWithoutSegmenter,
  DEFAULT_ELIGIBILITY_RULES,
  type EligibilityFacts,
  type EligibilityRule,
  EligibilityRuleSchema,
  EligibilityRulesSchema,
  evaluateEligibility,
} from './eligibility.js';

const MY = '11111111-1111-4111-8111-111111111111';
const JP = '22222222-2222-4222-8222-222222222222';
const TH = '33333333-3333-4333-8333-333333333333';
const VN = '44444444-4444-4444-8444-444444444444';
const AG_MY = 'aaaaaaaa-0000-4000-8000-00000000000a';
const AG_JP = 'aaaaaaaa-0000-4000-8000-00000000000b';
const AG_TH = 'aaaaaaaa-0000-4000-8000-00000000000c';
const AG_VN = 'aaaaaaaa-0000-4000-8000-00000000000d';

interface Member extends BudgetPartner {
  lines: Omit<BudgetLine, 'partnerId'>[];
}

const members: Record<string, Member> = {
  MY: {
    id: MY,
    currency: 'MYR',
    agencyId: AG_MY,
    countryCode: 'MY',
    lines: [
      { year: 1, category: 'PERSONNEL', amount: '120000.00' },
      { year: 2, category: 'TRAVEL', amount: '8000.25' },
    ],
  },
  JP: {
    id: JP,
    currency: 'JPY',
    agencyId: AG_JP,
    countryCode: 'JP',
    lines: [{ year: 1, category: 'PERSONNEL', amount: '9000000' }],
  },
  TH: {
    id: TH,
    currency: 'THB',
    agencyId: AG_TH,
    countryCode: 'TH',
    lines: [{ year: 1, category: 'CONSUMABLES', amount: '450000.00' }],
  },
  VN: {
    id: VN,
    currency: 'VND',
    agencyId: AG_VN,
    countryCode: 'VN',
    lines: [{ year: 1, category: 'TRAVEL', amount: '250000000' }],
  },
};

const SECTIONS = {
  summary:
    'We study flood early warning for river basins in Malaysia, Japan and Thailand, combining satellite data with community reporting.',
  summary_ja: '本研究はマレーシア、日本、タイの河川流域における洪水早期警報を研究する。',
  summary_th: 'โครงการนี้ศึกษาการเตือนภัยน้ำท่วมล่วงหน้าในลุ่มน้ำ',
};

/** A Malaysian lead with partners in the given countries, on a call funded by MY, JP, TH and VN agencies. */
function consortium(countries: readonly (keyof typeof members)[], overrides: Partial<EligibilityFacts> = {}) {
  const chosen = countries.map((c) => members[c] as Member);
  const budget = computeBudget({
    partners: chosen,
    lines: chosen.flatMap((m) => m.lines.map((l) => ({ ...l, partnerId: m.id }))),
    callCurrency: 'USD',
    rates: { MYR: '0.2125', JPY: '0.0066', THB: '0.0285', VND: '0.0000394' },
    indirectRate: '0.25',
  });
  const facts: EligibilityFacts = {
    lead: { countryCode: 'MY' },
    partners: chosen.map(({ id, countryCode, agencyId }) => ({ id, countryCode, agencyId })),
    call: {
      agencies: [
        { id: AG_MY, countryCode: 'MY' },
        { id: AG_JP, countryCode: 'JP' },
        { id: AG_TH, countryCode: 'TH' },
        { id: AG_VN, countryCode: 'VN' },
      ],
      capPerProposal: '300000.00',
      capPerPartner: '150000.00',
      maxDurationMonths: 36,
      requiredSections: [
        { key: 'summary', maxWords: 50 },
        { key: 'summary_ja', maxWords: 30 },
        { key: 'summary_th', maxWords: null },
      ],
      requiredAttachments: [{ key: 'cv' }, { key: 'data_management_plan' }],
    },
    budget,
    durationMonths: 36,
    sections: SECTIONS,
    attachments: ['cv', 'data_management_plan', 'letter_of_support'],
    ...overrides,
  };
  return facts;
}

const MY_JP_TH = consortium(['MY', 'JP', 'TH']);

function one(rule: EligibilityRule, facts: EligibilityFacts = MY_JP_TH) {
  const report = evaluateEligibility([rule], facts);
  expect(report.results).toHaveLength(1);
  const result = report.results[0]!;
  expect(result.rule).toBe(rule);
  expect(report.eligible).toBe(result.passed);
  return { passed: result.passed, code: result.code, params: result.params };
}

describe('the default rules on a realistic consortium', () => {
  it('makes a Malaysian lead with partners in Japan and Thailand eligible', () => {
    expect(MY_JP_TH.budget.errors).toEqual([]);
    const report = evaluateEligibility(DEFAULT_ELIGIBILITY_RULES, MY_JP_TH);
    expect(report.results.filter((r) => !r.passed)).toEqual([]);
    expect(report.eligible).toBe(true);
    expect(report.results.map((r) => r.code)).toEqual([
      'eligibility.min_partners_in_countries',
      'eligibility.min_distinct_countries',
      'eligibility.min_agency_countries',
      'eligibility.lead_country_in',
      'eligibility.partners_agency_participates',
      'eligibility.budget_total_max',
      'eligibility.budget_partner_max',
      'eligibility.duration_max',
      'eligibility.sections_complete',
      'eligibility.attachments_present',
    ]);
  });

  it('without Japan fails the Japan rule — and, with only two countries left, the three-agency-countries rule', () => {
    const report = evaluateEligibility(DEFAULT_ELIGIBILITY_RULES, consortium(['MY', 'TH']));
    expect(report.eligible).toBe(false);
    expect(report.results.filter((r) => !r.passed).map((r) => [r.code, r.params])).toEqual([
      ['eligibility.min_partners_in_countries', { countries: ['JP'], min: 1, actual: 0 }],
      [
        'eligibility.min_agency_countries',
        { min: 3, actual: 2, found: ['MY', 'TH'], agencyCountries: ['JP', 'MY', 'TH', 'VN'] },
      ],
    ]);
  });

  it('with a Vietnamese partner too, dropping Japan fails the Japan rule only', () => {
    expect(evaluateEligibility(DEFAULT_ELIGIBILITY_RULES, consortium(['MY', 'JP', 'TH', 'VN'])).eligible).toBe(true);
    const report = evaluateEligibility(DEFAULT_ELIGIBILITY_RULES, consortium(['MY', 'TH', 'VN']));
    expect(report.eligible).toBe(false);
    expect(report.results.filter((r) => !r.passed).map((r) => [r.code, r.params])).toEqual([
      ['eligibility.min_partners_in_countries', { countries: ['JP'], min: 1, actual: 0 }],
    ]);
  });

  it('are valid rules', () => {
    expect(EligibilityRulesSchema.parse(DEFAULT_ELIGIBILITY_RULES)).toEqual(DEFAULT_ELIGIBILITY_RULES);
    expect(ASEAN_COUNTRIES).toHaveLength(11);
    expect(ASEAN_COUNTRIES).toContain('TL');
  });
});

describe('each rule', () => {
  it('min_partners_in_countries', () => {
    const rule: EligibilityRule = { kind: 'min_partners_in_countries', countries: ['JP'], min: 1 };
    expect(one(rule)).toEqual({
      passed: true,
      code: 'eligibility.min_partners_in_countries',
      params: { countries: ['JP'], min: 1, actual: 1 },
    });
    expect(one({ ...rule, min: 2 })).toMatchObject({ passed: false, params: { countries: ['JP'], min: 2, actual: 1 } });
    expect(one({ ...rule, countries: ['JP', 'TH'], min: 2 })).toMatchObject({ passed: true, params: { actual: 2 } });
  });

  it('min_distinct_countries', () => {
    const rule: EligibilityRule = { kind: 'min_distinct_countries', countries: 'ASEAN', min: 2 };
    expect(one(rule)).toEqual({
      passed: true,
      code: 'eligibility.min_distinct_countries',
      params: { countries: 'ASEAN', min: 2, actual: 2, found: ['MY', 'TH'] },
    });
    expect(one(rule, consortium(['MY', 'JP']))).toMatchObject({
      passed: false,
      params: { countries: 'ASEAN', min: 2, actual: 1, found: ['MY'] },
    });
    // Two partners in one country count once.
    const twoMalaysians = consortium(['MY', 'JP'], {
      partners: [...MY_JP_TH.partners.slice(0, 2), { id: TH, countryCode: 'MY', agencyId: AG_MY }],
    });
    expect(one(rule, twoMalaysians)).toMatchObject({ passed: false, params: { actual: 1 } });
    expect(one({ kind: 'min_distinct_countries', countries: ['JP', 'TH', 'VN'], min: 3 })).toEqual({
      passed: false,
      code: 'eligibility.min_distinct_countries',
      params: { countries: ['JP', 'TH', 'VN'], min: 3, actual: 2, found: ['JP', 'TH'] },
    });
  });

  it('min_agency_countries', () => {
    const rule: EligibilityRule = { kind: 'min_agency_countries', min: 3 };
    expect(one(rule)).toEqual({
      passed: true,
      code: 'eligibility.min_agency_countries',
      params: { min: 3, actual: 3, found: ['JP', 'MY', 'TH'], agencyCountries: ['JP', 'MY', 'TH', 'VN'] },
    });
    // A partner in a country without an agency in the call does not count.
    const withSingapore = consortium(['MY', 'JP'], {
      partners: [...MY_JP_TH.partners.slice(0, 2), { id: TH, countryCode: 'SG', agencyId: null }],
    });
    expect(one(rule, withSingapore)).toMatchObject({ passed: false, params: { actual: 2, found: ['JP', 'MY'] } });
  });

  it('lead_country_in', () => {
    const rule: EligibilityRule = { kind: 'lead_country_in', countries: [...ASEAN_COUNTRIES] };
    expect(one(rule)).toMatchObject({ passed: true, code: 'eligibility.lead_country_in', params: { actual: 'MY' } });
    expect(one({ kind: 'lead_country_in', countries: ['JP'] })).toEqual({
      passed: false,
      code: 'eligibility.lead_country_in',
      params: { countries: ['JP'], actual: 'MY' },
    });
  });

  it('partners_agency_participates', () => {
    const rule: EligibilityRule = { kind: 'partners_agency_participates' };
    expect(one(rule)).toEqual({
      passed: true,
      code: 'eligibility.partners_agency_participates',
      params: { partnerIds: [], countries: [] },
    });
    const facts = consortium(['MY', 'JP', 'TH'], {
      partners: [
        ...MY_JP_TH.partners,
        // no agency chosen yet, but the call has a Vietnamese agency: covered
        { id: VN, countryCode: 'VN', agencyId: null },
        // Singapore has no agency in this call
        { id: '55555555-5555-4555-8555-555555555555', countryCode: 'SG', agencyId: null },
        // an agency that does not take part in the call
        {
          id: '66666666-6666-4666-8666-666666666666',
          countryCode: 'TH',
          agencyId: 'bbbbbbbb-0000-4000-8000-000000000000',
        },
      ],
    });
    expect(one(rule, facts)).toEqual({
      passed: false,
      code: 'eligibility.partners_agency_participates',
      params: {
        partnerIds: ['55555555-5555-4555-8555-555555555555', '66666666-6666-4666-8666-666666666666'],
        countries: ['SG', 'TH'],
      },
    });
  });

  it('max_partners', () => {
    expect(one({ kind: 'max_partners', max: 3 })).toEqual({
      passed: true,
      code: 'eligibility.max_partners',
      params: { max: 3, actual: 3 },
    });
    expect(one({ kind: 'max_partners', max: 2 })).toMatchObject({ passed: false, params: { max: 2, actual: 3 } });
  });

  it('budget_total_max', () => {
    const rule: EligibilityRule = { kind: 'budget_total_max' };
    // MY (120000 + 8000.25) × 1.25 × 0.2125 = 34000.06640625 → 34000.07; JP 11250000 × 0.0066 = 74250.00;
    // TH 562500 × 0.0285 = 16031.25 → total 124281.32
    expect(MY_JP_TH.budget.grandTotal).toBe('124281.32');
    expect(one(rule)).toEqual({
      passed: true,
      code: 'eligibility.budget_total_max',
      params: { currency: 'USD', actual: '124281.32', budgetErrors: 0, max: '300000.00' },
    });
    const tight = { ...MY_JP_TH, call: { ...MY_JP_TH.call, capPerProposal: '124281.31' } };
    expect(one(rule, tight)).toMatchObject({ passed: false, params: { actual: '124281.32', max: '124281.31' } });
    const exact = { ...MY_JP_TH, call: { ...MY_JP_TH.call, capPerProposal: '124281.32' } };
    expect(one(rule, exact).passed).toBe(true);
    const none = { ...MY_JP_TH, call: { ...MY_JP_TH.call, capPerProposal: null } };
    expect(one(rule, none)).toEqual({
      passed: true,
      code: 'eligibility.budget_total_max',
      params: { currency: 'USD', actual: '124281.32', budgetErrors: 0 },
    });
    // Lines that could not be counted make the check fail.
    const broken = {
      ...MY_JP_TH,
      budget: {
        ...MY_JP_TH.budget,
        errors: [{ code: 'budget.missing_rate' as const, lineIndex: 0, partnerId: VN, params: {} }],
      },
    };
    expect(one(rule, broken)).toMatchObject({ passed: false, params: { budgetErrors: 1 } });
  });

  it('budget_partner_max', () => {
    const rule: EligibilityRule = { kind: 'budget_partner_max' };
    expect(one(rule)).toEqual({
      passed: true,
      code: 'eligibility.budget_partner_max',
      params: { currency: 'USD', actual: '74250.00', partnerIds: [], budgetErrors: 0, max: '150000.00' },
    });
    const tight = { ...MY_JP_TH, call: { ...MY_JP_TH.call, capPerPartner: '30000.00' } };
    expect(one(rule, tight)).toEqual({
      passed: false,
      code: 'eligibility.budget_partner_max',
      params: { currency: 'USD', actual: '74250.00', partnerIds: [MY, JP], budgetErrors: 0, max: '30000.00' },
    });
    const none = { ...MY_JP_TH, call: { ...MY_JP_TH.call, capPerPartner: null } };
    expect(one(rule, none)).toMatchObject({ passed: true });
  });

  it('duration_max', () => {
    const rule: EligibilityRule = { kind: 'duration_max' };
    expect(one(rule)).toEqual({ passed: true, code: 'eligibility.duration_max', params: { max: 36, actual: 36 } });
    expect(one(rule, { ...MY_JP_TH, durationMonths: 37 })).toEqual({
      passed: false,
      code: 'eligibility.duration_max',
      params: { max: 36, actual: 37 },
    });
    expect(one(rule, { ...MY_JP_TH, durationMonths: null })).toEqual({
      passed: false,
      code: 'eligibility.duration_max',
      params: { max: 36 },
    });
    expect(one(rule, { ...MY_JP_TH, durationMonths: 0 }).passed).toBe(false);
  });

  it('sections_complete', () => {
    const rule: EligibilityRule = { kind: 'sections_complete' };
    expect(one(rule)).toEqual({
      passed: true,
      code: 'eligibility.sections_complete',
      params: { missing: [], tooLong: [] },
    });
    const facts = {
      ...MY_JP_TH,
      sections: { summary: `${SECTIONS.summary} ${'more words '.repeat(20)}`, summary_ja: ' \n\t 。', extra: 'x' },
    };
    const summaryWords = countWords(facts.sections.summary);
    expect(summaryWords).toBeGreaterThan(50);
    expect(one(rule, facts)).toEqual({
      passed: false,
      code: 'eligibility.sections_complete',
      params: {
        missing: ['summary_ja', 'summary_th'],
        tooLong: ['summary'],
        'words.summary': summaryWords,
        'maxWords.summary': 50,
      },
    });
  });

  it('attachments_present', () => {
    const rule: EligibilityRule = { kind: 'attachments_present' };
    expect(one(rule)).toEqual({ passed: true, code: 'eligibility.attachments_present', params: { missing: [] } });
    expect(one(rule, { ...MY_JP_TH, attachments: ['letter_of_support'] })).toEqual({
      passed: false,
      code: 'eligibility.attachments_present',
      params: { missing: ['cv', 'data_management_plan'] },
    });
  });

  it('an unknown kind fails instead of throwing', () => {
    const rule = { kind: 'moon_phase' } as unknown as EligibilityRule;
    expect(evaluateEligibility([rule], MY_JP_TH)).toEqual({
      eligible: false,
      results: [{ rule, passed: false, code: 'eligibility.unknown_rule', params: { kind: 'moon_phase' } }],
    });
  });

  it('no rules: eligible', () => {
    expect(evaluateEligibility([], MY_JP_TH)).toEqual({ eligible: true, results: [] });
  });
});

describe('EligibilityRuleSchema', () => {
  it('parses rules as data and refuses malformed ones', () => {
    expect(EligibilityRuleSchema.parse({ kind: 'min_distinct_countries', countries: 'ASEAN', min: 2 })).toEqual({
      kind: 'min_distinct_countries',
      countries: 'ASEAN',
      min: 2,
    });
    for (const bad of [
      { kind: 'min_partners_in_countries', countries: ['jp'], min: 1 },
      { kind: 'min_partners_in_countries', countries: [], min: 1 },
      { kind: 'min_distinct_countries', countries: 'EU', min: 2 },
      { kind: 'max_partners', max: 1.5 },
      { kind: 'min_agency_countries' },
      { kind: 'moon_phase' },
    ]) {
      expect(EligibilityRuleSchema.safeParse(bad).success).toBe(false);
    }
  });
});

describe('countWords', () => {
  it('counts English words, not punctuation', () => {
    expect(countWords('Flood early-warning, for 3 river basins!')).toBe(7);
    expect(countWords('')).toBe(0);
    expect(countWords('  \n\t— … 。')).toBe(0);
  });

  it('counts Japanese and Thai by dictionary words, not characters or spaces', () => {
    const ja = countWords('気候変動に関する共同研究を行う。');
    expect(ja).toBeGreaterThanOrEqual(5);
    expect(ja).toBeLessThan('気候変動に関する共同研究を行う'.length);
    const th = countWords('การวิจัยร่วมกันเรื่องการเปลี่ยนแปลงสภาพภูมิอากาศ');
    expect(th).toBeGreaterThanOrEqual(6);
    expect(th).toBeLessThan(20);
  });

  it('falls back to one word per CJK character and per run of letters', () => {
    expect(countWordsWithoutSegmenter('Flood early-warning, for 3 river basins!')).toBe(7);
    expect(countWordsWithoutSegmenter('気候変動 and 研究。')).toBe(7);
    expect(countWordsWithoutSegmenter("It's  fine")).toBe(2);
    expect(countWordsWithoutSegmenter(' 。 ')).toBe(0);
  });
});
