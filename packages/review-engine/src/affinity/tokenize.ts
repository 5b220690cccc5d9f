/**
 * Tokenizer shared by proposals and reviewers' expertise, for English, Japanese and the other scripts of the region.
 *
 * 1. The text is NFC-normalised and cut into runs of letters, marks and digits (joined by an inner apostrophe or dot,
 *    as Unicode word boundaries do: "don't", "u.s"). A run containing Han, kana, Thai, Lao, Khmer or Burmese
 *    characters is split into words with `Intl.Segmenter` (granularity "word", `isWordLike` only), whose ICU
 *    dictionaries segment text written without spaces; any other run is one word. Segmenting only those runs gives the
 *    same words as segmenting everything and is about 50 times faster on English text.
 * 2. Each word is NFKC-normalised and lower-cased ("ＡＩ" → "ai", "ｽﾏｰﾄ" → "スマート"). NFKC is applied per word, after
 *    segmenting, because it decomposes Thai SARA AM and would break Thai segmentation if applied to the whole text.
 * 3. A possessive "'s" is removed, then apostrophes and dots inside a word ("u.s." → "us", "don't" → "dont").
 * 4. Dropped: English stop-words ({@link STOP_WORDS}, checked before stemming), numbers (digits only), one-character
 *    Latin words and digits, and words written only in hiragana (particles and inflections: の, から, による, する).
 *    Kanji and katakana words are kept, including single kanji (米, 量).
 * 5. Words made only of ASCII letters are stemmed with {@link stem}; other words (Vietnamese with its diacritics, Thai,
 *    Japanese…) are kept as they are.
 */

/** A small English stop-word list (function words and boilerplate of abstracts), lower case, before stemming. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above across after again against all almost along also although am among an and another any are around as ' +
    'at based be because been before being below between both but by can could did do does doing done dont down during each ' +
    'eg either etc even ever every few for from further had has have having he her here hers herself him himself his how ' +
    'however ie if in into is it its itself just less many may me might more most much must my myself neither no nor not ' +
    'of off often on once one only or other our ours ourselves out over own per rather same several shall she should ' +
    'since so some such than that the their theirs them themselves then there therefore these they this those though ' +
    'through thus to too toward towards under until up upon us use used uses using very via was we were what when where ' +
    'whether which while who whom whose why will with within without would yet you your yours yourself yourselves'
  ).split(' '),
);

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

const WORD_RUN = /[\p{L}\p{M}\p{N}]+(?:['’.][\p{L}\p{M}\p{N}]+)*/gu;
const NEEDS_DICTIONARY =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const ASCII = /^[\x20-\x7e]*$/;
const INNER_PUNCTUATION = /['’.]/;
const INNER_PUNCTUATION_ALL = /['’.]/g;
const ASCII_WORD = /^[a-z]+$/;
const DIGITS_ONLY = /^\p{Nd}+$/u;
const SINGLE_LATIN_OR_DIGIT = /^[\p{Script=Latin}\p{Nd}]$/u;
const HIRAGANA_ONLY = /^[\p{Script=Hiragana}ー]+$/u;
const VOWEL = /[aeiouy]/;

/**
 * Suffix rules tried in this order; the first whose remaining stem keeps at least 3 letters applies, once.
 * `collapse` removes a doubled final consonant left by "-ing"/"-ed" (running → run, planned → plan), except l, s
 * and z (filled → fill, passed → pass); `stem` then shortens a final "ll" of long words (controlled → control).
 */
const SUFFIX_RULES: readonly (readonly [suffix: string, replacement: string, collapse: boolean])[] = [
  ['sses', 'ss', false],
  ['ies', 'y', false],
  ['ied', 'y', false],
  ['ations', '', false],
  ['ation', '', false],
  ['ating', '', false],
  ['ated', '', false],
  ['ates', '', false],
  ['ate', '', false],
  ['ings', '', true],
  ['ing', '', true],
  ['ed', '', true],
  ['es', '', false],
  ['s', '', false],
];

/**
 * A deliberately small, predictable English stemmer for a lower-case ASCII word: one suffix rule from
 * {@link SUFFIX_RULES} (the stem must keep at least 3 letters and, for "-ing"/"-ed", a vowel), then a final "e" is
 * dropped from words longer than 3 letters and a final "ll" becomes "l" in words of 6 letters or more. So
 * paddy/paddies → paddy, calibrate/calibrated/calibrating/calibration → calibr, source/sources → sourc,
 * model/modelling → model, emission/emissions → emission. A word ending in "ss", "us" or "is" keeps its "s" (process,
 * virus, analysis). Words of 3 letters or fewer are returned as they are.
 */
export function stem(word: string): string {
  if (word.length <= 3 || !ASCII_WORD.test(word)) return word;
  let w = word;
  for (const [suffix, replacement, collapse] of SUFFIX_RULES) {
    if (!w.endsWith(suffix)) continue;
    const base = w.slice(0, w.length - suffix.length);
    if (base.length + replacement.length < 3) continue;
    if (suffix === 's' && (base.endsWith('s') || base.endsWith('u') || base.endsWith('i'))) break;
    if (collapse && !VOWEL.test(base)) continue;
    w = base + replacement;
    if (collapse && w.length > 3) {
      const last = w[w.length - 1] as string;
      if (last === w[w.length - 2] && !'aeiouylsz'.includes(last)) w = w.slice(0, -1);
    }
    break;
  }
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.length >= 6 && w.endsWith('ll')) w = w.slice(0, -1);
  return w;
}

/** A kept word: `term` is what is indexed and matched (stemmed), `surface` the normalised word as written. */
export interface Token {
  readonly term: string;
  readonly surface: string;
}

/** The token of a written word, or null when it is dropped. */
function makeToken(written: string): Token | null {
  let word = (ASCII.test(written) ? written : written.normalize('NFKC')).toLowerCase();
  if (word.endsWith("'s") || word.endsWith('’s')) word = word.slice(0, -2);
  if (INNER_PUNCTUATION.test(word)) word = word.replace(INNER_PUNCTUATION_ALL, '');
  if (word.length === 0 || STOP_WORDS.has(word)) return null;
  if (DIGITS_ONLY.test(word) || SINGLE_LATIN_OR_DIGIT.test(word) || HIRAGANA_ONLY.test(word)) return null;
  return Object.freeze({ term: stem(word), surface: word });
}

/**
 * Tokens by written word: texts repeat their words, and normalising and stemming them again is most of the cost of
 * tokenizing. Cleared when it grows past {@link CACHE_LIMIT} words; it only ever holds results of pure functions.
 */
const cache = new Map<string, Token | null>();
const CACHE_LIMIT = 200_000;

function addWord(tokens: Token[], written: string) {
  let token = cache.get(written);
  if (token === undefined) {
    token = makeToken(written);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(written, token);
  }
  if (token) tokens.push(token);
}

/**
 * The kept words of `text`, in order, with their surface form (see the module comment for the rules). Tokens are
 * frozen and shared: the same written word gives the same object.
 */
export function analyze(text: string): Token[] {
  const tokens: Token[] = [];
  if (!text) return tokens;
  for (const match of text.normalize('NFC').matchAll(WORD_RUN)) {
    const run = match[0];
    if (!NEEDS_DICTIONARY.test(run)) {
      addWord(tokens, run);
      continue;
    }
    for (const segment of segmenter.segment(run)) if (segment.isWordLike) addWord(tokens, segment.segment);
  }
  return tokens;
}

/** The indexed terms of `text` (stemmed, stop-words removed), in order, repeated as often as they occur. */
export function tokenize(text: string): string[] {
  return analyze(text).map((token) => token.term);
}
