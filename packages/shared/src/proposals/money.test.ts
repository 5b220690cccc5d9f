import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CurrencySchema,
  compareMoney,
  convert,
  formatMoney,
  isMoney,
  MoneySchema,
  minorUnits,
  RateSchema,
  roundMoney,
  sumMoney,
} from './money.js';

describe('MoneySchema', () => {
  it.each(['12500.00', '12500.5', '0', '0.00', '0.01', '999999999999999.99', '100'])('accepts %s', (value) => {
    expect(MoneySchema.safeParse(value).success).toBe(true);
  });

  it.each([
    '1e3',
    '-1',
    '1.234',
    'NaN',
    'Infinity',
    '',
    ' 1',
    '1 ',
    '01',
    '.5',
    '5.',
    '+1',
    '-0',
    '1,000',
    '0x10',
    '1000000000000000', // 16 integer digits
  ])('refuses %j', (value) => {
    expect(MoneySchema.safeParse(value).success).toBe(false);
  });

  it('refuses JSON numbers: money is a string', () => {
    expect(MoneySchema.safeParse(1000).success).toBe(false);
    expect(MoneySchema.safeParse(0.1).success).toBe(false);
  });

  it('accepts every amount of whole cents up to 15 integer digits, written with 2 decimals', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 17n - 1n }), (cents) => {
        const text = `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
        expect(isMoney(text)).toBe(true);
        expect(sumMoney([text])).toBe(text);
      }),
    );
  });

  it('refuses what String(number) writes for floats with an exponent or more than 2 decimals', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: false }), (x) => {
        const text = String(x);
        if (/e|N|I|-|\.\d{3}/.test(text)) expect(MoneySchema.safeParse(text).success).toBe(false);
      }),
    );
  });
});

describe('CurrencySchema and RateSchema', () => {
  it('takes upper-case ISO 4217 codes only', () => {
    expect(CurrencySchema.safeParse('USD').success).toBe(true);
    for (const bad of ['usd', 'US', 'USDD', 'U5D', '']) expect(CurrencySchema.safeParse(bad).success).toBe(false);
  });

  it.each(['1', '0.0066666667', '150.25', '16250'])('accepts the rate %s', (rate) => {
    expect(RateSchema.safeParse(rate).success).toBe(true);
  });

  it.each(['0', '0.0000000000', '-1', '1e-3', '0.00000000001', 'NaN', '', '.5'])('refuses the rate %j', (rate) => {
    expect(RateSchema.safeParse(rate).success).toBe(false);
  });
});

describe('minorUnits', () => {
  it('follows ISO 4217 for the currencies of the ASEAN member states and Japan', () => {
    expect(
      Object.fromEntries(
        ['JPY', 'IDR', 'VND', 'KHR', 'LAK', 'MMK', 'BND', 'MYR', 'PHP', 'SGD', 'THB', 'USD', 'EUR'].map((c) => [
          c,
          minorUnits(c),
        ]),
      ),
    ).toEqual({
      JPY: 0,
      IDR: 2,
      VND: 0,
      KHR: 2,
      LAK: 2,
      MMK: 2,
      BND: 2,
      MYR: 2,
      PHP: 2,
      SGD: 2,
      THB: 2,
      USD: 2,
      EUR: 2,
    });
  });

  it('defaults to 2 for other currencies', () => {
    expect(minorUnits('CHF')).toBe(2);
    expect(minorUnits('toString')).toBe(2);
  });
});

describe('sumMoney', () => {
  it('adds exactly, unlike binary floats', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumMoney(['0.1', '0.2'])).toBe('0.30');
    expect(sumMoney(Array.from({ length: 10 }, () => '0.10'))).toBe('1.00');
    expect(sumMoney(['999999999999999.99', '0.01'])).toBe('1000000000000000.00');
    expect(sumMoney([])).toBe('0.00');
  });

  it('throws on an amount that is not Money', () => {
    expect(() => sumMoney(['1e3'])).toThrow(RangeError);
    expect(() => sumMoney(['1.234'])).toThrow(RangeError);
  });
});

describe('convert and roundMoney', () => {
  it('multiplies exactly and rounds once, HALF_EVEN, to the target currency', () => {
    expect(convert('100', '0.0066666667', 'USD')).toBe('0.67');
    expect(convert('0.125', '1', 'USD')).toBe('0.12'); // tie → even
    expect(convert('0.135', '1', 'USD')).toBe('0.14'); // tie → even
    expect(convert('0.1251', '1', 'USD')).toBe('0.13');
    expect(convert('1000', '150', 'JPY')).toBe('150000');
    expect(convert('1.5', '1', 'JPY')).toBe('2');
    expect(convert('2.5', '1', 'JPY')).toBe('2');
    expect(convert('999999999999999.99', '999999999999999.9999999999', 'USD')).toBe(
      '999999999999999989999999900000.00', // exact product ...900000.000000000001
    );
  });

  it('rounds to the minor units of the currency', () => {
    expect(roundMoney('2.125', 'USD')).toBe('2.12');
    expect(roundMoney('2.5', 'JPY')).toBe('2');
    expect(roundMoney('3.5', 'VND')).toBe('4');
    expect(roundMoney('7', 'THB')).toBe('7.00');
  });

  it('throws on malformed input', () => {
    expect(() => convert('1e3', '1', 'USD')).toThrow(RangeError);
    expect(() => convert('1', '0', 'USD')).toThrow(RangeError);
    expect(() => convert('1', '-1', 'USD')).toThrow(RangeError);
  });
});

describe('compareMoney', () => {
  it('compares by value', () => {
    expect(compareMoney('1.50', '1.5')).toBe(0);
    expect(compareMoney('100000.01', '100000')).toBe(1);
    expect(compareMoney('9', '10')).toBe(-1);
  });
});

describe('formatMoney', () => {
  it('shows the currency with its ISO minor units', () => {
    expect(formatMoney('1234.5', 'USD', 'en-US')).toBe('$1,234.50');
    expect(formatMoney('1234.5', 'JPY', 'ja-JP')).toBe('￥1,234'); // HALF_EVEN to 0 decimals
    expect(formatMoney('1235.5', 'JPY', 'en-US')).toBe('¥1,236');
    expect(formatMoney('1000', 'IDR', 'en-US')).toContain('1,000.00');
    expect(formatMoney('1000', 'VND', 'en-US')).not.toContain('.');
  });

  it('formats large amounts exactly, without a float in between', () => {
    expect(formatMoney('123456789012345.67', 'USD', 'en-US')).toBe('$123,456,789,012,345.67');
  });
});
