import type { BrandRef } from '../engines/types.ts';
import { foldText } from './text.ts';
import { findTextUrls, hostOf } from './urls.ts';

export interface AliasSuggestion {
  business_name: string;
  confidence: number;
  occurrences: number;
  signals: string[];
}

type VariantSignal = 'spacing_variant' | 'punctuation_variant' | 'accent_variant' | 'domain_form';

const BASE_CONFIDENCE: Record<VariantSignal, number> = {
  accent_variant: 65,
  domain_form: 60,
  spacing_variant: 55,
  punctuation_variant: 50,
};
const SEPARATOR_CLASS = "[\\s\\-_.·'’/&+]";

/** Pieces of a name between separators, camel-case humps and letter–digit changes: "AcmeCorp" → acme, corp. */
function segmentsOf(name: string): string[] {
  return name
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})|(\p{N})(\p{L})/gu, (_, letter, digit, digitFirst, letterAfter) =>
      letter === undefined ? `${digitFirst} ${letterAfter}` : `${letter} ${digit}`,
    )
    .split(/[^\p{L}\p{N}]+/u)
    .filter((segment) => segment.length > 0)
    .map((segment) => foldText(segment));
}

function spellingPattern(name: string): RegExp | null {
  const segments = segmentsOf(name);
  if (segments.length === 0 || segments.join('').length < 3) return null;
  const escaped = segments.map((segment) => segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped.join(`${SEPARATOR_CLASS}?`)}(?![\\p{L}\\p{N}])`, 'gu');
}

function compact(text: string): string {
  return text.replace(/[^\p{L}\p{N}]+/gu, '');
}

function classify(written: string, known: string): VariantSignal | null {
  const writtenLower = written.toLowerCase();
  const knownLower = known.toLowerCase();
  if (writtenLower === knownLower) return null;
  if (compact(writtenLower) !== compact(knownLower)) return 'accent_variant';
  const punctuation = (text: string) => text.replace(/[\p{L}\p{N}\s]+/gu, '');
  return punctuation(writtenLower) === punctuation(knownLower) ? 'spacing_variant' : 'punctuation_variant';
}

interface Tally {
  forms: Map<string, number>;
  occurrences: number;
  answers: Set<number>;
  signals: Set<VariantSignal>;
  firstSeen: number;
}

/**
 * Spellings of the brand seen in answers that are close to, but not, its name or an alias: other
 * spacing ("Acme Corp" / "AcmeCorp"), punctuation ("Acme-Corp"), accents ("Acmé") or its domain
 * written as text ("acme.com") when that is not an alias yet. Case differences are not spellings.
 * Sorted by confidence, then occurrences, then name.
 */
export function suggestAliases(
  brand: Pick<BrandRef, 'name' | 'aliases'> & { website?: string | null },
  answers: string[],
): AliasSuggestion[] {
  const known = [brand.name, ...brand.aliases].map((name) => name.trim()).filter((name) => name.length > 0);
  const knownLower = new Set(known.map((name) => name.toLowerCase().replace(/\s+/g, ' ')));
  const patterns = known.flatMap((name) => {
    const pattern = spellingPattern(name);
    return pattern === null ? [] : [{ name, pattern }];
  });
  const host = brand.website ? hostOf(brand.website) : null;
  const tallies = new Map<string, Tally>();
  let seen = 0;

  const record = (written: string, signal: VariantSignal, answerIndex: number) => {
    const key = written.toLowerCase();
    const tally = tallies.get(key) ?? {
      forms: new Map<string, number>(),
      occurrences: 0,
      answers: new Set<number>(),
      signals: new Set<VariantSignal>(),
      firstSeen: seen++,
    };
    tally.forms.set(written, (tally.forms.get(written) ?? 0) + 1);
    tally.occurrences++;
    tally.answers.add(answerIndex);
    tally.signals.add(signal);
    tallies.set(key, tally);
  };

  answers.forEach((answer, answerIndex) => {
    const folded = foldText(answer);
    const { excluded } = findTextUrls(answer);
    const insideUrl = (start: number, end: number) =>
      excluded.some((span) => start < span.end && end > span.start);
    for (const { name, pattern } of patterns) {
      for (const match of folded.matchAll(pattern)) {
        const start = match.index ?? 0;
        const end = start + match[0].length;
        const written = answer.slice(start, end).replace(/\s+/g, ' ');
        if (knownLower.has(written.toLowerCase()) || insideUrl(start, end)) continue;
        if (host !== null && written.toLowerCase() === host) continue;
        const signal = classify(written, name);
        if (signal !== null) record(written, signal, answerIndex);
      }
    }
    if (host !== null && !knownLower.has(host)) {
      for (let at = folded.indexOf(host); at >= 0; at = folded.indexOf(host, at + 1)) {
        const end = at + host.length;
        if (/[\p{L}\p{N}/@-]/u.test(folded[at - 1] ?? ' ') || /[\p{L}\p{N}]/u.test(folded[end] ?? ' '))
          continue;
        if (folded[end] === '.' && /[\p{L}\p{N}]/u.test(folded[end + 1] ?? ' ')) continue;
        if (insideUrl(at, end)) continue;
        record(answer.slice(at, end).toLowerCase(), 'domain_form', answerIndex);
      }
    }
  });

  const suggestions = [...tallies.values()].map((tally) => {
    const [businessName] = [...tally.forms.entries()].sort((left, right) => right[1] - left[1])[0];
    const base = Math.max(...[...tally.signals].map((signal) => BASE_CONFIDENCE[signal]));
    const spread = Math.min(25, 5 * (tally.answers.size - 1));
    const repetition = Math.min(10, 2 * (tally.occurrences - tally.answers.size));
    const signals: string[] = [...tally.signals].sort();
    if (tally.answers.size > 1) signals.push('seen_in_multiple_answers');
    return {
      suggestion: {
        business_name: businessName,
        confidence: Math.min(100, base + spread + repetition),
        occurrences: tally.occurrences,
        signals,
      },
      firstSeen: tally.firstSeen,
    };
  });
  return suggestions
    .sort(
      (left, right) =>
        right.suggestion.confidence - left.suggestion.confidence ||
        right.suggestion.occurrences - left.suggestion.occurrences ||
        left.firstSeen - right.firstSeen,
    )
    .map(({ suggestion }) => suggestion);
}
