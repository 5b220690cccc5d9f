import { contract, type Grant, type GrantReport, type Portfolio } from '@kizuna/shared';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, expectProblem } from '../support/client.js';
import {
  download,
  EMPTY_OUTPUTS,
  getGrant,
  getReport,
  markFunded,
  monthStart,
  narrative,
  submittedProposals,
} from '../support/grants.js';
import { loggedIn } from '../support/proposals.js';

const g = contract.grants;
const DAY = 24 * 3600 * 1000;

/*
 * Two grants in two programmes. A (programme A) started 13 months ago, is active, has its first periodic report
 * submitted and accepted (spending of three partners, a joint Japan–Thailand publication), one released tranche and two
 * milestones past due. B (programme B) was awarded last month and has nothing else.
 */
async function setUp() {
  const spec = (acronym: string) => ({
    acronym,
    title: `Portfolio ${acronym}`,
    abstract: 'Rice and methane.',
    keywords: ['rice'],
    nth: { MY: 0, JP: 0, TH: 0 },
  });
  const [callA, callB] = [await submittedProposals([spec('PORT-A')]), await submittedProposals([spec('PORT-B')])];
  const a = callA.proposals[0]!;
  const b = callB.proposals[0]!;
  await markFunded(callA.callId, [a.proposalId], callA.managerId);
  await markFunded(callB.callId, [b.proposalId], callB.managerId);

  const award = async (manager: ApiClient, proposalId: string, startDate: string) => {
    const res = await manager.call(g.award, { params: { id: proposalId }, body: { startDate } });
    expect(res.status).toBe(201);
    return res.json as Grant;
  };
  const grantA = await award(callA.manager, a.proposalId, monthStart(13));
  const grantB = await award(callB.manager, b.proposalId, monthStart(1));

  const [jp, th] = [await loggedIn(a.jpUser), await loggedIn(a.thUser)];
  for (const client of [a.lead, jp, th]) {
    const res = await client.call(g.acknowledge, { params: { id: grantA.id }, body: { version: 1 } });
    expect(res.status).toBe(200);
  }

  const reportId = grantA.reports[0]!.id;
  const saved = await a.lead.call(g.saveReport, {
    params: { id: reportId },
    body: {
      version: (await getReport(a.lead, reportId)).version,
      narrative: narrative('First year.'),
      outputs: {
        ...EMPTY_OUTPUTS,
        publications: [
          { title: 'Joint paper', doi: '10.1234/port.1', venue: 'J. Env', year: 2027, countries: ['JP', 'TH', 'TH'] },
          { title: 'ASEAN paper', doi: null, venue: 'Bulletin', year: 2027, countries: ['MY', 'TH'] },
          { title: 'Local note', doi: null, venue: 'Bulletin', year: 2027, countries: ['MY'] },
        ],
        datasets: [{ title: 'Flux data', url: 'https://example.org/flux', doi: null }],
        prototypes: [{ title: 'Low-cost chamber', description: 'Printed.' }],
        trainedPeople: [
          { level: 'PHD', countryCode: 'TH', count: 2 },
          { level: 'MASTER', countryCode: 'MY', count: 1 },
        ],
      },
      spending: [
        { partnerId: a.partners.my, category: 'PERSONNEL', amount: '40000.00' },
        { partnerId: a.partners.jp, category: 'EQUIPMENT', amount: '1000000' },
        { partnerId: a.partners.th, category: 'CONSUMABLES', amount: '100000.15' },
      ],
    },
  });
  expect(saved.status).toBe(200);
  const submitted = await a.lead.call(g.submitReport, {
    params: { id: reportId },
    body: { version: (saved.json as GrantReport).version },
  });
  expect(submitted.status).toBe(200);
  expect(
    (await callA.manager.call(g.reviewReport, { params: { id: reportId }, body: { decision: 'ACCEPT' } })).status,
  ).toBe(200);

  const tranche = await callA.manager.call(g.createTranche, {
    params: { id: grantA.id },
    body: { partnerId: a.partners.my, amount: '50000.00', condition: 'AGREEMENT', plannedDate: monthStart(1) },
  });
  expect(tranche.status).toBe(201);
  const released = await callA.manager.call(g.releaseTranche, {
    params: { id: (tranche.json as { id: string }).id },
    body: { paidOn: monthStart(0), reference: 'PAY-0001' },
  });
  expect(released.status).toBe(200);

  return {
    callA,
    callB,
    a,
    grantA: await getGrant(callA.manager, grantA.id),
    grantB,
    managerA: callA.manager,
    managerB: callB.manager,
  };
}

async function portfolio(client: ApiClient, query: Record<string, string> = {}) {
  const res = await client.call(g.portfolio, { query });
  expect(res.status).toBe(200);
  return res.json as Portfolio;
}

const month = (date: string) => date.slice(0, 7);

function daysSince(date: string) {
  const now = new Date();
  return Math.round((Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - Date.parse(date)) / DAY);
}

/** A CSV cell as tableFile writes it. */
const cell = (value: string | number) => {
  const v = String(value);
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
};

function csvLines(bytes: Buffer) {
  const text = bytes.toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  return text.slice(1).trimEnd().split('\r\n');
}

describe('grants portfolio: dashboard figures and exports', () => {
  let f: Awaited<ReturnType<typeof setUp>>;

  beforeAll(async () => {
    f = await setUp();
  }, 240_000);

  it('counts the grants of the caller’s programmes by status, country, theme and agency', async () => {
    const p = await portfolio(f.managerA);
    expect(p.programmes).toEqual([{ id: f.callA.programme.id, name: f.callA.programme.name }]);
    expect(p.calls.map((c) => [c.id, c.currency])).toEqual([[f.callA.callId, 'USD']]);
    expect(p.grants).toBe(1);
    expect(p.byStatus).toEqual([{ status: 'ACTIVE', count: 1 }]);
    expect(p.byCountry).toEqual([
      { countryCode: 'JP', count: 1 },
      { countryCode: 'MY', count: 1 },
      { countryCode: 'TH', count: 1 },
    ]);
    expect(p.byTheme).toEqual([{ theme: 'climate_change', count: 1 }]);
    expect(p.byAgency.map((a) => [a.acronym, a.countryCode, a.count])).toEqual([
      ['JST', 'JP', 1],
      ['MOHE', 'MY', 1],
      ['NRCT', 'TH', 1],
    ]);
  });

  it('adds committed, disbursed and reported money exactly, as cumulative monthly series in the call currency', async () => {
    const p = await portfolio(f.managerA);
    // Committed: the approved budget (the grant's own grand total). Disbursed: the released MYR 50,000.00 at 0.22.
    // Reported: MYR 40,000.00 × 0.22 + JPY 1,000,000 × 0.0067 + THB 100,000.15 × 0.028 (2,800.0042 → 2,800.00).
    expect(f.grantA.budget.grandTotal).toBe('77000.04');
    expect(p.money).toHaveLength(1);
    const [usd] = p.money;
    expect(usd).toMatchObject({
      currency: 'USD',
      grants: 1,
      committed: '77000.04',
      disbursed: '11000.00',
      reported: '18300.00',
      remaining: '66000.04',
    });
    // From the start month to this month; the report counts at the end of its period, the tranche when paid.
    expect(usd!.series.map((s) => s.month)).toEqual(Array.from({ length: 14 }, (_, i) => month(monthStart(13 - i))));
    const at = (m: string) => usd!.series.find((s) => s.month === m);
    expect(at(month(monthStart(13)))).toEqual({
      month: month(monthStart(13)),
      committed: '77000.04',
      disbursed: '0.00',
      reported: '0.00',
    });
    const periodEnd = f.grantA.reports[0]!.periodEnd;
    expect(at(month(periodEnd))).toMatchObject({ disbursed: '0.00', reported: '18300.00' });
    expect(usd!.series.at(-1)).toEqual({
      month: month(monthStart(0)),
      committed: '77000.04',
      disbursed: '11000.00',
      reported: '18300.00',
    });
  });

  it('lists overdue milestones and reports with how late they are, most late first', async () => {
    const p = await portfolio(f.managerA);
    const [m1, m2] = f.grantA.milestones;
    expect(p.overdueTotal).toBe(2);
    expect(p.overdue).toEqual([
      {
        grantId: f.grantA.id,
        grantNumber: f.grantA.number,
        acronym: 'PORT-A',
        what: 'MILESTONE',
        title: 'Sites equipped',
        reportKind: null,
        reportNumber: null,
        status: 'PENDING',
        dueDate: m1!.dueDate,
        daysLate: daysSince(m1!.dueDate),
      },
      expect.objectContaining({ what: 'MILESTONE', title: 'First season of data', dueDate: m2!.dueDate }),
    ]);
    // Grant B is not due anything yet.
    expect((await portfolio(f.managerB)).overdue).toEqual([]);
  });

  it('counts outputs of accepted reports, joint and ASEAN–Japan publications, and the collaboration network', async () => {
    const p = await portfolio(f.managerA);
    expect(p.outputs).toEqual({
      publications: 3,
      jointPublications: 2,
      aseanJapanPublications: 1,
      datasets: 1,
      patents: 0,
      prototypes: 1,
      trainedPeople: 3,
    });
    expect(p.network).toEqual({
      nodes: [
        { countryCode: 'JP', grants: 1 },
        { countryCode: 'MY', grants: 1 },
        { countryCode: 'TH', grants: 1 },
      ],
      edges: [
        { from: 'JP', to: 'MY', grants: 1, jointPublications: 0 },
        { from: 'JP', to: 'TH', grants: 1, jointPublications: 1 },
        { from: 'MY', to: 'TH', grants: 1, jointPublications: 1 },
      ],
    });
  });

  it('shows a manager of programme B nothing of programme A, even when asked for it', async () => {
    const b = await portfolio(f.managerB);
    expect(b.programmes.map((x) => x.id)).toEqual([f.callB.programme.id]);
    expect(b.grants).toBe(1);
    expect(b.byStatus).toEqual([{ status: 'AWARDED', count: 1 }]);
    expect(b.money).toMatchObject([{ currency: 'USD', committed: '77000.04', disbursed: '0.00', reported: '0.00' }]);
    expect(b.outputs.publications).toBe(0);
    const spying: Record<string, string>[] = [{ programmeId: f.callA.programme.id }, { callId: f.callA.callId }];
    for (const query of spying) {
      const spied = await portfolio(f.managerB, query);
      expect(spied).toMatchObject({ grants: 0, byStatus: [], byCountry: [], money: [], overdue: [], overdueTotal: 0 });
      expect(spied.network).toEqual({ nodes: [], edges: [] });
    }
    const csv = await download(f.managerB, `/grants/export?dataset=grants&programmeId=${f.callA.programme.id}`);
    expect(csvLines(csv.bytes)).toHaveLength(1);
    const mine = csvLines((await download(f.managerB, '/grants/export?dataset=disbursements')).bytes);
    expect(mine).toHaveLength(1);
    // Researchers of the grant are refused by role; bad filters get a problem naming the field.
    expectProblem(await f.a.lead.call(g.portfolio, {}), 403, 'forbidden');
    expectProblem(await f.a.lead.call(g.export, { query: { dataset: 'grants' } }), 403, 'forbidden');
    const bad = expectProblem(await f.managerA.raw('GET', '/grants/portfolio?callId=nope'), 400, 'validation_failed');
    expect(bad.errors?.[0]?.path).toBe('query.callId');
    const noDataset = expectProblem(await f.managerA.raw('GET', '/grants/export?format=csv'), 400, 'validation_failed');
    expect(noDataset.errors?.[0]?.path).toBe('query.dataset');
  });

  it('exports grants and disbursements as CSV with exact amounts', async () => {
    const grants = await download(f.managerA, '/grants/export?dataset=grants&format=csv');
    expect(grants.status).toBe(200);
    expect(grants.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(grants.headers.get('content-disposition')).toBe('attachment; filename="grants.csv"');
    const lead = f.grantA.partners[0]!;
    expect(csvLines(grants.bytes)).toEqual([
      'number,acronym,title,call,status,start_date,end_date,currency,approved_total,disbursed,remaining,lead_institution,lead_country',
      [
        f.grantA.number,
        'PORT-A',
        'Portfolio PORT-A',
        f.grantA.call.title,
        'ACTIVE',
        f.grantA.startDate,
        f.grantA.endDate,
        'USD',
        '77000.04',
        '11000.00',
        '66000.04',
        lead.institution.name,
        'MY',
      ]
        .map(cell)
        .join(','),
    ]);

    const tranches = await download(f.managerA, `/grants/export?dataset=disbursements&callId=${f.callA.callId}`);
    expect(tranches.status).toBe(200);
    expect(csvLines(tranches.bytes)).toEqual([
      'grant,tranche,partner_institution,country,agency,currency,amount,call_currency,call_currency_amount,condition,status,planned_date,paid_on,reference',
      [
        f.grantA.number,
        1,
        lead.institution.name,
        'MY',
        'MOHE',
        'MYR',
        '50000.00',
        'USD',
        '11000.00',
        'AGREEMENT',
        'RELEASED',
        monthStart(1),
        monthStart(0),
        'PAY-0001',
      ]
        .map(cell)
        .join(','),
    ]);
  });

  it("exports amounts to XLSX as numbers in the currency's format, so they sum", async () => {
    const grants = await download(f.managerA, '/grants/export?dataset=grants&format=xlsx');
    expect(grants.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(grants.bytes as unknown as ArrayBuffer);
    const row = workbook.getWorksheet('grants')!.getRow(2);
    // approved_total, disbursed, remaining (columns 9–11), in USD.
    expect([9, 10, 11].map((c) => [row.getCell(c).value, row.getCell(c).numFmt])).toEqual([
      [77000.04, '#,##0.00'],
      [11000, '#,##0.00'],
      [66000.04, '#,##0.00'],
    ]);

    const tranches = await download(f.managerA, '/grants/export?dataset=disbursements&format=xlsx');
    const sheet = new ExcelJS.Workbook();
    await sheet.xlsx.load(tranches.bytes as unknown as ArrayBuffer);
    const tranche = sheet.getWorksheet('disbursements')!.getRow(2);
    // amount in MYR, call_currency_amount in USD (columns 7 and 9).
    expect([7, 9].map((c) => [tranche.getCell(c).value, tranche.getCell(c).numFmt])).toEqual([
      [50000, '#,##0.00'],
      [11000, '#,##0.00'],
    ]);
  });

  it('exports outputs as XLSX, one row per output, with the joint flags', async () => {
    const file = await download(f.managerA, '/grants/export?dataset=outputs&format=xlsx');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="outputs.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('outputs')!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const n = f.grantA.number;
    expect(rows).toEqual([
      [
        'grant',
        'report_kind',
        'report_number',
        'type',
        'title',
        'doi_url_or_number',
        'year',
        'countries',
        'count',
        'joint',
        'asean_japan',
      ],
      [n, 'PERIODIC', 1, 'publication', 'Joint paper', '10.1234/port.1', 2027, 'JP TH', 1, 'yes', 'yes'],
      [n, 'PERIODIC', 1, 'publication', 'ASEAN paper', '', 2027, 'MY TH', 1, 'yes', 'no'],
      [n, 'PERIODIC', 1, 'publication', 'Local note', '', 2027, 'MY', 1, 'no', 'no'],
      [n, 'PERIODIC', 1, 'dataset', 'Flux data', 'https://example.org/flux', undefined, '', 1, '', ''],
      [n, 'PERIODIC', 1, 'prototype', 'Low-cost chamber', '', undefined, '', 1, '', ''],
      [n, 'PERIODIC', 1, 'trained_people', 'PHD', '', undefined, 'TH', 2, '', ''],
      [n, 'PERIODIC', 1, 'trained_people', 'MASTER', '', undefined, 'MY', 1, '', ''],
    ]);
  });
});
