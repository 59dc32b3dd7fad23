import type { MarkdownDocument } from './markdown.ts';

// Options a list item offers in plain text, not in its lead: "If it runs small, try Acme Trail
// instead", "Rival Outdoor makes a similar shoe with more cushioning". Only in list items, where the
// answer is already enumerating choices; a name merely mentioned in passing stays out.

const NAME = String.raw`\p{Lu}[\p{L}\p{N}'’.+-]*(?:\s+(?:&\s+)?[\p{Lu}\p{N}][\p{L}\p{N}'’.+-]*){0,4}`;
/** "try Acme instead", "switch to Acme as an alternative": the cue and the swap, in one sentence. */
const AFTER_CUE = new RegExp(
  String.raw`\b(?:[Tt]ry|[Cc]onsider|[Ss]witch to|[Oo]pt for|[Gg]o with|[Ll]ook at)\s+(?:the\s+)?(${NAME})(?=[^.!?]*\b(?:instead|alternative|rather)\b)`,
  'gu',
);
/** A sentence led by a name of two or more words that compares it with what came before. */
const COMPARED = new RegExp(
  String.raw`(?:^|[.!?]\s+)(${NAME})\s+[^.!?]*?\b(?:similar|similarly|comparable|alternative|instead|middle ground)\b`,
  'gu',
);

/** Both patterns need one of these words; lines without any are skipped at once. */
const SWAP_WORDS = /instead|alternative|rather|similar|comparable|middle ground/i;

export interface PlainOption {
  raw: string;
  offset: number;
}

/** Names a list item offers as choices in its sentences (see above), with their offsets. */
export function plainListOptions(text: string, document: MarkdownDocument): PlainOption[] {
  const found: PlainOption[] = [];
  for (const line of document.lines) {
    if (line.kind !== 'list') continue;
    const raw = text.slice(line.contentStart, line.end);
    if (!SWAP_WORDS.test(raw)) continue;
    const content = raw.replace(/[*_]/g, ' ');
    for (const match of content.matchAll(AFTER_CUE)) {
      found.push({
        raw: match[1],
        offset: line.contentStart + (match.index ?? 0) + match[0].length - match[1].length,
      });
    }
    for (const match of content.matchAll(COMPARED)) {
      if (!/\s/.test(match[1])) continue;
      const at = (match.index ?? 0) + match[0].indexOf(match[1]);
      found.push({ raw: match[1], offset: line.contentStart + at });
    }
  }
  return found;
}
