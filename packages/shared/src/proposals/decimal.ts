// Internal: the one decimal.js constructor every money computation in this package uses. Not re-exported from the
// package index, so consumers never depend on decimal.js directly.
import { Decimal } from 'decimal.js';

/**
 * decimal.js rounds the result of EVERY operation (addition included) to `precision` significant digits. The schemas
 * bound the inputs (amounts: ≤ 15 integer digits and 2 decimals; rates: ≤ 15 integer digits and 10 decimals), so no
 * intermediate value in this package comes near 1,000 significant digits: with this precision every sum and product is
 * exact, and the only rounding that ever happens is the explicit HALF_EVEN rounding of reported figures.
 */
export const Dec = Decimal.clone({
  precision: 1_000,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});
export type Dec = Decimal;

export const ROUND_HALF_EVEN = Decimal.ROUND_HALF_EVEN;
export const ROUND_FLOOR = Decimal.ROUND_FLOOR;
