import { describe, expect, it } from 'vitest';
import { en } from './en';
import { ja } from './ja';

type Tree = { readonly [key: string]: string | Tree };

/** Every leaf key as a dotted path, with its value. */
function leaves(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') for (const [k, v] of leaves(value, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

function placeholders(text: unknown): string[] {
  return typeof text === 'string' ? [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1] ?? '').sort() : [];
}

describe('translations', () => {
  const english = leaves(en);
  const japanese = leaves(ja);

  it('has every English key in Japanese, as a non-empty string', () => {
    const missing = [...english.keys()].filter((key) => {
      const value = japanese.get(key);
      return typeof value !== 'string' || value.trim() === '';
    });
    expect(missing).toEqual([]);
  });

  it('has every Japanese key in English, as a non-empty string', () => {
    const missing = [...japanese.keys()].filter((key) => {
      const value = english.get(key);
      return typeof value !== 'string' || value.trim() === '';
    });
    expect(missing).toEqual([]);
  });

  it('uses the same interpolation variables in both languages', () => {
    const mismatched = [...english.keys()].filter(
      (key) => placeholders(english.get(key)).join() !== placeholders(japanese.get(key)).join(),
    );
    expect(mismatched).toEqual([]);
  });
});
