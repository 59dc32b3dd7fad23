import { isCommonWord } from './common-words.ts';
import { isUpperCaseLetter, isWordCharCode, wordEnd } from './text.ts';

// A tracked brand's product, once named with the brand ("Acme Roadster 3"), is often named again
// without it ("the Roadster is the one to get"). Those later names carry the product's tone, which
// is the brand's tone, though they are not mentions of the brand.

interface Span {
  start: number;
  end: number;
}

/** The model word right after a brand's name ("Roadster" in "**Acme Roadster** 3"), if any. */
function productWordAfter(text: string, folded: string, end: number): string | null {
  let start = end;
  while (text[start] === '*' || text[start] === '_') start++;
  if (text[start] !== ' ') return null;
  start++;
  const stop = wordEnd(folded, start);
  if (stop - start < 2) return null;
  const word = text.slice(start, stop);
  const hasDigit = /\d/.test(word);
  if (!hasDigit && !isUpperCaseLetter(word[0])) return null;
  if (!hasDigit && isCommonWord(folded.slice(start, stop))) return null;
  return word;
}

/** Whether the word before `start` is capitalised (part of another name: "Rival Roadster"). */
function followsCapitalisedWord(text: string, start: number): boolean {
  let index = start - 1;
  while (index >= 0 && (text[index] === ' ' || text[index] === '*' || text[index] === '_')) index--;
  if (index < 0 || !isWordCharCode(text, index)) return false;
  while (index > 0 && isWordCharCode(text, index - 1)) index--;
  return isUpperCaseLetter(text[index]) && !/^(?:The|A|An|This|That|Your|My|Our)\b/.test(text.slice(index));
}

/**
 * Where the brand's products are named again without the brand: the capitalised model word that
 * follows the brand's name, found elsewhere as a whole word (as written) outside `taken` spans.
 */
export function productEchoes(text: string, folded: string, brandSpans: Span[], taken: Span[]): Span[] {
  const words = new Set<string>();
  for (const span of brandSpans) {
    const word = productWordAfter(text, folded, span.end);
    if (word !== null) words.add(word);
  }
  const echoes: Span[] = [];
  for (const word of words) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      const end = at + word.length;
      if (at > 0 && isWordCharCode(text, at - 1)) continue;
      if (end < text.length && isWordCharCode(text, end)) continue;
      if (taken.some((span) => at < span.end && end > span.start)) continue;
      if (taken.some((span) => span.end <= at && /^[\s*_]*$/.test(text.slice(span.end, at)))) continue;
      if (followsCapitalisedWord(text, at)) continue;
      echoes.push({ start: at, end });
    }
  }
  return echoes;
}
