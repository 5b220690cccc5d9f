import { contract, type Grant, type GrantReport } from '@kizuna/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { programmeWithManager } from '../support/calls.js';
import { type ApiClient, expectProblem } from '../support/client.js';
import { db } from '../support/factory.js';
import { PDF, PNG } from '../support/files.js';
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
import { waitForMail } from '../support/mail.js';
import { loggedIn } from '../support/proposals.js';
import { until } from '../support/wait.js';

const g = contract.grants;

type Fixture = Awaited<ReturnType<typeof setUp>>;

async function setUp() {
  const call = await submittedProposals([
    {
      acronym: 'PADDY-GHG',
      title: 'Greenhouse gases from rice paddies',
      abstract: 'Methane from flooded rice.',
      keywords: ['rice', 'methane'],
      nth: { MY: 0, JP: 0, TH: 0 },
    },
    {
      acronym: 'REEF-WATCH',
      title: 'Coral reef monitoring',
      abstract: 'Reefs under heat stress.',
      keywords: ['coral', 'reef'],
      nth: { MY: 1, JP: 1, TH: 1 },
    },
  ]);
  const [a, b] = call.proposals as [(typeof call.proposals)[0], (typeof call.proposals)[0]];
  // The Thai partner PI reads Kizuna in Japanese.
  await db().user.update({ where: { id: a.thUser.id }, data: { locale: 'ja' } });
  return {
    ...call,
    a: { ...a, jp: await loggedIn(a.jpUser), th: await loggedIn(a.thUser) },
    b: { ...b, jp: await loggedIn(b.jpUser) },
    otherManager: (await programmeWithManager()).client,
    grantId: '',
    grantB: '',
  };
}

async function audit(entityId: string) {
  return (await db().auditEvent.findMany({ where: { entityId }, orderBy: { id: 'asc' } })).map((e) => ({
    action: e.action,
    data: e.data as Record<string, unknown>,
  }));
}

async function notificationsOf(userId: string, type: string) {
  return db().notification.findMany({ where: { userId, type }, orderBy: { createdAt: 'asc' } });
}

describe('grants: award, agreement, states, milestones, reports, tranches, amendments', () => {
  let f: Fixture;
  let grant: Grant;
  const start = monthStart(13);

  beforeAll(async () => {
    f = await setUp();
  }, 180_000);

  it('awards only a funded proposal with a released decision, once, validating the input', async () => {
    const award = (client: ApiClient, id: string, body: Record<string, unknown>) =>
      client.call(g.award, { params: { id }, body });
    // Not funded yet.
    expectProblem(await award(f.manager, f.a.proposalId, { startDate: start }), 409, 'conflict');
    await markFunded(f.callId, [f.a.proposalId, f.b.proposalId], f.managerId);
    // Researchers are refused by role; a manager of another programme does not see the proposal.
    expectProblem(await award(f.a.lead, f.a.proposalId, { startDate: start }), 403, 'forbidden');
    expectProblem(await award(f.otherManager, f.a.proposalId, { startDate: start }), 404, 'not_found');
    // Bad input names the field.
    let problem = expectProblem(
      await award(f.manager, f.a.proposalId, { startDate: '2027-02-30' }),
      400,
      'validation_failed',
    );
    expect(problem.errors?.[0]?.path).toBe('body.startDate');
    problem = expectProblem(
      await award(f.manager, f.a.proposalId, {
        startDate: start,
        budgetChanges: [{ partnerId: f.a.partners.jp, year: 1, category: 'EQUIPMENT', amount: '4500000' }],
      }),
      400,
      'validation_failed',
    );
    expect(problem.errors?.map((e) => e.path)).toEqual(['body.adjustmentReason']);
    problem = expectProblem(
      await award(f.manager, f.a.proposalId, {
        startDate: start,
        budgetChanges: [{ partnerId: f.a.partners.jp, year: 1, category: 'EQUIPMENT', amount: '4500000.50' }],
        adjustmentReason: 'Equipment quote came in lower',
      }),
      400,
      'validation_failed',
    );
    expect(problem.errors?.map((e) => e.path)).toEqual(['body.budgetChanges.0.amount']);
    expect(await db().grant.count({ where: { proposalId: f.a.proposalId } })).toBe(0);

    const res = await award(f.manager, f.a.proposalId, {
      startDate: start,
      budgetChanges: [{ partnerId: f.a.partners.jp, year: 1, category: 'EQUIPMENT', amount: '4500000' }],
      adjustmentReason: 'Equipment quote came in lower',
    });
    expect(res.status).toBe(201);
    grant = res.json as Grant;
    f.grantId = grant.id;
    expect(grant.number).toMatch(new RegExp(`^KZ-${new Date().getUTCFullYear()}-\\d{4}$`));
    expect(grant).toMatchObject({ status: 'AWARDED', myRole: 'MANAGER', startDate: start, currency: 'USD' });
    // End date: 36 months from the start, minus a day.
    const end = new Date(`${start}T00:00:00Z`);
    end.setUTCMonth(end.getUTCMonth() + 36);
    end.setUTCDate(end.getUTCDate() - 1);
    expect(grant.endDate).toBe(end.toISOString().slice(0, 10));

    expectProblem(await award(f.manager, f.a.proposalId, { startDate: start }), 409, 'conflict');
  });

  it('copies the budget exactly, converts at the call rates, records what the award changed, names the agencies', async () => {
    const { budget, partners } = grant;
    // Proposal: MYR 120,000.10 + 25 % indirect, JPY 5,000,000 equipment (no indirect), THB 300,000.30 + 25 %.
    expect(budget.originalGrandTotal).toBe('77000.04');
    const byPartner = Object.fromEntries(budget.partners.map((p) => [p.partnerId, p]));
    expect(byPartner[f.a.partners.my]).toMatchObject({
      currency: 'MYR',
      partnerCurrency: { direct: '120000.10', indirect: '30000.02', total: '150000.12' },
      callCurrency: { total: '33000.03' },
    });
    expect(byPartner[f.a.partners.jp]).toMatchObject({
      currency: 'JPY',
      partnerCurrency: { total: '4500000' },
      callCurrency: { total: '30150.00' },
    });
    expect(byPartner[f.a.partners.th]).toMatchObject({
      partnerCurrency: { total: '375000.38' },
      callCurrency: { total: '10500.01' },
    });
    expect(budget.grandTotal).toBe('73650.04');
    expect(budget.adjustments).toEqual([
      { partnerId: f.a.partners.jp, year: 1, category: 'EQUIPMENT', original: '5000000.00', approved: '4500000.00' },
    ]);
    expect(budget.adjustmentReason).toBe('Equipment quote came in lower');
    expect(partners.map((p) => [p.institution.countryCode, p.agency.acronym, p.rate])).toEqual([
      ['MY', 'MOHE', '0.22'],
      ['JP', 'JST', '0.0067'],
      ['TH', 'NRCT', '0.028'],
    ]);
    expect(grant.balances.agencies.map((a) => [a.acronym, a.callCurrency.approved])).toEqual([
      ['MOHE', '33000.03'],
      ['JST', '30150.00'],
      ['NRCT', '10500.01'],
    ]);
    expect(grant.balances.total).toEqual({
      approved: '73650.04',
      released: '0.00',
      planned: '0.00',
      remaining: '73650.04',
    });
    // Milestones from the work plan, due at the end of their month; reports every 12 months and the final one.
    expect(grant.milestones.map((m) => [m.title, m.dueMonth, m.status])).toEqual([
      ['Sites equipped', 6, 'PENDING'],
      ['First season of data', 12, 'PENDING'],
      ['Calibrated model', 30, 'PENDING'],
    ]);
    const s = new Date(`${start}T00:00:00Z`);
    const monthEnd = (n: number) =>
      new Date(Date.UTC(s.getUTCFullYear(), s.getUTCMonth() + n, s.getUTCDate() - 1)).toISOString().slice(0, 10);
    expect(grant.milestones[0]?.dueDate).toBe(monthEnd(6));
    expect(grant.milestones[0]?.overdue).toBe(true);
    expect(grant.reports.map((r) => [r.kind, r.number, r.periodEnd, r.overdue])).toEqual([
      ['PERIODIC', 1, monthEnd(12), true],
      ['PERIODIC', 2, monthEnd(24), false],
      ['FINAL', 1, grant.endDate, false],
    ]);
    // Audited with the changes, and the consortium notified.
    const events = await audit(grant.id);
    expect(events[0]).toMatchObject({
      action: 'grant.awarded',
      data: {
        number: grant.number,
        adjustments: [{ partnerId: f.a.partners.jp, original: '5000000.00', approved: '4500000' }],
      },
    });
    for (const user of [f.a.leadUser, f.a.jpUser, f.a.thUser]) {
      expect(await notificationsOf(user.id, 'grant.awarded')).toHaveLength(1);
    }
  });

  it('emails the award and reminds the consortium of an overdue report, each in their language', async () => {
    const [awarded] = await waitForMail(f.a.leadUser.email, (m) => m.subject.startsWith('Grant awarded'));
    expect(awarded?.text).toContain(grant.number);
    await waitForMail(f.a.thUser.email, (m) => m.subject.includes('助成決定'));
    // Periodic report 1 was due a month ago: its first overdue reminder goes out at once (a delayed outbox row).
    const reminders = await until(
      () => notificationsOf(f.a.leadUser.id, 'grant.report_reminder'),
      (rows) => rows.length > 0,
    );
    expect(reminders[0]?.data).toMatchObject({
      grantId: grant.id,
      kind: 'PERIODIC',
      reportNumber: 1,
      dueDate: grant.reports[0]?.dueDate,
    });
    expect((reminders[0]!.data as { daysLate: number }).daysLate).toBeGreaterThan(0);
    await waitForMail(f.a.leadUser.email, (m) => m.subject === `${grant.number}: Periodic report 1 is overdue`);
    await waitForMail(f.a.thUser.email, (m) => m.subject.includes('第1回定期報告書の提出期限を過ぎています'));
    // One reminder now, not a backlog of the weeks since the due date; the next one is a week ahead. The reports not
    // due yet have theirs scheduled: two weeks before and the day after their due date.
    const pending = (
      await db().outboxMessage.findMany({ where: { jobName: 'grant.reportReminder', status: 'PENDING' } })
    )
      .map((r) => ({ ...(r.payload as { reportId: string; round: number }), at: r.availableAt }))
      .filter((r) => grant.reports.some((x) => x.id === r.reportId));
    const [first, second, final] = grant.reports.map((x) => pending.filter((r) => r.reportId === x.id));
    expect(first).toHaveLength(1);
    expect(first?.[0]?.at.getTime()).toBeGreaterThan(Date.now() + 5 * 24 * 3600_000);
    expect(second?.map((r) => r.round)).toEqual([0, 1]);
    expect(final?.map((r) => r.round)).toEqual([0, 1]);
    expect(await notificationsOf(f.a.leadUser.id, 'grant.report_reminder')).toHaveLength(1);
  });

  it('serves the agreement as a PDF; each PI acknowledges the current version once; the last one activates the grant', async () => {
    const pdf = await download(f.a.jp, `/grants/${f.grantId}/agreement`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain(`${grant.number}-agreement-v1.pdf`);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.bytes.length).toBeGreaterThan(1500);

    const ack = (client: ApiClient, version = 1) =>
      client.call(g.acknowledge, { params: { id: f.grantId }, body: { version } });
    expectProblem(await ack(f.manager), 403, 'forbidden');
    expectProblem(await ack(f.a.lead, 2), 409, 'conflict');
    expect((await ack(f.a.lead)).status).toBe(200);
    expectProblem(await ack(f.a.lead), 409, 'conflict');
    expect(((await ack(f.a.jp)).json as Grant).status).toBe('AWARDED');
    // Nothing happens on an awarded grant before it is active.
    const milestone = grant.milestones[0]!;
    expectProblem(
      await f.a.lead.call(g.submitMilestone, { params: { id: milestone.id }, body: { evidence: 'Done early' } }),
      409,
      'conflict',
    );
    const active = (await ack(f.a.th)).json as Grant;
    expect(active.status).toBe('ACTIVE');
    expect(active.activatedAt).not.toBeNull();
    expect(active.agreement.complete).toBe(true);
    expect(active.agreement.acknowledgements.map((a) => a.role)).toEqual(['LEAD_PI', 'PARTNER_PI', 'PARTNER_PI']);
    const events = await audit(f.grantId);
    expect(events.filter((e) => e.action === 'grant.agreement_acknowledged')).toHaveLength(3);
    expect(events.at(-1)).toMatchObject({ action: 'grant.status_changed', data: { from: 'AWARDED', to: 'ACTIVE' } });
    expect(await notificationsOf(f.a.thUser.id, 'grant.status_changed')).toHaveLength(1);
  });

  it('suspends with a reason and resumes to the state it came from; guards who and from where', async () => {
    expectProblem(
      await f.manager.call(g.resume, { params: { id: f.grantId }, body: { reason: 'Nothing to resume' } }),
      409,
      'conflict',
    );
    expectProblem(await f.manager.call(g.close, { params: { id: f.grantId } }), 409, 'conflict');
    expectProblem(
      await f.a.lead.call(g.suspend, { params: { id: f.grantId }, body: { reason: 'Self-suspension' } }),
      403,
      'forbidden',
    );
    const bad = expectProblem(
      await f.manager.call(g.suspend, { params: { id: f.grantId }, body: { reason: '' } }),
      400,
      'validation_failed',
    );
    expect(bad.errors?.[0]?.path).toBe('body.reason');
    const suspended = (
      await f.manager.call(g.suspend, {
        params: { id: f.grantId },
        body: { reason: 'Audit of the Thai partner accounts' },
      })
    ).json as Grant;
    expect(suspended).toMatchObject({
      status: 'SUSPENDED',
      suspendedFrom: 'ACTIVE',
      suspensionReason: 'Audit of the Thai partner accounts',
    });
    expectProblem(
      await f.a.jp.call(g.submitMilestone, { params: { id: grant.milestones[0]!.id }, body: { evidence: 'Sites up' } }),
      409,
      'conflict',
    );
    expectProblem(await f.manager.call(g.markFinalReportDue, { params: { id: f.grantId } }), 409, 'conflict');
    const notified = await notificationsOf(f.a.leadUser.id, 'grant.status_changed');
    expect(notified.at(-1)?.data).toMatchObject({ status: 'SUSPENDED', reason: 'Audit of the Thai partner accounts' });
    const resumed = (await f.manager.call(g.resume, { params: { id: f.grantId }, body: { reason: 'Audit cleared' } }))
      .json as Grant;
    expect(resumed).toMatchObject({ status: 'ACTIVE', suspendedFrom: null, suspensionReason: null });
    const transitions = (await audit(f.grantId)).filter((e) => e.action === 'grant.status_changed');
    expect(transitions.map((e) => `${e.data.from}->${e.data.to}`)).toEqual([
      'AWARDED->ACTIVE',
      'ACTIVE->SUSPENDED',
      'SUSPENDED->ACTIVE',
    ]);
  });

  it('milestones: the consortium submits evidence, a manager asks for changes with a comment or accepts; history kept', async () => {
    const id = grant.milestones[0]!.id;
    const bad = expectProblem(
      await f.a.jp.call(g.submitMilestone, {
        params: { id },
        body: { evidence: 'Sites equipped', links: ['ftp://x'] },
      }),
      400,
      'validation_failed',
    );
    expect(bad.errors?.[0]?.path).toBe('body.links.0');
    const submitted = await f.a.jp.call(g.submitMilestone, {
      params: { id },
      body: { evidence: 'All six sites equipped with flux chambers.', links: ['https://example.org/photos'] },
    });
    expect(submitted.json).toMatchObject({ status: 'SUBMITTED', links: ['https://example.org/photos'] });
    expectProblem(
      await f.a.th.call(g.submitMilestone, { params: { id }, body: { evidence: 'Again' } }),
      409,
      'conflict',
    );
    expectProblem(
      await f.manager.call(g.reviewMilestone, { params: { id }, body: { decision: 'REQUEST_CHANGES' } }),
      400,
      'validation_failed',
    );
    expectProblem(
      await f.a.lead.call(g.reviewMilestone, { params: { id }, body: { decision: 'ACCEPT' } }),
      403,
      'forbidden',
    );
    const changes = await f.manager.call(g.reviewMilestone, {
      params: { id },
      body: { decision: 'REQUEST_CHANGES', comment: 'Add the calibration logs' },
    });
    expect(changes.json).toMatchObject({ status: 'CHANGES_REQUESTED', reviewComment: 'Add the calibration logs' });
    const reviewed = await notificationsOf(f.a.thUser.id, 'grant.reviewed');
    expect(reviewed.at(-1)?.data).toMatchObject({ what: 'MILESTONE', accepted: false });
    await f.a.lead.call(g.submitMilestone, {
      params: { id },
      body: { evidence: 'Calibration logs attached.', links: ['https://example.org/logs'] },
    });
    const accepted = await f.manager.call(g.reviewMilestone, { params: { id }, body: { decision: 'ACCEPT' } });
    const m = accepted.json as Grant['milestones'][number];
    expect(m).toMatchObject({ status: 'ACCEPTED', overdue: false, evidence: 'Calibration logs attached.' });
    expect(m.history.map((h) => h.action)).toEqual([
      'milestone_submitted',
      'milestone_changes_requested',
      'milestone_submitted',
      'milestone_accepted',
    ]);
    expect(m.history[0]?.data).toMatchObject({ evidence: 'All six sites equipped with flux chambers.' });
    expect(m.history[1]).toMatchObject({ comment: 'Add the calibration logs', actor: { id: f.managerId } });
  });

  it('milestone evidence files: members add and remove files checked by content until the evidence is submitted; managers download them; outsiders get 404', async () => {
    const id = grant.milestones[1]!.id;
    const added = await f.a.jp.upload(
      g.uploadMilestoneFile,
      { id },
      PDF,
      'Rapport de terrain – 現地.pdf',
      'application/pdf',
    );
    expect(added.status).toBe(201);
    const file = added.json as Grant['milestones'][number]['files'][number];
    expect(file).toMatchObject({
      fileName: 'Rapport de terrain – 現地.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
      uploadedBy: { id: f.a.jpUser.id },
    });
    const photo = (await f.a.th.upload(g.uploadMilestoneFile, { id }, PNG, 'site.png', 'image/png')).json as {
      id: string;
    };
    // The content decides, not the name or the header; an empty body says so.
    const text = Buffer.from('just text');
    expectProblem(
      await f.a.jp.upload(g.uploadMilestoneFile, { id }, text, 'fake.pdf', 'application/pdf'),
      415,
      'unsupported_media_type',
    );
    expectProblem(
      await f.a.jp.upload(g.uploadMilestoneFile, { id }, Buffer.alloc(0), 'empty.pdf', 'application/pdf'),
      400,
      'validation_failed',
    );
    // Outsiders see nothing: another grant's partner PI, a manager of another programme.
    const fileParams = { id, fileId: file.id };
    expectProblem(
      await f.b.jp.upload(g.uploadMilestoneFile, { id }, PDF, 'x.pdf', 'application/pdf'),
      404,
      'not_found',
    );
    expectProblem(await f.b.jp.call(g.downloadMilestoneFile, { params: fileParams }), 404, 'not_found');
    expectProblem(await f.b.jp.call(g.deleteMilestoneFile, { params: fileParams }), 404, 'not_found');
    expectProblem(await f.otherManager.call(g.downloadMilestoneFile, { params: fileParams }), 404, 'not_found');
    // A manager reads it back byte for byte; managers do not add evidence.
    const got = await download(f.manager, `/grant-milestones/${id}/files/${file.id}`);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(PDF)).toBe(true);
    expect(got.headers.get('content-disposition')).toContain(encodeURIComponent('現地'));
    expectProblem(
      await f.manager.upload(g.uploadMilestoneFile, { id }, PDF, 'x.pdf', 'application/pdf'),
      403,
      'forbidden',
    );
    // Removed by a member while the evidence is open; the grant shows the rest, with who uploaded them.
    expect((await f.a.th.call(g.deleteMilestoneFile, { params: { id, fileId: photo.id } })).status).toBe(204);
    const before = (await getGrant(f.a.lead, f.grantId)).milestones[1]!;
    expect(before.files.map((x) => [x.fileName, x.uploadedBy?.id])).toEqual([
      ['Rapport de terrain – 現地.pdf', f.a.jpUser.id],
    ]);
    // Once submitted, the evidence is frozen: no file added or removed until changes are asked for.
    expect(
      (
        await f.a.jp.call(g.submitMilestone, {
          params: { id },
          body: { evidence: 'First season data, see the report.' },
        })
      ).status,
    ).toBe(200);
    expectProblem(await f.a.jp.call(g.deleteMilestoneFile, { params: fileParams }), 409, 'conflict');
    expectProblem(await f.a.jp.upload(g.uploadMilestoneFile, { id }, PNG, 'late.png', 'image/png'), 409, 'conflict');
    const history = (await getGrant(f.manager, f.grantId)).milestones[1]!.history.map((h) => h.action);
    expect(history).toEqual([
      'milestone_file_added',
      'milestone_file_added',
      'milestone_file_removed',
      'milestone_submitted',
    ]);
  });

  it('reports: the lead PI writes and submits; a manager returns and accepts; an overdue report holds every tranche', async () => {
    const reportId = grant.reports[0]!.id;
    // A tranche on the agreement is held while periodic report 1 is overdue.
    const tranche = await f.manager.call(g.createTranche, {
      params: { id: f.grantId },
      body: { partnerId: f.a.partners.my, amount: '50000.00', condition: 'AGREEMENT', plannedDate: monthStart(0) },
    });
    expect(tranche.status).toBe(201);
    expect(tranche.json).toMatchObject({
      amount: '50000.00',
      callAmount: '11000.00',
      currency: 'MYR',
      status: 'PLANNED',
    });
    const trancheId = (tranche.json as { id: string }).id;
    const release = () =>
      f.manager.call(g.releaseTranche, { params: { id: trancheId }, body: { paidOn: monthStart(0) } });
    const held = expectProblem(await release(), 409, 'conflict');
    expect(held.detail).toMatch(/Periodic report 1, due \d{4}-\d\d-\d\d, is overdue/);

    const report = await getReport(f.a.lead, reportId);
    expect(report).toMatchObject({ status: 'DUE', overdue: true, version: 1 });
    const body = {
      version: 1,
      narrative: narrative('First year: sites equipped, first season measured.'),
      outputs: {
        ...EMPTY_OUTPUTS,
        publications: [
          { title: 'Methane fluxes', doi: '10.1234/ghg.2027.1', venue: 'J. Env', year: 2027, countries: ['MY', 'JP'] },
          { title: 'Local note', doi: null, venue: 'Bulletin', year: 2027, countries: ['TH'] },
        ],
        trainedPeople: [{ level: 'PHD', countryCode: 'TH', count: 2 }],
      },
      spending: [
        { partnerId: f.a.partners.my, category: 'PERSONNEL', amount: '40000.00' },
        { partnerId: f.a.partners.jp, category: 'EQUIPMENT', amount: '4500000' },
        { partnerId: f.a.partners.th, category: 'CONSUMABLES', amount: '100000.15' },
      ],
    };
    const save = (client: ApiClient, b: Record<string, unknown>) =>
      client.call(g.saveReport, { params: { id: reportId }, body: b });
    expectProblem(await save(f.a.jp, body), 403, 'forbidden');
    let problem = expectProblem(
      await save(f.a.lead, {
        ...body,
        spending: [{ partnerId: f.a.partners.jp, category: 'EQUIPMENT', amount: '1.5' }],
      }),
      400,
      'validation_failed',
    );
    expect(problem.errors?.[0]?.path).toBe('body.spending.0.amount');
    problem = expectProblem(
      await save(f.a.lead, {
        ...body,
        outputs: { ...body.outputs, publications: [{ ...body.outputs.publications[0], doi: 'doi:nope' }] },
      }),
      400,
      'validation_failed',
    );
    expect(problem.errors?.[0]?.path).toBe('body.outputs.publications.0.doi');
    const saved = (await save(f.a.lead, body)).json as GrantReport;
    expect(saved.version).toBe(2);
    expect(saved.jointPublications).toBe(1);
    expectProblem(await save(f.a.lead, body), 409, 'conflict');

    // The statement against the approved budget, in both currencies.
    const row = (partnerId: string) => saved.statement.rows.find((r) => r.partnerId === partnerId)!;
    expect(row(f.a.partners.my)).toMatchObject({
      category: 'PERSONNEL',
      approved: { partnerCurrency: '100000.00', callCurrency: '22000.00' },
      spentThisPeriod: { partnerCurrency: '40000.00', callCurrency: '8800.00' },
      remaining: { partnerCurrency: '60000.00', callCurrency: '13200.00' },
    });
    expect(row(f.a.partners.jp)).toMatchObject({
      approved: { partnerCurrency: '4500000', callCurrency: '30150.00' },
      remaining: { partnerCurrency: '0', callCurrency: '0.00' },
    });
    expect(row(f.a.partners.th)).toMatchObject({
      approved: { partnerCurrency: '300000.30', callCurrency: '8400.01' },
      spentThisPeriod: { partnerCurrency: '100000.15', callCurrency: '2800.00' },
      remaining: { partnerCurrency: '200000.15', callCurrency: '5600.01' },
    });
    expect(saved.statement.totals).toEqual({
      approved: '64950.03',
      spentThisPeriod: '41750.00',
      spentToDate: '41750.00',
    });

    const submit = (version: number) => f.a.lead.call(g.submitReport, { params: { id: reportId }, body: { version } });
    expectProblem(
      await f.a.lead.call(g.submitReport, { params: { id: grant.reports[2]!.id }, body: { version: 1 } }),
      409,
      'conflict',
    );
    expect(((await submit(2)).json as GrantReport).status).toBe('SUBMITTED');
    expect(await notificationsOf(f.managerId, 'grant.submitted')).not.toHaveLength(0);
    // Submitted but not accepted still holds the tranche.
    expect(expectProblem(await release(), 409, 'conflict').detail).toContain('not accepted');
    const returned = await f.manager.call(g.reviewReport, {
      params: { id: reportId },
      body: { decision: 'REQUEST_CHANGES', comment: 'Split personnel by person' },
    });
    expect(returned.json).toMatchObject({ status: 'RETURNED', reviewComment: 'Split personnel by person' });
    const again = (await save(f.a.lead, { ...body, version: 4 })).json as GrantReport;
    await submit(again.version);
    const accepted = await f.manager.call(g.reviewReport, { params: { id: reportId }, body: { decision: 'ACCEPT' } });
    expect(accepted.json).toMatchObject({ status: 'ACCEPTED', overdue: false });
    expect((await audit(reportId)).map((e) => e.action)).toEqual([
      'grant.report_submitted',
      'grant.report_returned',
      'grant.report_submitted',
      'grant.report_accepted',
    ]);

    const released = await release();
    expect(released.status).toBe(200);
    expect(released.json).toMatchObject({ status: 'RELEASED', paidOn: monthStart(0) });
    expectProblem(await release(), 409, 'conflict');
    const notified = await notificationsOf(f.a.jpUser.id, 'grant.tranche_released');
    expect(notified[0]?.data).toMatchObject({ amount: '50000.00', currency: 'MYR' });
  });

  it('tranches: tied to accepted conditions, never above the approved budget, exact in both currencies, balances per partner and agency', async () => {
    const create = (body: Record<string, unknown>) =>
      f.manager.call(g.createTranche, { params: { id: f.grantId }, body });
    // A milestone not accepted yet holds its tranche.
    const onMilestone = await create({
      partnerId: f.a.partners.jp,
      amount: '1000000',
      condition: 'MILESTONE',
      milestoneId: grant.milestones[1]!.id,
    });
    expect(onMilestone.json).toMatchObject({ callAmount: '6700.00', currency: 'JPY' });
    const held = expectProblem(
      await f.manager.call(g.releaseTranche, {
        params: { id: (onMilestone.json as { id: string }).id },
        body: { paidOn: monthStart(0) },
      }),
      409,
      'conflict',
    );
    expect(held.detail).toContain('First season of data');
    // JPY has no decimals; a condition must name its report.
    expect(
      expectProblem(
        await create({ partnerId: f.a.partners.jp, amount: '1000.5', condition: 'AGREEMENT' }),
        400,
        'validation_failed',
      ).errors?.[0]?.path,
    ).toBe('body.amount');
    expect(
      expectProblem(
        await create({ partnerId: f.a.partners.jp, amount: '1000', condition: 'REPORT' }),
        400,
        'validation_failed',
      ).errors?.[0]?.path,
    ).toBe('body.reportId');
    // Thai partner: 375,000.38 THB approved = 10,500.01 USD. Two tranches cover it exactly; the last one takes the rest
    // of the call-currency total, so the tranches add up in both currencies.
    const first = await create({ partnerId: f.a.partners.th, amount: '0.18', condition: 'AGREEMENT' });
    expect(first.json).toMatchObject({ amount: '0.18', callAmount: '0.01' });
    const rest = await create({
      partnerId: f.a.partners.th,
      amount: '375000.20',
      condition: 'REPORT',
      reportId: grant.reports[0]!.id,
    });
    expect(rest.json).toMatchObject({ amount: '375000.20', callAmount: '10500.00' });
    const over = expectProblem(
      await create({ partnerId: f.a.partners.th, amount: '0.01', condition: 'AGREEMENT' }),
      409,
      'conflict',
    );
    expect(over.detail).toContain('0.00 THB');
    for (const t of [first, rest]) {
      const res = await f.manager.call(g.releaseTranche, {
        params: { id: (t.json as { id: string }).id },
        body: { paidOn: monthStart(0), reference: 'NRCT-2027-001' },
      });
      expect(res.status).toBe(200);
    }
    // A planned tranche can be removed; a released one cannot.
    const removable = (await create({ partnerId: f.a.partners.my, amount: '100.00', condition: 'AGREEMENT' })).json as {
      id: string;
    };
    expect((await f.manager.call(g.cancelTranche, { params: { id: removable.id } })).status).toBe(204);
    expectProblem(
      await f.manager.call(g.cancelTranche, { params: { id: (first.json as { id: string }).id } }),
      409,
      'conflict',
    );

    const now = await getGrant(f.a.lead, f.grantId);
    const balance = (id: string) => now.balances.partners.find((p) => p.partnerId === id)!;
    expect(balance(f.a.partners.th)).toMatchObject({
      partnerCurrency: { approved: '375000.38', released: '375000.38', remaining: '0.00' },
      callCurrency: { approved: '10500.01', released: '10500.01', remaining: '0.00' },
    });
    expect(balance(f.a.partners.my)).toMatchObject({
      partnerCurrency: { approved: '150000.12', released: '50000.00', remaining: '100000.12' },
      callCurrency: { approved: '33000.03', released: '11000.00', remaining: '22000.03' },
    });
    expect(balance(f.a.partners.jp)).toMatchObject({
      partnerCurrency: { approved: '4500000', released: '0', planned: '1000000', remaining: '4500000' },
      callCurrency: { planned: '6700.00' },
    });
    expect(now.balances.agencies.map((a) => [a.acronym, a.callCurrency.released, a.callCurrency.remaining])).toEqual([
      ['MOHE', '11000.00', '22000.03'],
      ['JST', '0.00', '30150.00'],
      ['NRCT', '10500.01', '0.00'],
    ]);
    expect(now.balances.total).toMatchObject({ approved: '73650.04', released: '21500.01', remaining: '52150.03' });
  });

  it('amendments: the lead PI requests, a manager approves or rejects; the grant shows what changed', async () => {
    const request = (client: ApiClient, body: Record<string, unknown>) =>
      client.call(g.requestAmendment, { params: { id: f.grantId }, body });
    const reallocation = {
      justification: 'Fewer trips, more sensors',
      request: {
        kind: 'BUDGET_REALLOCATION',
        lines: [
          { partnerId: f.a.partners.my, year: 2, category: 'TRAVEL', amount: '10000.10' },
          { partnerId: f.a.partners.my, year: 2, category: 'CONSUMABLES', amount: '10000.00' },
        ],
      },
    };
    expectProblem(await request(f.a.jp, reallocation), 403, 'forbidden');
    expectProblem(
      await request(f.a.lead, {
        ...reallocation,
        request: { kind: 'BUDGET_REALLOCATION', lines: [{ ...reallocation.request.lines[0], amount: '30000.10' }] },
      }),
      409,
      'conflict',
    );
    const created = await request(f.a.lead, reallocation);
    expect(created.status).toBe(201);
    const amendmentId = (created.json as { id: string }).id;
    expectProblem(
      await f.manager.call(g.decideAmendment, { params: { id: amendmentId }, body: { decision: 'REJECT' } }),
      400,
      'validation_failed',
    );
    const approved = await f.manager.call(g.decideAmendment, {
      params: { id: amendmentId },
      body: { decision: 'APPROVE', comment: 'Agreed' },
    });
    expect(approved.json).toMatchObject({
      status: 'APPROVED',
      changes: {
        lines: [
          { category: 'TRAVEL', before: '20000.10', after: '10000.10' },
          { category: 'CONSUMABLES', before: null, after: '10000.00' },
        ],
        grandTotal: { before: '73650.04', after: '73650.04' },
      },
    });
    expectProblem(
      await f.manager.call(g.decideAmendment, { params: { id: amendmentId }, body: { decision: 'APPROVE' } }),
      409,
      'conflict',
    );
    let now = await getGrant(f.a.lead, f.grantId);
    expect(now.agreement).toMatchObject({ version: 2, complete: false });
    expect(now.budget.lines.find((l) => l.category === 'CONSUMABLES' && l.partnerId === f.a.partners.my)).toMatchObject(
      {
        original: null,
        approved: '10000.00',
      },
    );
    expect(now.status).toBe('ACTIVE');

    const oldEnd = now.endDate;
    const newEnd = new Date(`${oldEnd}T00:00:00Z`);
    newEnd.setUTCMonth(newEnd.getUTCMonth() + 6);
    const extension = await request(f.a.lead, {
      justification: 'Flooding delayed the second season',
      request: { kind: 'NO_COST_EXTENSION', endDate: newEnd.toISOString().slice(0, 10) },
    });
    await f.manager.call(g.decideAmendment, {
      params: { id: (extension.json as { id: string }).id },
      body: { decision: 'APPROVE' },
    });
    const rejected = await request(f.a.lead, {
      justification: 'Thai partner leaves',
      request: { kind: 'PARTNER_CHANGE', removePartnerId: f.a.partners.th, transferTo: null },
    });
    expectProblem(rejected, 409, 'conflict'); // the Thai partner has been paid
    now = await getGrant(f.a.lead, f.grantId);
    expect(now.endDate).toBe(newEnd.toISOString().slice(0, 10));
    expect(now.reports.find((r) => r.kind === 'FINAL')?.periodEnd).toBe(now.endDate);
    expect(now.reports.filter((r) => r.kind === 'PERIODIC')).toHaveLength(3);
    expect(now.amendments.map((a) => [a.kind, a.status])).toEqual([
      ['BUDGET_REALLOCATION', 'APPROVED'],
      ['NO_COST_EXTENSION', 'APPROVED'],
    ]);
    const history = (await f.a.th.call(g.history, { params: { id: f.grantId } })).json as { action: string }[];
    expect(history.map((h) => h.action)).toEqual(
      expect.arrayContaining(['amendment_requested', 'amendment_approved', 'agreement_reissued']),
    );
    // The PIs acknowledge the new version; the grant stays active meanwhile.
    const ack = await f.a.lead.call(g.acknowledge, { params: { id: f.grantId }, body: { version: 3 } });
    expect(ack.json).toMatchObject({ status: 'ACTIVE', agreement: { version: 3 } });
  });

  it('final reporting: only the manager moves it there; the grant closes only once the final report is accepted', async () => {
    expectProblem(await f.a.lead.call(g.markFinalReportDue, { params: { id: f.grantId } }), 403, 'forbidden');
    const final = (await getGrant(f.manager, f.grantId)).reports.find((r) => r.kind === 'FINAL')!;
    const body = {
      version: 1,
      narrative: narrative('Three years of measurements.'),
      outputs: EMPTY_OUTPUTS,
      spending: [],
    };
    expect((await f.a.lead.call(g.saveReport, { params: { id: final.id }, body })).status).toBe(200);
    expectProblem(
      await f.a.lead.call(g.submitReport, { params: { id: final.id }, body: { version: 2 } }),
      409,
      'conflict',
    );
    expect(((await f.manager.call(g.markFinalReportDue, { params: { id: f.grantId } })).json as Grant).status).toBe(
      'FINAL_REPORT_DUE',
    );
    expectProblem(await f.manager.call(g.close, { params: { id: f.grantId } }), 409, 'conflict');
    expect((await f.a.lead.call(g.submitReport, { params: { id: final.id }, body: { version: 2 } })).status).toBe(200);
    expectProblem(await f.manager.call(g.close, { params: { id: f.grantId } }), 409, 'conflict');
    await f.manager.call(g.reviewReport, { params: { id: final.id }, body: { decision: 'ACCEPT' } });
    const closed = (await f.manager.call(g.close, { params: { id: f.grantId } })).json as Grant;
    expect(closed).toMatchObject({ status: 'CLOSED' });
    expect(closed.closedAt).not.toBeNull();
    expectProblem(
      await f.a.lead.call(g.submitMilestone, { params: { id: grant.milestones[2]!.id }, body: { evidence: 'Late' } }),
      409,
      'conflict',
    );
    const transitions = (await audit(f.grantId)).filter((e) => e.action === 'grant.status_changed');
    expect(transitions.slice(-2).map((e) => e.data.to)).toEqual(['FINAL_REPORT_DUE', 'CLOSED']);
    const emails = await notificationsOf(f.a.jpUser.id, 'grant.status_changed');
    expect(emails.at(-1)?.data).toMatchObject({ status: 'CLOSED' });
  });

  it('permissions: a partner PI of one grant and a manager of another programme see nothing of it (404)', async () => {
    const b = await f.manager.call(g.award, { params: { id: f.b.proposalId }, body: { startDate: monthStart(0) } });
    expect(b.status).toBe(201);
    f.grantB = (b.json as Grant).id;
    const outsider = f.b.jp;
    const report = grant.reports[0]!.id;
    const milestone = grant.milestones[2]!.id;
    const trancheId = (await getGrant(f.manager, f.grantId)).tranches[0]!.id;
    for (const res of [
      await outsider.call(g.get, { params: { id: f.grantId } }),
      await outsider.call(g.history, { params: { id: f.grantId } }),
      await outsider.call(g.agreement, { params: { id: f.grantId } }),
      await outsider.call(g.acknowledge, { params: { id: f.grantId }, body: { version: 3 } }),
      await outsider.call(g.report, { params: { id: report } }),
      await outsider.call(g.saveReport, {
        params: { id: report },
        body: { version: 1, narrative: narrative('x'), outputs: EMPTY_OUTPUTS, spending: [] },
      }),
      await outsider.call(g.submitMilestone, { params: { id: milestone }, body: { evidence: 'Not mine' } }),
      await outsider.call(g.requestAmendment, {
        params: { id: f.grantId },
        body: { justification: 'Not mine', request: { kind: 'NO_COST_EXTENSION', endDate: '2040-01-01' } },
      }),
      await f.otherManager.call(g.get, { params: { id: f.grantId } }),
      await f.otherManager.call(g.suspend, { params: { id: f.grantB }, body: { reason: 'Not my programme' } }),
      await f.otherManager.call(g.releaseTranche, { params: { id: trancheId }, body: { paidOn: monthStart(0) } }),
      await f.otherManager.call(g.reviewReport, { params: { id: report }, body: { decision: 'ACCEPT' } }),
      await f.otherManager.call(g.createTranche, {
        params: { id: f.grantB },
        body: { partnerId: f.b.partners.my, amount: '1.00', condition: 'AGREEMENT' },
      }),
    ]) {
      expectProblem(res, 404, 'not_found');
    }
    // Lists: each sees their own.
    const mine = (await outsider.call(g.list)).json as { items: { id: string; myRole: string }[] };
    expect(mine.items.map((i) => [i.id, i.myRole])).toEqual([[f.grantB, 'PARTNER_PI']]);
    const theirs = (await f.a.th.call(g.list)).json as { items: { id: string; nextDue: unknown }[] };
    expect(theirs.items.map((i) => i.id)).toEqual([f.grantId]);
    expect(((await f.otherManager.call(g.list)).json as { total: number }).total).toBe(0);
    const managed = (await f.manager.call(g.list, { query: { status: 'AWARDED' } })).json as {
      items: { id: string; grandTotal: string; nextDue: { what: string } | null }[];
    };
    expect(managed.items.map((i) => i.id)).toEqual([f.grantB]);
    expect(managed.items[0]?.nextDue?.what).toBe('MILESTONE');
  });
  it('a partner change: the partner leaves with its unpaid budget and planned tranches, its PI loses access, a new agreement version', async () => {
    const bTh = await loggedIn(f.b.thUser);
    for (const client of [f.b.lead, f.b.jp, bTh]) {
      expect((await client.call(g.acknowledge, { params: { id: f.grantB }, body: { version: 1 } })).status).toBe(200);
    }
    expect((await getGrant(f.manager, f.grantB)).budget.grandTotal).toBe('77000.04');
    const planned = await f.manager.call(g.createTranche, {
      params: { id: f.grantB },
      body: { partnerId: f.b.partners.th, amount: '1000.00', condition: 'AGREEMENT' },
    });
    expect(planned.status).toBe(201);
    const change = (removePartnerId: string, transferTo: string | null) =>
      f.b.lead.call(g.requestAmendment, {
        params: { id: f.grantB },
        body: {
          justification: 'The Thai partner leaves',
          request: { kind: 'PARTNER_CHANGE', removePartnerId, transferTo },
        },
      });
    // The lead partner cannot leave; budget moves only to a partner paid in the same currency.
    expect(expectProblem(await change(f.b.partners.my, null), 400, 'validation_failed').errors?.[0]?.path).toBe(
      'body.request.removePartnerId',
    );
    expect(
      expectProblem(await change(f.b.partners.th, f.b.partners.jp), 400, 'validation_failed').errors?.[0]?.path,
    ).toBe('body.request.transferTo');
    const requested = await change(f.b.partners.th, null);
    expect(requested.status).toBe(201);
    const decided = await f.manager.call(g.decideAmendment, {
      params: { id: (requested.json as { id: string }).id },
      body: { decision: 'APPROVE', comment: 'Agreed with NRCT' },
    });
    expect(decided.json).toMatchObject({
      status: 'APPROVED',
      changes: {
        removePartnerId: f.b.partners.th,
        transferTo: null,
        tranchesCancelled: 1,
        lines: [{ year: 1, category: 'CONSUMABLES', amount: '300000.30' }],
      },
    });
    expectProblem(await bTh.call(g.get, { params: { id: f.grantB } }), 404, 'not_found');
    const after = await getGrant(f.b.lead, f.grantB);
    expect(after.partners.find((p) => p.id === f.b.partners.th)?.active).toBe(false);
    expect(after.budget.grandTotal).toBe('66500.03');
    expect(after.tranches).toEqual([]);
    expect(after.agreement).toMatchObject({ version: 2, complete: false });
    expect(after.agreement.acknowledgements.map((a) => a.userId)).toEqual([f.b.leadUser.id, f.b.jpUser.id]);
    expect(after.status).toBe('ACTIVE');
  });
});
