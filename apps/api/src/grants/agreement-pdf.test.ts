import { describe, expect, it } from 'vitest';
import { printable } from './agreement-pdf.js';

describe('agreement PDF text', () => {
  it('keeps Latin-1 and typographic punctuation, drops marks Helvetica cannot print and replaces other scripts', () => {
    expect(printable('Universiti Teknologi Malaysia – “UTM”')).toBe('Universiti Teknologi Malaysia – “UTM”');
    expect(printable('Université de Genève, São Paulo')).toBe('Université de Genève, São Paulo');
    expect(printable('京都大学 Kyoto University')).toBe('???? Kyoto University');
    expect(printable('จุฬาลงกรณ์')).toMatch(/^\?+$/);
    expect(printable('Trường Đại học Quốc gia Hà Nội')).toBe('Truong Dai hoc Quoc gia Hà Noi');
  });
});
