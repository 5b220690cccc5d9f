/**
 * Exact money for funding decisions: decimal strings in, integer minor units (BigInt, 2 decimals) inside, decimal
 * strings out. The accepted form is the API's Money (packages/shared `MONEY_PATTERN`): non-negative, plain notation, no
 * leading zeros, at most 15 integer digits and 2 decimals ("12500", "12500.5", "0.10").
 */
export const MONEY_PATTERN = /^(?:0|[1-9]\d{0,14})(?:\.\d{1,2})?$/;

/** "12.3" → 1230n. Throws RangeError, naming `what`, on anything that is not Money (more than 2 decimals included). */
export function moneyToMinor(amount: string, what = 'amount'): bigint {
  if (typeof amount !== 'string' || !MONEY_PATTERN.test(amount)) {
    throw new RangeError(
      `${what} must be an amount like 12500.00 (digits, at most 2 decimals, no sign), got ${JSON.stringify(amount)}`,
    );
  }
  const [whole, fraction = ''] = amount.split('.');
  return BigInt(whole as string) * 100n + BigInt(fraction.padEnd(2, '0'));
}

/** 1230n → "12.30"; negative amounts get a leading "-". */
export function minorToMoney(minor: bigint): string {
  const sign = minor < 0n ? '-' : '';
  const abs = minor < 0n ? -minor : minor;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
