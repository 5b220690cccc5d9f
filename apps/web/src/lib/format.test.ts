import { describe, expect, it } from 'vitest';
import { formatDateTime, formatUtc } from './format';

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
