import { describe, expect, it } from 'vitest';
import { STOP_WORDS, stem, tokenize } from './tokenize.js';

describe('stem', () => {
  it('maps the inflections of a word to one stem', () => {
    expect(new Set(['calibrate', 'calibrated', 'calibrating', 'calibration', 'calibrations'].map(stem))).toEqual(
      new Set(['calibr']),
    );
    expect(new Set(['paddy', 'paddies'].map(stem))).toEqual(new Set(['paddy']));
    expect(new Set(['source', 'sources'].map(stem))).toEqual(new Set(['sourc']));
    expect(new Set(['model', 'models', 'modelling', 'modeling'].map(stem))).toEqual(new Set(['model']));
    expect(new Set(['study', 'studies', 'studied'].map(stem))).toEqual(new Set(['study']));
    expect(new Set(['plan', 'planned', 'planning'].map(stem))).toEqual(new Set(['plan']));
  });

  it('leaves short words, -ss/-us/-is words and non-ASCII words alone', () => {
    expect(stem('gas')).toBe('gas');
    expect(stem('process')).toBe('process');
    expect(stem('virus')).toBe('virus');
    expect(stem('analysis')).toBe('analysis');
    expect(stem('string')).toBe('string');
    expect(stem('ruộng')).toBe('ruộng');
  });
});

describe('tokenize', () => {
  it('lower-cases, stems and drops stop-words, numbers and one-letter words', () => {
    expect(tokenize('The Methane emissions of a rice paddy in 2030, and CO2 (x)')).toEqual([
      'methan',
      'emission',
      'ric',
      'paddy',
      'co2',
    ]);
  });

  it('never returns a stop-word', () => {
    const text = [...STOP_WORDS].join(' ');
    expect(tokenize(text)).toEqual([]);
    expect(tokenize(text.toUpperCase())).toEqual([]);
  });

  it('keeps inner apostrophes and dots inside one word', () => {
    expect(tokenize("farmers' co-operative U.S. Japan's")).toEqual(['farmer', 'co', 'operativ', 'japan']);
  });

  it('segments Japanese without spaces and keeps kanji and katakana words, not hiragana', () => {
    expect(tokenize('水田からのメタン排出を削減する')).toEqual(['水田', 'メタン', '排出', '削減']);
  });

  it('folds full-width and half-width forms (NFKC)', () => {
    expect(tokenize('ＡＩによるｽﾏｰﾄ農業')).toEqual(['ai', 'スマート', '農業']);
    expect(tokenize('5Ｇ通信')).toEqual(['5g', '通信']);
  });

  it('segments Thai and keeps Vietnamese words with their diacritics', () => {
    expect(tokenize('การจัดการน้ำในนาข้าว')).toContain('ข้าว');
    expect(tokenize('Quản lý nước tưới trong ruộng lúa')).toEqual([
      'quản',
      'lý',
      'nước',
      'tưới',
      'trong',
      'ruộng',
      'lúa',
    ]);
  });

  it('gives the same terms however often it is called (the word cache changes nothing)', () => {
    const text = 'Irrigation scheduling for paddies; 灌漑 スケジュール';
    expect(tokenize(text)).toEqual(tokenize(text));
    expect(tokenize('')).toEqual([]);
  });
});
