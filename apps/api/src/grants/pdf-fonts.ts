import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * Fonts for the agreement PDF. Names and titles come in every script of the region (京都大学, จุฬาลงกรณ์มหาวิทยาลัย,
 * Trường Đại học…), and no single font covers them all, so the text is cut into runs by script and each run is set in
 * a Noto font that has it. The fonts are found on the machine (Debian's fonts-noto-core and fonts-noto-cjk, or a
 * directory named by PDF_FONT_DIR); a script whose font is missing falls back to PDF's standard Helvetica, where
 * characters it cannot print become "?" (see printable() in agreement-pdf.ts).
 */

export type Script = 'latin' | 'cjk' | 'thai' | 'khmer' | 'lao' | 'myanmar';
export type Weight = 'regular' | 'bold';

/** A font file, and for a collection (.ttc) the PostScript name of the face to use. */
export interface FontFile {
  path: string;
  face?: string;
}

export type FontSet = Partial<Record<`${Script}-${Weight}`, FontFile>>;

const FILES: Record<`${Script}-${Weight}`, { file: string; face?: string }> = {
  'latin-regular': { file: 'NotoSans-Regular.ttf' },
  'latin-bold': { file: 'NotoSans-Bold.ttf' },
  'cjk-regular': { file: 'NotoSansCJK-Regular.ttc', face: 'NotoSansCJKjp-Regular' },
  'cjk-bold': { file: 'NotoSansCJK-Bold.ttc', face: 'NotoSansCJKjp-Bold' },
  'thai-regular': { file: 'NotoSansThai-Regular.ttf' },
  'thai-bold': { file: 'NotoSansThai-Bold.ttf' },
  'khmer-regular': { file: 'NotoSansKhmer-Regular.ttf' },
  'khmer-bold': { file: 'NotoSansKhmer-Bold.ttf' },
  'lao-regular': { file: 'NotoSansLao-Regular.ttf' },
  'lao-bold': { file: 'NotoSansLao-Bold.ttf' },
  'myanmar-regular': { file: 'NotoSansMyanmar-Regular.ttf' },
  'myanmar-bold': { file: 'NotoSansMyanmar-Bold.ttf' },
};

const SYSTEM_DIRS = ['/usr/share/fonts/truetype/noto', '/usr/share/fonts/opentype/noto'];

/** The Noto fonts found in `fontDir` (the config's PDF_FONT_DIR) or else in Debian's font folders, by script and weight. */
export function findFonts(fontDir?: string, systemDirs: readonly string[] = SYSTEM_DIRS): FontSet {
  const found: FontSet = {};
  for (const dir of [fontDir ?? '', ...systemDirs]) {
    if (!dir || !existsSync(dir)) continue;
    const names = new Set(readdirSync(dir));
    for (const [key, { file, face }] of Object.entries(FILES) as [keyof FontSet, (typeof FILES)[keyof FontSet]][]) {
      if (!found[key] && names.has(file)) found[key] = { path: join(dir, file), ...(face ? { face } : {}) };
    }
  }
  return found;
}

const cache = new Map<string, Buffer>();

/** A font file's bytes, read once per process (the CJK collection is ~20 MB). */
export function fontBytes(path: string): Buffer {
  let bytes = cache.get(path);
  if (!bytes) {
    bytes = readFileSync(path);
    cache.set(path, bytes);
  }
  return bytes;
}

const SCRIPTS: [Script, RegExp][] = [
  // Script_Extensions, so signs shared by the CJK scripts (ー, 、, 。) count as CJK too.
  ['cjk', /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\uFF00-\uFFEF]/u],
  ['thai', /\p{scx=Thai}/u],
  ['khmer', /\p{scx=Khmer}/u],
  ['lao', /\p{scx=Lao}/u],
  ['myanmar', /\p{scx=Myanmar}/u],
];

/**
 * The script a character needs a font for; null for characters that go with their neighbours: spaces, digits, ASCII
 * punctuation, and combining marks (which belong to the letter before them).
 */
export function scriptOf(char: string): Script | null {
  if (/\p{M}/u.test(char)) return null;
  for (const [script, pattern] of SCRIPTS) if (pattern.test(char)) return script;
  return /\p{L}/u.test(char) || char > '\u007F' ? 'latin' : null;
}

/** The text cut into runs of one script; neutral characters join the run they are in (or the next one). */
export function scriptRuns(text: string): { script: Script; text: string }[] {
  const runs: { script: Script; text: string }[] = [];
  let pending = '';
  for (const char of text) {
    const script = scriptOf(char);
    const last = runs.at(-1);
    if (script === null) {
      if (last) last.text += char;
      else pending += char;
    } else if (last && last.script === script) {
      last.text += char;
    } else {
      runs.push({ script, text: pending + char });
      pending = '';
    }
  }
  if (pending) runs.push({ script: 'latin', text: pending });
  return runs;
}
