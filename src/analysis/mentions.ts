import { isCalendarWord, isDictionaryWord } from './common-words.ts';
import type { MarkdownDocument } from './markdown.ts';
import {
  atSentenceStart,
  CALENDAR_AFTER,
  CALENDAR_BEFORE,
  followedLikeAName,
  nextWord,
  previousWord,
} from './mention-context.ts';
import type { NoInformationCheck } from './no-information.ts';
import {
  foldName,
  forEachWord,
  hasUpperCase,
  isUpperCaseLetter,
  isWordCharCode,
  wordEnd,
  wordsOf,
} from './text.ts';
import { hostOf } from './urls.ts';

/** A tracked brand or competitor as the analyzer sees it. */
export interface TrackedEntity {
  name: string;
  aliases: string[];
  website: string | null;
}

interface NameVariant {
  entity: number;
  folded: string;
  isDomain: boolean;
  /** Every word is an everyday word: needs capitals and a name-like context to count. */
  ordinary: boolean;
  calendar: boolean;
  /** Written without capitals ("folk", "beehiiv"): capitals prove nothing either way. */
  lowerCaseName: boolean;
  /** Written in capitals ("ON", "REI"): never the same as the lower-case word, even in casual text. */
  acronym: boolean;
  capitalisedWords: boolean[];
  startsWithThe: boolean;
}

export interface EntityMatcher {
  entities: TrackedEntity[];
  byFirstWord: Map<string, NameVariant[]>;
}

export interface MentionOccurrence {
  entity: number;
  start: number;
  end: number;
}

/** What the matcher needs to know about one answer. */
export interface MentionContext {
  text: string;
  folded: string;
  document: MarkdownDocument;
  excluded: Array<{ start: number; end: number }>;
  saysNoInformation: NoInformationCheck;
  /** The answer is in English, whose ordinary words the dictionary knows. */
  english: boolean;
}

function variantFor(entity: number, original: string, isDomain: boolean): NameVariant | null {
  const folded = foldName(original);
  const words = wordsOf(folded);
  if (words.length === 0) return null;
  const originalWords = original
    .trim()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
  const ordinary =
    !isDomain &&
    !/[.@]/.test(folded) &&
    !/\p{Ll}\p{Lu}/u.test(original) &&
    words.every((word) => !/\d/.test(word) && isDictionaryWord(word));
  return {
    entity,
    folded,
    isDomain,
    ordinary,
    calendar: ordinary && words.length === 1 && isCalendarWord(words[0]),
    lowerCaseName: !hasUpperCase(original),
    acronym: original === original.toUpperCase() && hasUpperCase(original),
    capitalisedWords: originalWords.map((word) => isUpperCaseLetter(word[0])),
    startsWithThe: words[0] === 'the',
  };
}

/** The host of a website that is a whole site (no path), usable as a name written as text. */
function siteDomain(website: string | null): string | null {
  if (website === null) return null;
  const pathless = /^(?:[a-z][a-z0-9+.-]*:\/\/)?[^/?#]+\/?$/i.test(website.trim());
  return pathless ? hostOf(website) : null;
}

/** Precompiles the names, aliases and domains of a brand set; reuse it for every answer. */
export function compileEntityMatcher(entities: TrackedEntity[]): EntityMatcher {
  const byFirstWord = new Map<string, NameVariant[]>();
  entities.forEach((entity, index) => {
    const seen = new Set<string>();
    const add = (original: string, isDomain: boolean) => {
      const variant = variantFor(index, original, isDomain);
      if (variant === null || seen.has(variant.folded)) return;
      seen.add(variant.folded);
      const key = wordsOf(variant.folded)[0];
      if (!variant.folded.startsWith(key)) return;
      const list = byFirstWord.get(key) ?? [];
      list.push(variant);
      list.sort((left, right) => right.folded.length - left.folded.length);
      byFirstWord.set(key, list);
    };
    add(entity.name, false);
    for (const alias of entity.aliases) add(alias, false);
    const domain = siteDomain(entity.website);
    if (domain !== null) add(domain, true);
  });
  return { entities, byFirstWord };
}

function inRanges(ranges: Array<{ start: number; end: number }>, start: number, end: number): boolean {
  for (const range of ranges) {
    if (range.start >= end) return false;
    if (start < range.end && end > range.start) return true;
  }
  return false;
}

function boundariesHold(variant: NameVariant, folded: string, start: number, end: number): boolean {
  if (end < folded.length && isWordCharCode(folded, end)) return false;
  const before = folded[start - 1];
  if (variant.isDomain) {
    if (before === '/' || before === '-') return false;
    const after = folded[end];
    return !((after === '.' || after === '-') && isWordCharCode(folded, end + 1));
  }
  if (before === '/' || before === '@') return false;
  if (before === '.' && start > 1 && isWordCharCode(folded, start - 2)) return /[.]/.test(variant.folded);
  return true;
}

/** The capitalised or numbered model word that follows the name in running text ("the Acme Plus was…"). */
function modelAfter(text: string, end: number): string | null {
  const next = /^ ([\p{Lu}\d][\p{L}\d-]*)/u.exec(text.slice(end, end + 30));
  return next !== null && isModelDesignation(next[1]) ? next[1] : null;
}

/** What follows a name in a label is a model ("Plus", "X2 Pro", "(Soft)"): capitals or digits only. */
function isModelDesignation(rest: string): boolean {
  const words = rest.split(/[\s()]+/).filter((word) => word !== '');
  return words.length > 0 && words.length <= 3 && words.every((word) => /^[\p{Lu}\d]/u.test(word));
}

const PRODUCT_LINE_JOINERS = new Set(['for', 'by', 'of', 'and', '&', 'de', 'pour', 'para', 'für', 'per']);

/** A label that goes on from the name as a product line does: "Square for Restaurants", "Acme by Night". */
function isProductLine(rest: string): boolean {
  const words = rest.split(/\s+/).filter((word) => word !== '');
  if (words.length < 2 || words.length > 4 || !PRODUCT_LINE_JOINERS.has(words[0])) return false;
  return words.slice(1).every((word) => /^[\p{Lu}\d]/u.test(word) || PRODUCT_LINE_JOINERS.has(word));
}

/** The occurrence is the whole of a bold span, a table cell or the lead of a heading or list item. */
function isFormattedAsName(context: MentionContext, start: number, end: number): boolean {
  const { text, document } = context;
  const name = text.slice(start, end);
  const trimmedEquals = (spanStart: number, spanEnd: number) => {
    const label = text
      .slice(spanStart, spanEnd)
      .replace(/^\s*\d{1,2}[.)]\s*/, '')
      .replace(/[\s:.,;!?—–-]+$/, '')
      .trim();
    if (label === name) return true;
    if (!label.startsWith(`${name} `)) return false;
    const rest = label.slice(name.length);
    return isModelDesignation(rest) || isProductLine(rest);
  };
  for (const span of document.bold) {
    if (span.start <= start && span.end >= end && trimmedEquals(span.start, span.end)) return true;
  }
  for (const cell of document.cells) {
    if (cell.start <= start && cell.end >= end && trimmedEquals(cell.start, cell.end)) return true;
  }
  return false;
}

function capitalsMatch(variant: NameVariant, written: string): boolean {
  const words = written.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0);
  if (words.length !== variant.capitalisedWords.length) return isUpperCaseLetter(written[0]);
  return words.every((word, index) => {
    if (!variant.capitalisedWords[index]) return true;
    return isUpperCaseLetter(word[0]) || (word.length >= 3 && word === word.toUpperCase());
  });
}

type Verdict = 'mention' | 'not_a_mention' | 'needs_confirmation';

/**
 * In another language the dictionary does not know its ordinary words, so a one-word capitalised
 * name written all in lower case there is taken for the language's own word ("uno sfizio", "ao vivo").
 */
function foreignOrdinaryWord(variant: NameVariant, context: MentionContext, written: string): boolean {
  return (
    !context.english &&
    !variant.isDomain &&
    variant.capitalisedWords.length === 1 &&
    variant.capitalisedWords[0] &&
    !hasUpperCase(written)
  );
}

function judgeOccurrence(variant: NameVariant, context: MentionContext, start: number, end: number): Verdict {
  const { text, folded } = context;
  const written = text.slice(start, end);
  if (foreignOrdinaryWord(variant, context, written)) return 'not_a_mention';
  if (!variant.ordinary || variant.lowerCaseName) return 'mention';
  if (!capitalsMatch(variant, written)) return 'not_a_mention';
  // Written in capitals as the brand spells itself ("YETI"): the ordinary word is never written so.
  if (variant.acronym && written === written.toUpperCase()) return 'mention';
  const before = previousWord(folded, start);
  const formatted = isFormattedAsName(context, start, end);
  // "the On Cloudmonster" in running text may be the ordinary word; set as an option's label it is the name.
  if (before === 'the' && !variant.startsWithThe && !formatted) {
    const model = modelAfter(text, end);
    if (model === null) return 'not_a_mention';
    // A numbered model ("the Ember Mug 2") is a product; a worded one ("the Square Mile Walk") may not be.
    return /\d/.test(model) ? 'mention' : 'needs_confirmation';
  }
  if (variant.calendar) {
    if (CALENDAR_BEFORE.has(before) || CALENDAR_AFTER.has(nextWord(folded, end))) return 'not_a_mention';
    return formatted ? 'mention' : 'needs_confirmation';
  }
  if (formatted || variant.capitalisedWords.length > 1) return 'mention';
  if (atSentenceStart(text, start) && !followedLikeAName(text, folded, end)) return 'needs_confirmation';
  return 'mention';
}

/**
 * Finds where tracked entities are mentioned: by name, alias or domain written as text, ignoring
 * case, diacritics and a possessive 's, but not inside URLs, in "no information about X"
 * sentences, or where an everyday-word name is used as an ordinary word.
 */
export function findMentions(matcher: EntityMatcher, context: MentionContext): MentionOccurrence[] {
  const { folded } = context;
  const accepted: MentionOccurrence[] = [];
  const pending: MentionOccurrence[] = [];
  forEachWord(folded, (index, end) => {
    const variants = matcher.byFirstWord.get(folded.slice(index, end));
    if (variants === undefined) return undefined;
    for (const variant of variants) {
      const variantEnd = index + variant.folded.length;
      if (!folded.startsWith(variant.folded, index) || !boundariesHold(variant, folded, index, variantEnd))
        continue;
      if (inRanges(context.excluded, index, variantEnd) || context.saysNoInformation(index)) return undefined;
      const verdict = judgeOccurrence(variant, context, index, variantEnd);
      if (verdict === 'not_a_mention') continue;
      const occurrence = { entity: variant.entity, start: index, end: variantEnd };
      (verdict === 'mention' ? accepted : pending).push(occurrence);
      return variantEnd;
    }
    return undefined;
  });
  if (pending.length > 0) {
    const confirmed = new Set(accepted.map((occurrence) => occurrence.entity));
    accepted.push(...pending.filter((occurrence) => confirmed.has(occurrence.entity)));
    accepted.sort((left, right) => left.start - right.start);
  }
  return accepted;
}

/**
 * The tracked entities a short text (an option candidate, a prompt) names, in order, without the
 * sentence-level checks: an everyday-word name still needs its capitals, unless the text has none at
 * all (a prompt typed in lower case), where case proves nothing.
 */
export function entitiesNamedIn(matcher: EntityMatcher, written: string, folded: string): number[] {
  const found: number[] = [];
  const casual = !hasUpperCase(written);
  for (let index = 0; index < folded.length; index++) {
    if (!isWordCharCode(folded, index) || (index > 0 && isWordCharCode(folded, index - 1))) continue;
    const variants = matcher.byFirstWord.get(folded.slice(index, wordEnd(folded, index)));
    if (variants === undefined) continue;
    for (const variant of variants) {
      const variantEnd = index + variant.folded.length;
      if (!folded.startsWith(variant.folded, index)) continue;
      if (variantEnd < folded.length && isWordCharCode(folded, variantEnd)) continue;
      if (
        variant.ordinary &&
        !variant.lowerCaseName &&
        !(casual && !variant.acronym) &&
        !capitalsMatch(variant, written.slice(index, variantEnd))
      ) {
        continue;
      }
      if (!found.includes(variant.entity)) found.push(variant.entity);
      break;
    }
  }
  return found;
}

/** The first tracked entity a short name (an option candidate) refers to, or -1. */
export function entityNamedIn(matcher: EntityMatcher, written: string, folded: string): number {
  return entitiesNamedIn(matcher, written, folded)[0] ?? -1;
}
