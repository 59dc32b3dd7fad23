import { directedTone } from './directed-tone.ts';
import { lineIndexAt, type MarkdownDocument, type MarkdownLine, sentenceBounds } from './markdown.ts';
import { VERDICT_TITLES } from './sentiment-lexicon.ts';
import { cuesWithin, type ToneCue } from './tone-cues.ts';

export type Sentiment = 'positive' | 'neutral' | 'negative';

export interface Span {
  start: number;
  end: number;
}

/** Where a brand is named; `owner` tells the brands apart. */
export interface OwnedSpan extends Span {
  owner: number;
}

export interface SentimentInput {
  text: string;
  folded: string;
  document: MarkdownDocument;
  /** The answer's tone cues (`findToneCues`), shared by every brand of the answer. */
  cues: ToneCue[];
  /** Where every brand of the answer is named, in text order. */
  names: OwnedSpan[];
  /** The brand whose tone is judged. */
  owner: number;
  /** The names in each cue's clause, filled as cues are read; shared by the brands of one answer. */
  clauseNames: Map<ToneCue, OwnedSpan[]>;
  /**
   * The answer is about this brand alone (the question named it and no other tracked name), so
   * sentences that name no brand are read as about it too.
   */
  subject?: boolean;
}

export interface SentimentEvidence {
  positive: number;
  negative: number;
  spans: Array<Span & { positive: number; negative: number }>;
}

const BALANCED = /\b(?:both|neither|either)\b/;
const COORDINATION = /^[\s*_]*(?:,|and|or|&|y|et|und|e|o|ou)?[\s*_]*$/;
const LEAD_PREFIX = /^[\s*_#>|+•-]*(?:\d{1,2}[.)])?[\s*_]*$/;
const BOLD_OPENING = /^\s*(?:\*\*|__)/;
const STANDALONE_BOLD = /^\s*(?:\*\*|__)[^*_]+(?:\*\*|__)\s*$/;
const HEADING_SECTION_LIMIT = 1500;

function isStandaloneBoldLine(document: MarkdownDocument, line: MarkdownLine): boolean {
  return STANDALONE_BOLD.test(document.text.slice(line.start, line.end));
}

/** Where the block led by `line` ends: its nested lines, or its section under a heading. */
function blockEnd(document: MarkdownDocument, line: MarkdownLine): number {
  const { lines, text } = document;
  let last = line;
  for (let index = line.index + 1; index < lines.length; index++) {
    const next = lines[index];
    if (next.kind === 'heading' || line.kind === 'table') break;
    if (line.kind === 'heading' && last.end - line.start > HEADING_SECTION_LIMIT) break;
    if (
      line.kind === 'list' &&
      (next.kind === 'list' || next.kind === 'paragraph') &&
      next.indent <= line.indent
    )
      break;
    if (line.kind === 'paragraph') {
      if (next.kind === 'paragraph' && BOLD_OPENING.test(text.slice(next.start, next.end))) break;
      if (next.kind === 'blank' && !isStandaloneBoldLine(document, line)) break;
    }
    if (next.kind !== 'blank') last = next;
  }
  return last.end;
}

function sectionTitle(document: MarkdownDocument, line: MarkdownLine): string {
  for (let index = line.index; index >= 0; index--) {
    const candidate = document.lines[index];
    if (candidate.kind === 'heading') return document.text.slice(candidate.start, candidate.end);
  }
  return '';
}

const BOLD_LABEL = /^[\s>*_+•-]*(?:\*\*|__)([^*_]+?)(?:\*\*|__)/;

/** Under a verdict heading ("## Bottom line") or after a verdict label ("**Verdict:** …") in its line. */
function underVerdict(document: MarkdownDocument, line: MarkdownLine, offset: number): boolean {
  if (VERDICT_TITLES.test(sectionTitle(document, line).toLowerCase())) return true;
  const label = BOLD_LABEL.exec(document.text.slice(line.start, offset));
  return label !== null && VERDICT_TITLES.test(label[1].toLowerCase());
}

const CLAUSE_BREAKS = new Set([...',;:.!?()—–\n|'].map((char) => char.charCodeAt(0)));
const CONTRAST =
  /\b(?:but|while|whereas|although|though|however|pero|mientras|mais|alors que|aber|wahrend|mentre|enquanto)\b/g;

/** The clause around `offset`: between punctuation breaks, cut at a contrasting conjunction. */
function clauseAt(folded: string, offset: number): Span {
  let start = offset;
  while (start > 0 && !CLAUSE_BREAKS.has(folded.charCodeAt(start - 1))) start--;
  let end = offset;
  while (end < folded.length && !CLAUSE_BREAKS.has(folded.charCodeAt(end))) end++;
  for (const match of folded.slice(start, end).matchAll(CONTRAST)) {
    const at = start + (match.index ?? 0);
    if (at < offset) start = at;
    else if (at > offset) {
      end = at;
      break;
    }
  }
  return { start, end };
}

/**
 * Whom a cue is about: the brand named nearest before it in its clause (with the names joined to it
 * by "and" or a comma: "Wave and Zoho Books are the best starting points"), else the brand named
 * after it there, else nobody in particular.
 */
function cueIsAbout(input: SentimentInput, cue: ToneCue): 'brand' | 'other' | 'unnamed' {
  let inClause = input.clauseNames.get(cue);
  if (inClause === undefined) {
    const clause = clauseAt(input.folded, cue.start);
    inClause = input.names.filter((name) => name.start >= clause.start && name.end <= clause.end);
    input.clauseNames.set(cue, inClause);
  }
  if (inClause.length === 0) return 'unnamed';
  const before = inClause.filter((name) => name.end <= cue.start);
  if (before.length === 0) return inClause[0].owner === input.owner ? 'brand' : 'other';
  for (let index = before.length - 1; index >= 0; index--) {
    if (before[index].owner === input.owner) return 'brand';
    const previous = before[index - 1];
    if (previous === undefined || !COORDINATION.test(input.folded.slice(previous.end, before[index].start)))
      break;
  }
  return 'other';
}

/** The weights of the cues in `span` that are about the brand (or about nobody in particular). */
function scoreSpan(
  input: SentimentInput,
  span: Span,
  weight: number,
): { positive: number; negative: number } {
  let positive = 0;
  let negative = 0;
  for (const cue of cuesWithin(input.cues, span.start, span.end)) {
    if (cueIsAbout(input, cue) === 'other') continue;
    positive += cue.positive * weight;
    negative += cue.negative * weight;
  }
  return { positive, negative };
}

function namesOthersWithin(input: SentimentInput, span: Span): boolean {
  return input.names.some(
    (name) => name.owner !== input.owner && name.start < span.end && name.end > span.start,
  );
}

function leadsItsLine(document: MarkdownDocument, line: MarkdownLine, offset: number): boolean {
  if (line.kind === 'blank') return false;
  const prefix = document.text.slice(line.start, offset);
  if (!LEAD_PREFIX.test(prefix)) return false;
  return line.kind !== 'paragraph' || prefix.includes('**') || prefix.includes('__');
}

const PICK_TITLE =
  /\b(?:(?:my|our|top|best|editor'?s'?) (?:pick|choice|recommendation)|best overall|(?:the|our) winner|which (?:one )?(?:should|would) (?:you|i) (?:buy|choose|pick|get))\b/;
const PICK_WEIGHT = 2;

/**
 * The name opens the section under a pick title ("### My pick" then "The **Acme X** is…"): the
 * first brand named in the first line under a heading or a bold title line that announces a pick.
 */
function opensPickSection(input: SentimentInput, line: MarkdownLine, offset: number): boolean {
  const { document } = input;
  let index = line.index - 1;
  while (index >= 0 && document.lines[index].kind === 'blank') index--;
  if (index < 0) return false;
  const title = document.lines[index];
  if (title.kind !== 'heading' && !isStandaloneBoldLine(document, title)) return false;
  if (!PICK_TITLE.test(input.folded.slice(title.start, title.end))) return false;
  return !input.names.some((name) => name.start >= title.start && name.start < offset);
}

/** The line is an entry led by another brand ("- **Rival** — faster than Acme"): it is about that one. */
function ledByOther(input: SentimentInput, line: MarkdownLine): boolean {
  const first = input.names.find((name) => name.start >= line.start && name.start < line.end);
  return (
    first !== undefined && first.owner !== input.owner && leadsItsLine(input.document, line, first.start)
  );
}

/** The stretches of the answer read for the brand's tone, with the cue weights found in each. */
export function collectSentimentEvidence(input: SentimentInput): SentimentEvidence {
  const { folded, document } = input;
  const evidence: SentimentEvidence = { positive: 0, negative: 0, spans: [] };
  const add = (span: Span, weight: number) => {
    const score = scoreSpan(input, span, weight);
    evidence.spans.push({ ...span, ...score });
    evidence.positive += score.positive;
    evidence.negative += score.negative;
  };
  const aimedAt: SentimentEvidence['spans'] = [];
  for (const occurrence of input.names) {
    if (occurrence.owner !== input.owner) continue;
    const sentence = sentenceBounds(folded, occurrence.start);
    const aimed = directedTone(
      folded,
      occurrence.start,
      occurrence.end,
      folded.slice(sentence.start, sentence.end),
    );
    const line = document.lines[lineIndexAt(document, occurrence.start)];
    if (opensPickSection(input, line, occurrence.start)) aimed.positive += PICK_WEIGHT;
    if (aimed.positive + aimed.negative > 0)
      aimedAt.push({ start: occurrence.start, end: occurrence.end, ...aimed });
    if (evidence.spans.some((span) => occurrence.start >= span.start && occurrence.end <= span.end)) continue;
    const weight = underVerdict(document, line, occurrence.start) ? 1.5 : 1;
    if (leadsItsLine(document, line, occurrence.start)) {
      add({ start: line.start, end: blockEnd(document, line) }, weight);
      continue;
    }
    if (ledByOther(input, line)) {
      add(clauseAt(folded, occurrence.start), weight);
      continue;
    }
    if (namesOthersWithin(input, sentence) && BALANCED.test(folded.slice(sentence.start, sentence.end)))
      continue;
    add(sentence, weight);
  }
  if (input.subject === true) addUnnamedSentences(input, evidence, add);
  for (const span of aimedAt) {
    evidence.spans.push(span);
    evidence.positive += span.positive;
    evidence.negative += span.negative;
  }
  return evidence;
}

function addUnnamedSentences(
  input: SentimentInput,
  evidence: SentimentEvidence,
  add: (span: Span, weight: number) => void,
): void {
  const read = [...evidence.spans];
  for (const line of input.document.lines) {
    if (line.kind === 'blank' || line.kind === 'table_separator') continue;
    let start = line.contentStart;
    while (start < line.end) {
      const sentence = sentenceBounds(input.folded, start);
      const span = { start: Math.max(start, sentence.start), end: Math.min(line.end, sentence.end) };
      start = span.end + 1;
      if (span.end <= span.start) continue;
      if (read.some((other) => other.start < span.end && other.end > span.start)) continue;
      if (namesOthersWithin(input, span)) continue;
      if (cuesWithin(input.cues, span.start, span.end).length > 0) add(span, 1);
    }
  }
}

/** The brand's tone in the answer: praise and top picks against warnings and complaints. */
export function judgeSentiment(input: SentimentInput): Sentiment | null {
  if (!input.names.some((name) => name.owner === input.owner)) return null;
  const { positive, negative } = collectSentimentEvidence(input);
  if (positive >= 2 && positive > 2 * negative) return 'positive';
  if (negative >= 2 && negative > 1.5 * positive) return 'negative';
  return 'neutral';
}
