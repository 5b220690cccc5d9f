import { describe, expect, it } from 'vitest';
import { isoToZonedLocal, zonedLocalToIso } from './zoned-time';

describe('zonedLocalToIso / isoToZonedLocal', () => {
  it('reads a wall time in Asia/Bangkok as +07:00 and back', () => {
    const iso = zonedLocalToIso('2026-03-15T17:00', 'Asia/Bangkok');
    expect(iso).toBe('2026-03-15T17:00:00+07:00');
    expect(new Date(iso ?? '').toISOString()).toBe('2026-03-15T10:00:00.000Z');
    expect(isoToZonedLocal('2026-03-15T10:00:00.000Z', 'Asia/Bangkok')).toBe('2026-03-15T17:00');
  });

  it('reads a wall time in Asia/Tokyo as +09:00 all year round', () => {
    expect(zonedLocalToIso('2026-01-10T09:30', 'Asia/Tokyo')).toBe('2026-01-10T09:30:00+09:00');
    expect(zonedLocalToIso('2026-07-10T09:30', 'Asia/Tokyo')).toBe('2026-07-10T09:30:00+09:00');
    expect(isoToZonedLocal('2026-07-10T00:30:00Z', 'Asia/Tokyo')).toBe('2026-07-10T09:30');
    // Midnight crosses the date line between UTC and Tokyo.
    expect(zonedLocalToIso('2026-04-01T00:00', 'Asia/Tokyo')).toBe('2026-04-01T00:00:00+09:00');
    expect(new Date(zonedLocalToIso('2026-04-01T00:00', 'Asia/Tokyo') ?? '').toISOString()).toBe(
      '2026-03-31T15:00:00.000Z',
    );
  });

  it('reads UTC as Z', () => {
    expect(zonedLocalToIso('2026-12-31T23:59', 'UTC')).toBe('2026-12-31T23:59:00Z');
    expect(isoToZonedLocal('2026-12-31T23:59:00Z', 'UTC')).toBe('2026-12-31T23:59');
  });

  it('follows daylight saving time in Europe/Paris on both sides of a change', () => {
    // Clocks go forward on 29 March 2026 at 02:00 (+01:00 → +02:00) and back on 25 October at 03:00.
    expect(zonedLocalToIso('2026-03-28T12:00', 'Europe/Paris')).toBe('2026-03-28T12:00:00+01:00');
    expect(zonedLocalToIso('2026-03-29T12:00', 'Europe/Paris')).toBe('2026-03-29T12:00:00+02:00');
    expect(zonedLocalToIso('2026-03-29T01:59', 'Europe/Paris')).toBe('2026-03-29T01:59:00+01:00');
    expect(zonedLocalToIso('2026-03-29T03:00', 'Europe/Paris')).toBe('2026-03-29T03:00:00+02:00');
    expect(zonedLocalToIso('2026-10-24T12:00', 'Europe/Paris')).toBe('2026-10-24T12:00:00+02:00');
    expect(zonedLocalToIso('2026-10-25T12:00', 'Europe/Paris')).toBe('2026-10-25T12:00:00+01:00');
    for (const local of ['2026-03-28T12:00', '2026-03-29T12:00', '2026-10-24T12:00', '2026-10-25T12:00']) {
      expect(isoToZonedLocal(zonedLocalToIso(local, 'Europe/Paris') ?? '', 'Europe/Paris')).toBe(local);
    }
    expect(isoToZonedLocal('2026-03-28T11:00:00Z', 'Europe/Paris')).toBe('2026-03-28T12:00');
    expect(isoToZonedLocal('2026-03-29T10:00:00Z', 'Europe/Paris')).toBe('2026-03-29T12:00');
  });

  it('takes the earlier instant for a repeated wall time and moves a skipped one forward', () => {
    // 02:30 happens twice on 25 October 2026 in Paris: first at +02:00.
    expect(zonedLocalToIso('2026-10-25T02:30', 'Europe/Paris')).toBe('2026-10-25T02:30:00+02:00');
    // 02:30 does not exist on 29 March 2026 in Paris: it becomes 03:30 summer time.
    expect(zonedLocalToIso('2026-03-29T02:30', 'Europe/Paris')).toBe('2026-03-29T03:30:00+02:00');
  });

  it('round-trips every hour of a year in each zone', () => {
    for (const zone of ['Asia/Bangkok', 'Asia/Tokyo', 'UTC', 'Europe/Paris']) {
      for (let hour = 0; hour < 366 * 24; hour += 7) {
        const iso = new Date(Date.UTC(2026, 0, 1) + hour * 3_600_000).toISOString();
        const local = isoToZonedLocal(iso, zone);
        const back = zonedLocalToIso(local, zone);
        // Times in the repeated hour of Paris come back as the first of the two instants.
        if (zone === 'Europe/Paris' && local.startsWith('2026-10-25T02')) continue;
        expect(new Date(back ?? '').toISOString()).toBe(iso);
      }
    }
  });

  it('keeps seconds when there are any and refuses malformed input', () => {
    expect(isoToZonedLocal('2026-03-15T10:00:30Z', 'Asia/Bangkok')).toBe('2026-03-15T17:00:30');
    expect(zonedLocalToIso('2026-03-15T17:00:30', 'Asia/Bangkok')).toBe('2026-03-15T17:00:30+07:00');
    expect(zonedLocalToIso('', 'Asia/Bangkok')).toBeUndefined();
    expect(zonedLocalToIso('2026-02-30T10:00', 'Asia/Bangkok')).toBeUndefined();
    expect(zonedLocalToIso('2026-03-15T17:00', 'Mars/Olympus')).toBeUndefined();
    expect(isoToZonedLocal('not a date', 'Asia/Bangkok')).toBe('');
  });
});
