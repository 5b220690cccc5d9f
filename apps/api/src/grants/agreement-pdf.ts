import { formatMoney, type Grant } from '@kizuna/shared';
import PDFDocument from 'pdfkit';
import { type FontSet, fontBytes, scriptRuns, type Weight } from './pdf-fonts.js';

/*
 * The grant agreement as a PDF, rendered from the grant on every download (so it always shows the current version).
 *
 * Text is set in Noto fonts found on the machine, one per script (see pdf-fonts.ts), so Japanese, Thai, Khmer, Lao,
 * Myanmar and Vietnamese names print as written. Where a script's font is missing it falls back to PDF's standard
 * Helvetica, which covers Western European text (WinAnsi) only: other characters become "?" and Latin letters with
 * marks beyond Latin-1 (Vietnamese) lose the marks.
 */

/** Characters Helvetica can print with pdfkit's WinAnsi encoding: Latin-1 and the typographic quotes and dashes. */
const PRINTABLE = /[^\n\x20-\x7E\u00A0-\u00FF\u2013\u2014\u2018\u2019\u201C\u201D\u2022\u2026\u20AC]/g;

/** Latin letters with marks outside Latin-1 lose the marks (Vietnamese "Trường Đại học" → "Truong Dai hoc"). */
function withoutMarks(char: string): string {
  if (char === 'Đ') return 'D';
  if (char === 'đ') return 'd';
  const bare = char.normalize('NFD').replace(/\p{M}/gu, '');
  return bare.length > 0 && !bare.match(PRINTABLE) ? bare : '?';
}

export function printable(text: string): string {
  return text.normalize('NFC').replace(PRINTABLE, withoutMarks);
}

function money(amount: string, currency: string) {
  // en-GB with the ISO code, never a symbol outside WinAnsi (e.g. ₫, ₱, ฿).
  return `${currency} ${formatMoney(amount, currency, 'en-GB').replace(/[^\d.,-]/g, '')}`;
}

export interface AgreementContext {
  programme: string;
  callTitle: string;
}

/** What the agreement prints of a grant. */
export type AgreementGrant = Pick<
  Grant,
  | 'number'
  | 'agreement'
  | 'proposal'
  | 'startDate'
  | 'endDate'
  | 'reportingPeriodMonths'
  | 'currency'
  | 'partners'
  | 'budget'
  | 'balances'
  | 'milestones'
  | 'reports'
>;

export function renderAgreement(grant: AgreementGrant, context: AgreementContext, fonts: FontSet): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: {
      Title: printable(`Grant agreement ${grant.number} (version ${grant.agreement.version})`),
      Author: 'Kizuna',
      Subject: printable(grant.proposal.title),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const [key, file] of Object.entries(fonts)) doc.registerFont(key, fontBytes(file.path), file.face);
  let weight: Weight = 'regular';
  const style = (next: Weight, size: number) => {
    weight = next;
    doc.fontSize(size);
  };
  /** One paragraph, each run of a script in its font (Helvetica, made printable, where none is there). */
  const text = (value: string, options: PDFKit.Mixins.TextOptions = {}) => {
    const runs = scriptRuns(value.normalize('NFC'));
    if (runs.length === 0) runs.push({ script: 'latin', text: '' });
    runs.forEach((run, i) => {
      const key = ([`${run.script}-${weight}`, `${run.script}-regular`] as const).find((k) => k in fonts);
      const continued = i < runs.length - 1;
      if (key) doc.font(key).text(run.text, { ...options, continued });
      else
        doc
          .font(weight === 'bold' ? 'Helvetica-Bold' : 'Helvetica')
          .text(printable(run.text), { ...options, continued });
    });
  };
  const heading = (value: string) => {
    doc.moveDown(0.8);
    style('bold', 12);
    text(value);
    style('regular', 10);
    doc.moveDown(0.3);
  };
  const partnerName = (id: string) => grant.partners.find((p) => p.id === id)?.institution.name ?? id;

  style('bold', 18);
  text('Grant Agreement', { align: 'center' });
  style('regular', 11);
  doc.moveDown(0.3);
  text(`${grant.number} - version ${grant.agreement.version}, issued ${grant.agreement.issuedAt.slice(0, 10)}`, {
    align: 'center',
  });
  doc.moveDown(0.5);
  text(`${context.programme}`, { align: 'center' });
  text(`Call: ${context.callTitle}`, { align: 'center' });

  heading('1. The project');
  text(`${grant.proposal.acronym}: ${grant.proposal.title}`);
  text(`Duration: from ${grant.startDate} to ${grant.endDate} (both included).`);
  text(
    `Reporting: a periodic report every ${grant.reportingPeriodMonths} months from the start date and a final report; reports are due as listed in section 5.`,
  );

  heading('2. The parties');
  text(
    'The funding agencies named below, each funding the partners of its own country from its own envelope, and the institutions of the consortium:',
  );
  doc.moveDown(0.3);
  for (const p of grant.partners.filter((x) => x.active)) {
    text(
      `- ${p.institution.name} (${p.institution.countryCode}), ${p.role === 'LEAD' ? 'lead partner' : 'partner'}; principal investigator: ${p.pi?.displayName ?? 'to be named'}; funded by ${p.agency.name} (${p.agency.acronym}).`,
    );
  }

  heading(`3. Approved budget (call currency ${grant.currency}, at the call's fixed rates)`);
  for (const p of grant.budget.partners) {
    const partner = grant.partners.find((x) => x.id === p.partnerId);
    if (!partner?.active) continue;
    text(
      `- ${partner.institution.name} - ${partner.agency.acronym}: ${money(p.partnerCurrency.total, p.currency)} = ${money(p.callCurrency.total, grant.currency)} (rate ${partner.rate}; direct ${money(p.partnerCurrency.direct, p.currency)}, indirect ${money(p.partnerCurrency.indirect, p.currency)})`,
    );
  }
  doc.moveDown(0.3);
  for (const a of grant.balances.agencies) {
    text(`Total funded by ${a.acronym}: ${money(a.callCurrency.approved, grant.currency)}`);
  }
  style('bold', 10);
  text(`Total of the grant: ${money(grant.budget.grandTotal, grant.currency)}`);
  style('regular', 10);
  if (grant.budget.adjustments.length) {
    doc.moveDown(0.3);
    text(
      `The approved budget differs from the proposal's (${money(grant.budget.originalGrandTotal, grant.currency)}): ${grant.budget.adjustmentReason ?? ''}`,
    );
    for (const a of grant.budget.adjustments) {
      const currency = grant.partners.find((p) => p.id === a.partnerId)?.currency ?? '';
      text(
        `- ${partnerName(a.partnerId)}, year ${a.year}, ${a.category.toLowerCase()}: ${money(a.original, currency)} -> ${money(a.approved, currency)}`,
      );
    }
  }

  heading('4. Milestones');
  if (grant.milestones.length === 0) text('None.');
  for (const m of grant.milestones) text(`- ${m.dueDate}: ${m.title} (${m.workPackage})`);

  heading('5. Reports');
  for (const r of grant.reports) {
    text(
      `- ${r.kind === 'FINAL' ? 'Final report' : `Periodic report ${r.number}`}: period ${r.periodStart} to ${r.periodEnd}, due ${r.dueDate}`,
    );
  }

  heading('6. Payments');
  text(
    'Each agency pays its partners in tranches in the partner currency. A tranche is released only when its condition (the agreement, an accepted report or an accepted milestone) is met and no report that is due is overdue or not accepted.',
  );

  heading('7. Acknowledgement');
  text(
    'This agreement takes effect when the lead PI and every partner PI have acknowledged it on Kizuna. Acknowledgements of this version:',
  );
  for (const a of grant.agreement.acknowledgements) {
    text(
      `- ${a.displayName} (${a.role === 'LEAD_PI' ? 'lead PI' : 'partner PI'}): ${a.acknowledgedAt ? `${a.acknowledgedAt.slice(0, 16).replace('T', ' ')} UTC` : 'pending'}`,
    );
  }
  doc.end();
  return done;
}
