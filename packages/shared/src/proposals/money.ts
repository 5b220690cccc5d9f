import { z } from 'zod';
import { Dec, ROUND_HALF_EVEN } from './decimal.js';

/**
 * Money crosses the API as a decimal string, never a JSON number: non-negative, plain notation (no exponent, no sign,
 * no leading zeros), at most 15 integer digits and at most 2 decimals. "12500.00", "12500.5" and "0" are accepted;
 * "1e3", "-1", "1.234", "NaN", "012", ".5" and "5." are refused.
 */
export const MONEY_PATTERN = /^(?:0|[1-9]\d{0,14})(?:\.\d{1,2})?$/;
export const MoneySchema = z
  .string()
  .regex(MONEY_PATTERN, 'an amount like 12500.00: digits, at most 2 decimals, no sign or exponent');
export type Money = z.infer<typeof MoneySchema>;

/** ISO 4217 alphabetic code, upper case: "USD", "JPY". */
export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 currency code, e.g. USD');
export type CurrencyCode = z.infer<typeof CurrencySchema>;

/**
 * An exchange rate: units of the call currency per 1 unit of the partner currency (call = USD, partner = JPY →
 * "0.0066666667"). Positive, plain notation, at most 15 integer digits and 10 decimals.
 */
export const RATE_PATTERN = /^(?:0|[1-9]\d{0,14})(?:\.\d{1,10})?$/;
export const RateSchema = z
  .string()
  .regex(RATE_PATTERN, 'a rate like 0.0066666667: digits, at most 10 decimals, no sign or exponent')
  .refine((rate) => /[1-9]/.test(rate), 'must be above zero');
export type Rate = z.infer<typeof RateSchema>;

/** The call's fixed rates, keyed by partner currency. The call currency itself needs no entry (its rate is 1). */
export const RatesSchema = z.record(CurrencySchema, RateSchema);
export type Rates = z.infer<typeof RatesSchema>;

/**
 * Minor units (decimals) of the currencies of the ASEAN member states and Japan, per ISO 4217 — which is not always
 * what people write: IDR is usually shown without decimals but ISO gives it 2. Timor-Leste uses USD.
 */
export const CURRENCY_MINOR_UNITS: Readonly<Record<string, number>> = Object.freeze({
  BND: 2,
  EUR: 2,
  IDR: 2,
  JPY: 0,
  KHR: 2,
  LAK: 2,
  MMK: 2,
  MYR: 2,
  PHP: 2,
  SGD: 2,
  THB: 2,
  USD: 2,
  VND: 0,
});

/** Decimals of `currency` (0 for JPY and VND); 2 for a currency not in {@link CURRENCY_MINOR_UNITS}. */
export function minorUnits(currency: string): number {
  return Object.hasOwn(CURRENCY_MINOR_UNITS, currency) ? (CURRENCY_MINOR_UNITS[currency] as number) : 2;
}

/** True when `value` is a valid {@link Money} string. */
export function isMoney(value: unknown): value is Money {
  return typeof value === 'string' && MONEY_PATTERN.test(value);
}

/** True when `value` is a valid {@link Rate} string (positive). */
export function isRate(value: unknown): value is Rate {
  return typeof value === 'string' && RATE_PATTERN.test(value) && /[1-9]/.test(value);
}

const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;

function parse(value: string, what: string): Dec {
  if (typeof value !== 'string' || !PLAIN_DECIMAL.test(value)) {
    throw new RangeError(`${what} must be a plain decimal string, got ${JSON.stringify(value)}`);
  }
  return new Dec(value);
}

function parseMoney(value: string): Dec {
  if (!isMoney(value)) throw new RangeError(`not a Money amount: ${JSON.stringify(value)}`);
  return new Dec(value);
}

function parseRate(value: string): Dec {
  if (!isRate(value)) throw new RangeError(`not an exchange rate: ${JSON.stringify(value)}`);
  return new Dec(value);
}

/**
 * Exact sum of Money amounts, with 2 decimals ("0.1" + "0.2" → "0.30"). Money has at most 2 decimals, so the result is
 * exact, never rounded; it may exceed 15 integer digits. Throws RangeError on an amount that is not Money.
 */
export function sumMoney(amounts: readonly string[]): string {
  let sum = new Dec(0);
  for (const amount of amounts) sum = sum.plus(parseMoney(amount));
  return sum.toFixed(2);
}

/**
 * Rounds a decimal string HALF_EVEN (banker's rounding) to the minor units of `currency`: roundMoney("2.125", "USD") →
 * "2.12", roundMoney("2.5", "JPY") → "2". Throws RangeError on a string that is not a plain decimal.
 */
export function roundMoney(amount: string, currency: string): string {
  return parse(amount, 'amount').toFixed(minorUnits(currency), ROUND_HALF_EVEN);
}

/**
 * Converts `amount` (a plain decimal string, typically Money in the partner currency) to `toCurrency` at `rate` (units
 * of `toCurrency` per 1 unit of the amount's currency), multiplying exactly and rounding HALF_EVEN once, at the end, to
 * the minor units of `toCurrency` (0 decimals for JPY). Use it for one reported figure: to convert a total, convert
 * the exact total, not each line (see computeBudget). Throws RangeError on a malformed amount or rate.
 */
export function convert(amount: string, rate: string, toCurrency: string): string {
  return parse(amount, 'amount').times(parseRate(rate)).toFixed(minorUnits(toCurrency), ROUND_HALF_EVEN);
}

/** -1, 0 or 1 as a is below, equal to or above b (plain decimal strings; "1.50" equals "1.5"). */
export function compareMoney(a: string, b: string): -1 | 0 | 1 {
  return parse(a, 'a').comparedTo(parse(b, 'b')) as -1 | 0 | 1;
}

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * Formats an amount for display in `locale`, with the currency's ISO minor units (formatMoney("1234.5", "JPY", "ja")
 * → "￥1,234" after HALF_EVEN rounding to 0 decimals; formatMoney("1234.5", "USD", "en") → "$1,234.50"). The amount is
 * rounded with decimal.js first and handed to Intl.NumberFormat as a string, which current engines (Node ≥ 19, every
 * evergreen browser) format exactly, with no binary float in between.
 */
export function formatMoney(amount: string, currency: string, locale: string | readonly string[]): string {
  const digits = minorUnits(currency);
  const rounded = parse(amount, 'amount').toFixed(digits, ROUND_HALF_EVEN);
  const key = `${JSON.stringify(locale)}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale as string | string[], {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, formatter);
  }
  return formatter.format(rounded as Intl.StringNumericLiteral);
}
