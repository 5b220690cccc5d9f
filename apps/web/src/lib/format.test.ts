import { describe, expect, it } from 'vitest';
import { formatDateTime, formatList, formatRelative, formatUtc } from './format';

describe('formatDateTime', () => {
  it('shows an instant in the given time zone', () => {
    const text = formatDateTime('2026-02-03T09:04:05Z', { timeZone: 'Asia/Tokyo', locale: 'en' });
    expect(text).toContain('18:04');
    expect(text).toContain('3 Feb 2026');
  });

  it('falls back to UTC for an unknown time zone', () => {
    expect(formatDateTime('2026-02-03T09:04:05Z', { timeZone: 'Mars/Olympus', locale: 'en' })).toContain('09:04');
  });

  it('gives the UTC form for titles', () => {
    expect(formatUtc('2026-02-03T09:04:05.123Z')).toBe('2026-02-03 09:04:05 UTC');
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2026-02-03T09:00:00Z');

  it('says how long ago an instant was, in English and Japanese', () => {
    expect(formatRelative('2026-02-03T08:55:00Z', { locale: 'en', now })).toBe('5 minutes ago');
    expect(formatRelative('2026-02-03T08:55:00Z', { locale: 'ja', now })).toBe('5 分前');
    expect(formatRelative('2026-02-01T09:00:00Z', { locale: 'en', now })).toBe('2 days ago');
  });

  it('calls the last seconds "now"', () => {
    expect(formatRelative('2026-02-03T08:59:59.500Z', { locale: 'en', now })).toBe('now');
  });
});

describe('formatList', () => {
  it('joins with the conjunction of the language', () => {
    expect(formatList(['A', 'B', 'C'], 'en')).toBe('A, B and C');
    expect(formatList(['A', 'B'], 'ja')).toBe('A、B');
  });
});
