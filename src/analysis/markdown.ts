export type LineKind = 'blank' | 'heading' | 'list' | 'table' | 'table_separator' | 'paragraph';

export interface MarkdownLine {
  index: number;
  start: number;
  /** Exclusive; the newline is not part of the line. */
  end: number;
  kind: LineKind;
  indent: number;
  /** Offset after the heading hashes, list marker or quote marker. */
  contentStart: number;
  headingLevel: number;
  /** A numbered list item or a heading whose text starts with a number ("### 2. Acme"). */
  numbered: boolean;
  /** How many headings come before this line: lines of one section share it. */
  section: number;
  table: number;
}

export interface BoldSpan {
  /** Offsets of the text between the markers. */
  start: number;
  end: number;
  line: number;
}

export interface TableCell {
  start: number;
  end: number;
  line: number;
  table: number;
  column: number;
  header: boolean;
}

export interface MarkdownDocument {
  text: string;
  lines: MarkdownLine[];
  bold: BoldSpan[];
  cells: TableCell[];
}

const HEADING = /^(\s{0,3})(#{1,6})\s+/;
const LIST_ITEM = /^(\s*)(?:>\s*)?([-*+•]|\d{1,2}[.)])\s+/;
const QUOTE = /^(\s*)>\s?/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const BOLD = /\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__/g;
const NUMBERED_TEXT = /^(?:\*\*|__)?\d{1,2}[.)]\s/;

function indentWidth(raw: string): number {
  let width = 0;
  for (const char of raw) {
    if (char === ' ') width++;
    else if (char === '\t') width += 4;
    else break;
  }
  return width;
}

function classifyLine(text: string, start: number, end: number, index: number): MarkdownLine {
  const raw = text.slice(start, end);
  const line: MarkdownLine = {
    index,
    start,
    end,
    kind: 'paragraph',
    indent: indentWidth(raw),
    contentStart: start,
    headingLevel: 0,
    numbered: false,
    section: 0,
    table: -1,
  };
  const trimmed = raw.trim();
  if (trimmed === '') {
    line.kind = 'blank';
    return line;
  }
  const heading = HEADING.exec(raw);
  if (heading !== null) {
    line.kind = 'heading';
    line.headingLevel = heading[2].length;
    line.contentStart = start + heading[0].length;
    line.numbered = NUMBERED_TEXT.test(raw.slice(heading[0].length));
    return line;
  }
  if (trimmed.startsWith('|')) {
    line.kind = TABLE_SEPARATOR.test(raw) ? 'table_separator' : 'table';
    line.contentStart = start + raw.indexOf('|');
    return line;
  }
  const item = LIST_ITEM.exec(raw);
  if (item !== null && !/^\s*\*\*/.test(raw)) {
    line.kind = 'list';
    line.contentStart = start + item[0].length;
    line.numbered = /\d/.test(item[2]);
    return line;
  }
  const quote = QUOTE.exec(raw);
  line.contentStart = start + (quote === null ? line.indent : quote[0].length);
  return line;
}

function splitCells(text: string, line: MarkdownLine, header: boolean): TableCell[] {
  const cells: TableCell[] = [];
  let cellStart = line.contentStart + 1;
  let column = 0;
  for (let index = cellStart; index <= line.end; index++) {
    const atEnd = index === line.end;
    if (!atEnd && (text[index] !== '|' || text[index - 1] === '\\')) continue;
    let start = cellStart;
    let end = index;
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (!(atEnd && start === end)) {
      cells.push({ start, end, line: line.index, table: line.table, column, header });
    }
    column++;
    cellStart = index + 1;
  }
  return cells;
}

/** Splits an answer into lines with their Markdown roles, bold spans and table cells. */
export function parseMarkdown(text: string): MarkdownDocument {
  const lines: MarkdownLine[] = [];
  let start = 0;
  for (;;) {
    const newline = text.indexOf('\n', start);
    const stop = newline < 0 ? text.length : newline;
    const end = stop > start && text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop;
    lines.push(classifyLine(text, start, end, lines.length));
    if (newline < 0) break;
    start = newline + 1;
  }

  const bold: BoldSpan[] = [];
  const cells: TableCell[] = [];
  let section = 0;
  let table = -1;
  for (const line of lines) {
    if (line.kind === 'heading') section++;
    line.section = section;
    if (line.kind === 'table' || line.kind === 'table_separator') {
      const previous = lines[line.index - 1];
      if (previous === undefined || (previous.kind !== 'table' && previous.kind !== 'table_separator')) {
        table++;
      }
      line.table = table;
      if (line.kind === 'table') {
        const header = lines[line.index + 1]?.kind === 'table_separator';
        cells.push(...splitCells(text, line, header));
      }
    }
    if (line.kind === 'blank' || line.end - line.start < 5) continue;
    const raw = text.slice(line.start, line.end);
    if (!raw.includes('**') && !raw.includes('__')) continue;
    for (const match of raw.matchAll(BOLD)) {
      const inner = match[1] ?? match[2] ?? '';
      const contentStart = line.start + (match.index ?? 0) + 2;
      bold.push({ start: contentStart, end: contentStart + inner.length, line: line.index });
    }
  }
  return { text, lines, bold, cells };
}

/** The index of the line holding `offset`. */
export function lineIndexAt(document: MarkdownDocument, offset: number): number {
  let low = 0;
  let high = document.lines.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (document.lines[middle].start <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

function isSentenceEnd(text: string, index: number): boolean {
  const char = text[index];
  if (char === '\n') return true;
  if (char !== '.' && char !== '!' && char !== '?') return false;
  const next = text[index + 1];
  return next === undefined || next === ' ' || next === '\n' || next === '\t';
}

/** The sentence around `offset`: from after the previous sentence end to the next one (inclusive). */
export function sentenceBounds(text: string, offset: number): { start: number; end: number } {
  let start = offset;
  while (start > 0 && !isSentenceEnd(text, start - 1)) start--;
  let end = offset;
  while (end < text.length && !isSentenceEnd(text, end)) end++;
  return { start, end: Math.min(text.length, end + 1) };
}
