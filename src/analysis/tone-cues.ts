import {
  conditionalClauses,
  isComplaintProcess,
  isConductAdvice,
  isPurpose,
  THREAT_CUES,
  warnsAboutLures,
} from './cue-context.ts';
import {
  DIMINISHERS,
  INTENSIFIERS,
  NEGATIVE_CUES,
  NEGATORS,
  NEUTRAL_PHRASES,
  POSITIVE_CUES,
} from './sentiment-lexicon.ts';
import { forEachWord, isWordCharCode } from './text.ts';

/** A tone word or phrase found in the answer, already weighed in its context. */
export interface ToneCue {
  start: number;
  end: number;
  positive: number;
  negative: number;
}

interface CuePhrase {
  /** The phrase without its stem marker. */
  literal: string;
  stem: boolean;
  weight: number;
  /** 0 for a neutral phrase that only keeps its words from being read as a cue ("a favourite target"). */
  sign: 1 | -1 | 0;
}

interface CueIndex {
  /** Phrases by their first word ("go with" under "go"). */
  byFirstWord: Map<string, CuePhrase[]>;
  /** One-word stems by their first three letters ("frustrat*" under "fru"). */
  stemsByPrefix: Map<string, CuePhrase[]>;
}

const FIRST_WORD = /^[\p{L}\p{N}]+/u;

function indexCues(): CueIndex {
  const byFirstWord = new Map<string, CuePhrase[]>();
  const stemsByPrefix = new Map<string, CuePhrase[]>();
  const add = (map: Map<string, CuePhrase[]>, key: string, phrase: CuePhrase) => {
    const list = map.get(key) ?? [];
    list.push(phrase);
    list.sort((left, right) => right.literal.length - left.literal.length);
    map.set(key, list);
  };
  for (const [cues, sign] of [
    [POSITIVE_CUES, 1],
    [NEGATIVE_CUES, -1],
    [NEUTRAL_PHRASES, 0],
  ] as const) {
    for (const [phrase, weight] of Object.entries(cues)) {
      const stem = phrase.endsWith('*');
      const literal = stem ? phrase.slice(0, -1) : phrase;
      const firstWord = FIRST_WORD.exec(literal)?.[0];
      if (firstWord === undefined || weight <= 0) continue;
      const cue = { literal, stem, weight, sign };
      if (stem && firstWord === literal) add(stemsByPrefix, literal.slice(0, 3), cue);
      else add(byFirstWord, firstWord, cue);
    }
  }
  return { byFirstWord, stemsByPrefix };
}

const CUE_INDEX = indexCues();

/** The end of the cue `phrase` if it starts at `start` in `folded`, or -1. */
function cueEnd(folded: string, start: number, phrase: CuePhrase): number {
  if (!folded.startsWith(phrase.literal, start)) return -1;
  let end = start + phrase.literal.length;
  if (phrase.stem) {
    while (end < folded.length && isWordCharCode(folded, end)) end++;
    return end;
  }
  return end < folded.length && isWordCharCode(folded, end) ? -1 : end;
}

function firstCueAt(
  folded: string,
  start: number,
  candidates: CuePhrase[] | undefined,
): { phrase: CuePhrase; end: number } | null {
  if (candidates === undefined) return null;
  for (const phrase of candidates) {
    const end = cueEnd(folded, start, phrase);
    if (end >= 0) return { phrase, end };
  }
  return null;
}

/** Every cue phrase starting at a word start, longest first at each position. */
function matchCues(folded: string): Array<{ start: number; end: number; phrase: CuePhrase }> {
  const matches: Array<{ start: number; end: number; phrase: CuePhrase }> = [];
  forEachWord(folded, (start, wordStop) => {
    const word = folded.slice(start, wordStop);
    const found =
      firstCueAt(folded, start, CUE_INDEX.byFirstWord.get(word)) ??
      (word.length >= 3 ? firstCueAt(folded, start, CUE_INDEX.stemsByPrefix.get(word.slice(0, 3))) : null);
    if (found === null) return undefined;
    matches.push({ start, end: found.end, phrase: found.phrase });
    return found.end;
  });
  return matches;
}

const CONDITION_FOLLOWS = /^[^.!?\n]*?\bif\b/;

// "Go with the Hoka if you want…" recommends under a condition: it weighs the options, not the brand.
const RECOMMENDING = new Set(['go with', 'my pick', 'best choice', 'best option', 'best fit', 'best bet']);

const CLAUSE_BREAKS = new Set([',', '.', ';', ':', '!', '?', '(', ')', '—', '–', '\n']);

/** Up to three words just before a cue, nearest last, within its clause. */
function wordsBefore(folded: string, start: number): string[] {
  const words: string[] = [];
  let index = start - 1;
  while (words.length < 3 && index >= 0) {
    while (index >= 0 && !isWordCharCode(folded, index) && folded[index] !== "'") {
      if (CLAUSE_BREAKS.has(folded[index])) return words;
      index--;
    }
    const end = index + 1;
    while (index >= 0 && (isWordCharCode(folded, index) || folded[index] === "'")) index--;
    if (end > index + 1) words.unshift(folded.slice(index + 1, end));
  }
  return words;
}

/**
 * Every tone cue in the answer (folded text), in text order, weighed once: "not great" counts
 * against, "not compromised" counts for nothing, "consistently praised" counts double, the second
 * term of "more functional than elegant" is skipped, and "go with X if…" is a condition, not a pick.
 */
export function findToneCues(folded: string): ToneCue[] {
  const cues: ToneCue[] = [];
  const lures = warnsAboutLures(folded);
  const conditions = conditionalClauses(folded);
  let condition = 0;
  for (const { start, end, phrase } of matchCues(folded)) {
    if (phrase.sign === 0) continue;
    const before = wordsBefore(folded, start);
    const previous = before[before.length - 1] ?? '';
    if (previous === 'than') continue;
    while (condition < conditions.length && conditions[condition].end <= start) condition++;
    const hypothetical = condition < conditions.length && conditions[condition].start <= start;
    if (hypothetical && phrase.weight < 2) continue;
    if (lures && THREAT_CUES.has(phrase.literal)) continue;
    const after = folded.slice(end, end + 40);
    if (phrase.literal === 'complain' && isComplaintProcess(before, after)) continue;
    if (phrase.literal === 'avoid' && (isConductAdvice(after) || isPurpose(before))) continue;
    const sign = phrase.sign;
    if (sign > 0 && RECOMMENDING.has(phrase.literal) && CONDITION_FOLLOWS.test(folded.slice(end, end + 200)))
      continue;
    const value = phrase.weight * (INTENSIFIERS.has(previous) ? 2 : 1);
    const negated = before.some((word) => NEGATORS.has(word) || (sign > 0 && DIMINISHERS.has(word)));
    if (negated && sign < 0) continue;
    const against = negated || sign < 0;
    cues.push({ start, end, positive: against ? 0 : value, negative: against ? value : 0 });
  }
  return cues;
}

/** The cues lying inside `start`…`end`, in text order. */
export function cuesWithin(cues: ToneCue[], start: number, end: number): ToneCue[] {
  let low = 0;
  let high = cues.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cues[middle].start < start) low = middle + 1;
    else high = middle;
  }
  const within: ToneCue[] = [];
  for (let index = low; index < cues.length && cues[index].start < end; index++) {
    if (cues[index].end <= end) within.push(cues[index]);
  }
  return within;
}
