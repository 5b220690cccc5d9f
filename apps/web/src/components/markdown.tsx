import { createElement, type ReactNode } from 'react';

/*
 * A deliberately tiny Markdown subset, rendered straight to React elements: text only ever becomes text nodes, so
 * nothing in the source can inject markup, attributes or script (no dangerouslySetInnerHTML anywhere). Supported:
 * headings (#–######), paragraphs, bulleted (-, *, +) and numbered (1. or 1)) lists, fenced code blocks (```),
 * **bold**, *italic*, `code`, backslash escapes and [links](https://…) whose target is http or https — any other
 * link (javascript:, data:, relative) is shown as its text alone. Raw HTML is shown as the characters typed.
 */

type Block =
  | { type: 'heading'; level: number; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'list'; ordered: boolean; start: number; items: string[] }
  | { type: 'code'; text: string };

const HEADING = /^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/;
const BULLET = /^[ \t]{0,3}[-*+][ \t]+(.*)$/;
const NUMBERED = /^[ \t]{0,3}(\d{1,9})[.)][ \t]+(.*)$/;
const FENCE = /^[ \t]{0,3}```/;
const CONTINUATION = /^[ \t]{2,}\S/;

function parseBlocks(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      i++;
      continue;
    }
    if (FENCE.test(line)) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !FENCE.test(lines[i] ?? '')) body.push(lines[i++] ?? '');
      i++; // the closing fence (or the end)
      blocks.push({ type: 'code', text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ type: 'heading', level: heading[1]?.length ?? 1, text: heading[2] ?? '' });
      i++;
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      const ordered = !!numbered;
      const pattern = ordered ? NUMBERED : BULLET;
      const items: string[] = [];
      while (i < lines.length) {
        const current = lines[i] ?? '';
        const match = pattern.exec(current);
        if (match) {
          items.push((ordered ? match[2] : match[1]) ?? '');
        } else if (CONTINUATION.test(current) && items.length > 0) {
          items[items.length - 1] += ` ${current.trim()}`;
        } else {
          break;
        }
        i++;
      }
      blocks.push({ type: 'list', ordered, start: ordered ? Number(numbered?.[1] ?? 1) : 1, items });
      continue;
    }
    const text: string[] = [];
    while (i < lines.length) {
      const current = lines[i] ?? '';
      if (current.trim() === '' || HEADING.test(current) || FENCE.test(current)) break;
      if (text.length > 0 && (BULLET.test(current) || NUMBERED.test(current))) break;
      text.push(current.trim());
      i++;
    }
    blocks.push({ type: 'paragraph', text: text.join(' ') });
  }
  return blocks;
}

/** The URL when it is an absolute http(s) URL, else undefined. */
export function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

const ESCAPABLE = /[\\`*_[\]()#+\-.!<>{}|~]/;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Index of the `]` closing the `[` at `open`, allowing nested brackets; -1 if none. */
function closingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  return -1;
}

/** Index of the `)` closing the `(` at `open`, allowing balanced parentheses in URLs; -1 if none. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
    else if (c === ' ' || c === '\n') return -1;
  }
  return -1;
}

/** Where the emphasis opened by `delimiter` at `from` closes, or -1. */
function closingDelimiter(text: string, delimiter: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const at = text.indexOf(delimiter, i);
    if (at < 0) return -1;
    if (text[at - 1] === '\\') {
      i = at + 1;
      continue;
    }
    const before = text[at - 1] ?? '';
    const after = text[at + delimiter.length] ?? '';
    if (delimiter.length === 1 && after === delimiter) {
      // A double delimiter inside single emphasis (*a **b** c*) is not its closer.
      i = at + 2;
      continue;
    }
    // A closer follows a non-space; `_` must also not sit inside a word (snake_case stays as it is).
    const intraword = delimiter[0] === '_' && WORD_CHAR.test(after);
    if (at > from && before.trim() !== '' && !intraword) return at;
    i = at + delimiter.length;
  }
  return -1;
}

function parseInline(text: string, key: string): ReactNode[] {
  const out: ReactNode[] = [];
  let plain = '';
  let n = 0;
  const flush = () => {
    if (plain) out.push(plain);
    plain = '';
  };
  const push = (node: ReactNode) => {
    flush();
    out.push(node);
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    const next = text[i + 1] ?? '';
    if (c === '\\' && ESCAPABLE.test(next)) {
      plain += next;
      i += 2;
      continue;
    }
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) {
        push(<code key={`${key}.${n++}`}>{text.slice(i + 1, end)}</code>);
        i = end + 1;
        continue;
      }
    }
    if ((c === '*' || c === '_') && next.trim() !== '') {
      const double = next === c;
      const delimiter = double ? c + c : c;
      const start = i + delimiter.length;
      const before = text[i - 1] ?? '';
      const opensWord = !(c === '_' && WORD_CHAR.test(before));
      if (opensWord && (text[start] ?? '').trim() !== '') {
        const end = closingDelimiter(text, delimiter, start);
        if (end > start) {
          const inner = parseInline(text.slice(start, end), `${key}.${n}`);
          push(double ? <strong key={`${key}.${n++}`}>{inner}</strong> : <em key={`${key}.${n++}`}>{inner}</em>);
          i = end + delimiter.length;
          continue;
        }
      }
    }
    if (c === '[') {
      const close = closingBracket(text, i);
      if (close > i && text[close + 1] === '(') {
        const paren = closingParen(text, close + 1);
        if (paren > close) {
          const label = parseInline(text.slice(i + 1, close), `${key}.${n}`);
          const href = safeHref(text.slice(close + 2, paren));
          push(
            href ? (
              <a key={`${key}.${n++}`} href={href} rel="nofollow noopener noreferrer">
                {label}
              </a>
            ) : (
              <span key={`${key}.${n++}`}>{label}</span>
            ),
          );
          i = paren + 1;
          continue;
        }
      }
    }
    plain += c;
    i++;
  }
  flush();
  return out;
}

/** The React elements of `source`; Markdown headings start at `<h{headingLevel}>` (default 2). */
export function renderMarkdown(source: string, options: { headingLevel?: number } = {}): ReactNode[] {
  const base = Math.min(Math.max(options.headingLevel ?? 2, 1), 6);
  return parseBlocks(source).map((block, index) => {
    const key = `b${index}`;
    switch (block.type) {
      case 'heading':
        return createElement(`h${Math.min(base + block.level - 1, 6)}`, { key }, parseInline(block.text, key));
      case 'paragraph':
        return <p key={key}>{parseInline(block.text, key)}</p>;
      case 'code':
        return (
          <pre key={key}>
            <code>{block.text}</code>
          </pre>
        );
      case 'list': {
        const items = block.items.map((item, itemIndex) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: items have no identity besides their position.
          <li key={itemIndex}>{parseInline(item, `${key}.${itemIndex}`)}</li>
        ));
        return block.ordered ? (
          <ol key={key} start={block.start === 1 ? undefined : block.start}>
            {items}
          </ol>
        ) : (
          <ul key={key}>{items}</ul>
        );
      }
      default:
        return null;
    }
  });
}

/** Markdown written by people (a call's description), shown safely. */
export function Markdown({
  source,
  headingLevel,
  className,
  testId,
}: {
  source: string;
  headingLevel?: number;
  className?: string;
  testId?: string;
}) {
  return (
    <div className={className ? `markdown ${className}` : 'markdown'} data-testid={testId}>
      {renderMarkdown(source, { headingLevel })}
    </div>
  );
}
