import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type AgreementGrant, printable, renderAgreement } from './agreement-pdf.js';
import { findFonts, scriptRuns } from './pdf-fonts.js';

const ID = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;

const partner = (n: number, name: string, countryCode: string, currency: string, role: 'LEAD' | 'PARTNER') => ({
  id: ID(n),
  role,
  institution: { id: ID(100 + n), name, countryCode },
  currency,
  rate: '0.0067',
  agency: { id: ID(200 + n), acronym: `AG${n}`, name: `Agency ${n}` },
  active: true,
  pi: { userId: ID(300 + n), displayName: `PI ${n}` },
});

const GRANT: AgreementGrant = {
  number: 'KZ-2026-0001',
  agreement: {
    version: 1,
    issuedAt: '2026-11-20T01:00:00.000Z',
    acknowledgements: [{ userId: ID(301), displayName: '田中 愛子', role: 'LEAD_PI', acknowledgedAt: null }],
    complete: false,
  },
  proposal: { id: ID(1), acronym: 'MANGROVE', title: 'マングローブの炭素 – ป่าชายเลน' },
  startDate: '2027-01-01',
  endDate: '2028-12-31',
  reportingPeriodMonths: 12,
  currency: 'USD',
  partners: [
    partner(1, '京都大学', 'JP', 'JPY', 'LEAD'),
    partner(2, 'จุฬาลงกรณ์มหาวิทยาลัย', 'TH', 'THB', 'PARTNER'),
    partner(3, 'Trường Đại học Quốc gia Hà Nội', 'VN', 'VND', 'PARTNER'),
  ],
  budget: {
    adjustmentReason: null,
    lines: [],
    adjustments: [],
    partners: [],
    byAgency: [],
    byYear: [],
    byCategory: [],
    grandTotal: '1000.00',
    originalGrandTotal: '1000.00',
  },
  balances: { partners: [], agencies: [], total: { approved: '0', released: '0', planned: '0', remaining: '0' } },
  milestones: [],
  reports: [],
};

/** Every character the PDF's fonts map back to Unicode (their ToUnicode maps), as lower-case hex code points. */
function mappedCodePoints(pdf: Buffer): Set<string> {
  const text = pdf.toString('latin1');
  const found = new Set<string>();
  for (const match of text.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let body: string;
    try {
      body = inflateSync(Buffer.from(match[1]!, 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    if (!body.includes('beginbfchar') && !body.includes('beginbfrange')) continue;
    for (const hex of body.matchAll(/<([0-9a-fA-F]{4,8})>/g))
      found.add(hex[1]!.toLowerCase().replace(/^0+(?=.{4})/, ''));
  }
  return found;
}

describe('agreement PDF text', () => {
  it('cuts text into runs by script; spaces, digits and marks go with their neighbours', () => {
    expect(scriptRuns('京都大学 Kyoto University (2026)')).toEqual([
      { script: 'cjk', text: '京都大学 ' },
      { script: 'latin', text: 'Kyoto University (2026)' },
    ]);
    expect(scriptRuns('1. จุฬาฯ – Đại học').map((r) => r.script)).toEqual(['thai', 'latin']);
    // A combining mark stays with its letter (decomposed Vietnamese, Japanese dakuten).
    expect(scriptRuns('Ha\u0300 \u30AB\u3099')).toEqual([
      { script: 'latin', text: 'Ha\u0300 ' },
      { script: 'cjk', text: '\u30AB\u3099' },
    ]);
  });

  it('with Helvetica only, keeps Latin-1 and typographic punctuation, drops other marks and replaces other scripts', () => {
    expect(printable('Universiti Teknologi Malaysia – “UTM”')).toBe('Universiti Teknologi Malaysia – “UTM”');
    expect(printable('Université de Genève, São Paulo')).toBe('Université de Genève, São Paulo');
    expect(printable('京都大学 Kyoto University')).toBe('???? Kyoto University');
    expect(printable('จุฬาลงกรณ์')).toMatch(/^\?+$/);
    expect(printable('Trường Đại học Quốc gia Hà Nội')).toBe('Truong Dai hoc Quoc gia Hà Noi');
  });

  it('prints Japanese, Thai and Vietnamese names in Noto fonts found on the machine', async () => {
    const fonts = findFonts(process.env.PDF_FONT_DIR);
    // npm test installs Debian's fonts-noto-core and fonts-noto-cjk; without them this test cannot say anything.
    expect(Object.keys(fonts).sort(), 'Noto fonts (apt-get install fonts-noto-core fonts-noto-cjk)').toEqual(
      expect.arrayContaining(['cjk-bold', 'cjk-regular', 'latin-bold', 'latin-regular', 'thai-bold', 'thai-regular']),
    );
    const pdf = await renderAgreement(GRANT, { programme: 'e-ASIA', callTitle: 'Climate 2026' }, fonts);
    const fontNames = [...pdf.toString('latin1').matchAll(/\/BaseFont \/[A-Z]{6}\+([\w-]+)/g)].map((m) => m[1]);
    expect(new Set(fontNames)).toEqual(
      new Set(['NotoSans-Bold', 'NotoSans-Regular', 'NotoSansCJKjp-Regular', 'NotoSansThai-Regular']),
    );
    const mapped = mappedCodePoints(pdf);
    for (const char of '京都大学田中マングローブの炭素จุฬาลงกรณ์ป่าชายเลนườngĐạiộ') {
      expect(mapped.has(char.codePointAt(0)!.toString(16).padStart(4, '0')), char).toBe(true);
    }
  });

  it("looks in the configured font folder (PDF_FONT_DIR) first, then in the system's", () => {
    const configured = mkdtempSync(join(tmpdir(), 'kizuna-fonts-'));
    const system = mkdtempSync(join(tmpdir(), 'kizuna-system-fonts-'));
    writeFileSync(join(configured, 'NotoSans-Regular.ttf'), '');
    for (const name of ['NotoSans-Regular.ttf', 'NotoSans-Bold.ttf']) writeFileSync(join(system, name), '');
    expect(findFonts(configured, [system])).toEqual({
      'latin-regular': { path: join(configured, 'NotoSans-Regular.ttf') },
      'latin-bold': { path: join(system, 'NotoSans-Bold.ttf') },
    });
    expect(findFonts(undefined, [system])['latin-regular']).toEqual({ path: join(system, 'NotoSans-Regular.ttf') });
  });

  it('falls back to Helvetica, with "?" for what it cannot print, when no font is there', async () => {
    const pdf = await renderAgreement(GRANT, { programme: 'e-ASIA', callTitle: 'Climate 2026' }, {});
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).not.toMatch(/\/BaseFont \/[A-Z]{6}\+Noto/);
    expect(pdf.toString('latin1')).toContain('/BaseFont /Helvetica');
  });
});
