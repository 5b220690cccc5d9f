import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { minorUnits } from '@kizuna/shared';
import ExcelJS from 'exceljs';
import type { Response } from 'express';

export interface ExportFile {
  contentType: string;
  fileName: string;
  data: Buffer;
}

/** An amount of money: exact text in CSV; in XLSX a number formatted to the currency's minor units, so it sums. */
export interface MoneyCell {
  money: string;
  currency: string;
}
type Cell = string | number | null | MoneyCell;

export function moneyCell(money: string, currency: string): MoneyCell {
  return { money, currency };
}

const isMoney = (value: Cell): value is MoneyCell => typeof value === 'object' && value !== null;

/**
 * A table as a download: CSV (RFC 4180, UTF-8 with a BOM for spreadsheet apps, formula
 * injection neutralised; amounts exact) or XLSX (numbers and amounts are numbers).
 */
export async function tableFile(
  name: string,
  header: string[],
  rows: Cell[][],
  format: 'csv' | 'xlsx',
): Promise<ExportFile> {
  if (format === 'csv') {
    // A leading =, +, - or @ would run as a formula in spreadsheet apps: neutralise it.
    const cell = (value: Cell) => {
      const v = value === null ? '' : isMoney(value) ? value.money : String(value);
      const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
      return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
    };
    const body = [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n');
    return { contentType: 'text/csv; charset=utf-8', fileName: `${name}.csv`, data: Buffer.from(`\uFEFF${body}\r\n`) };
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(name);
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow(row.map((value) => (isMoney(value) ? Number(value.money) : value)));
    row.forEach((value, i) => {
      if (!isMoney(value)) return;
      const decimals = minorUnits(value.currency);
      added.getCell(i + 1).numFmt = decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
    });
  }
  sheet.columns.forEach((column) => {
    column.width = 24;
  });
  return {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileName: `${name}.xlsx`,
    data: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}

/** Sends an export as a private, uncached download. */
export function sendFile(
  res: { status(code: number): unknown; setHeader(name: string, value: string): unknown; send(body: Buffer): unknown },
  file: ExportFile,
) {
  res.status(200);
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
  res.setHeader('Cache-Control', 'private, no-store');
  res.send(file.data);
}

/**
 * Streams a stored file as a private download. An aborted download or a storage failure
 * mid-stream ends the response and frees the stream.
 */
export async function sendStream(
  res: Response,
  file: { contentType: string; size: number; fileName: string },
  stream: Readable,
) {
  res.status(200);
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Length', String(file.size));
  res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
  res.setHeader('Cache-Control', 'private, no-store');
  await pipeline(stream, res).catch(() => res.destroy());
}
