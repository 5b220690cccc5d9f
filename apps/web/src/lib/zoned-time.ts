/*
 * Wall-clock times in a named IANA time zone, with nothing but Intl. A call's opening and closing are entered as
 * `datetime-local` values meant in the call's own time zone (not the browser's), and stored as instants.
 */

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const HOUR = 3_600_000;

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      era: 'short',
    });
    partFormatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock time of `epochMs` in `timeZone` (throws RangeError on an unknown zone). */
function wallTime(epochMs: number, timeZone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(epochMs))) parts[part.type] = part.value;
  const year = Number(parts.year);
  return {
    year: parts.era === 'BC' || parts.era === 'B' ? 1 - year : year,
    month: Number(parts.month),
    day: Number(parts.day),
    // Some engines say "24" for midnight even with h23.
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

function wallAsUtc(w: WallTime): number {
  const date = new Date(Date.UTC(2000, w.month - 1, w.day, w.hour, w.minute, w.second));
  date.setUTCFullYear(w.year);
  return date.getTime();
}

/** Offset of `timeZone` from UTC at `epochMs`, in milliseconds (+07:00 → 25 200 000). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  return wallAsUtc(wallTime(whole, timeZone)) - whole;
}

function parseLocal(local: string): WallTime | undefined {
  const match = LOCAL_PATTERN.exec(local.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  const w = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s ?? 0),
  };
  // Reject 2026-02-30T10:00 and 25:00 instead of rolling them over.
  const check = new Date(wallAsUtc(w));
  if (
    check.getUTCMonth() + 1 !== w.month ||
    check.getUTCDate() !== w.day ||
    w.hour > 23 ||
    w.minute > 59 ||
    w.second > 59
  ) {
    return undefined;
  }
  return w;
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

function formatOffset(offsetMs: number): string {
  if (offsetMs === 0) return 'Z';
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  return `${offsetMs < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function formatWall(w: WallTime, withSeconds: boolean): string {
  const year = w.year < 0 ? `-${pad(w.year, 6)}` : pad(w.year, 4);
  const time = `${pad(w.hour)}:${pad(w.minute)}${withSeconds ? `:${pad(w.second)}` : ''}`;
  return `${year}-${pad(w.month)}-${pad(w.day)}T${time}`;
}

function sameWall(a: WallTime, b: WallTime): boolean {
  return (
    a.year === b.year &&
    a.month === b.month &&
    a.day === b.day &&
    a.hour === b.hour &&
    a.minute === b.minute &&
    a.second === b.second
  );
}

/**
 * The instant at which the wall clock of `timeZone` shows `local` ("2026-03-15T17:00", as a datetime-local input
 * gives it), as ISO 8601 with that zone's offset at that instant: ("2026-03-15T17:00", "Asia/Bangkok") →
 * "2026-03-15T17:00:00+07:00"; UTC gives "Z". Like Temporal's "compatible" disambiguation, a time that occurs twice
 * (clocks going back) is the earlier instant, and a time skipped by clocks going forward is moved forward by the gap
 * (02:30 on the day Paris springs forward → 03:30+02:00). Returns undefined for a malformed value or an unknown zone.
 */
export function zonedLocalToIso(local: string, timeZone: string): string | undefined {
  const wall = parseLocal(local);
  if (!wall) return undefined;
  try {
    const asUtc = wallAsUtc(wall);
    // Offsets a day either side cover any transition near this wall time.
    const before = zoneOffsetMs(asUtc - 24 * HOUR, timeZone);
    const after = zoneOffsetMs(asUtc + 24 * HOUR, timeZone);
    const candidates = [...new Set([before, after])]
      .map((offset) => asUtc - offset)
      .filter((epoch) => sameWall(wallTime(epoch, timeZone), wall))
      .sort((a, b) => a - b);
    // No candidate: the wall time falls in a gap; read it with the offset from before the gap.
    const epoch = candidates[0] ?? asUtc - before;
    const shown = wallTime(epoch, timeZone);
    return `${formatWall(shown, true)}${formatOffset(zoneOffsetMs(epoch, timeZone))}`;
  } catch {
    return undefined;
  }
}

/**
 * The wall-clock time of the instant `iso` in `timeZone`, as a datetime-local input wants it ("2026-03-15T17:00";
 * seconds only when not zero). Returns '' for a malformed instant or an unknown zone.
 */
export function isoToZonedLocal(iso: string, timeZone: string): string {
  const epoch = Date.parse(iso);
  if (Number.isNaN(epoch)) return '';
  try {
    const wall = wallTime(epoch, timeZone);
    return formatWall(wall, wall.second !== 0);
  } catch {
    return '';
  }
}

/** True when `timeZone` is an IANA zone this browser knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
