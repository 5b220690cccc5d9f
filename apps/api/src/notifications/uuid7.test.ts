import { describe, expect, it } from 'vitest';
import { uuidv7 } from './uuid7.js';

describe('uuidv7', () => {
  it('makes version 7 UUIDs led by the time in milliseconds, all different', () => {
    const at = Date.UTC(2027, 2, 31, 12);
    const ids = Array.from({ length: 5000 }, () => uuidv7(at));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(ids[0]!.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
    expect(new Set(ids).size).toBe(ids.length);
    expect(uuidv7(at + 1) > uuidv7(at)).toBe(true);
  });
});
