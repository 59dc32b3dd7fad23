// Text folding keeps a 1:1 mapping between folded and original offsets, so a match found in the
// folded text can be checked against the original (capitalisation, Markdown around it).

const NON_ASCII_WORD = /[\p{L}\p{N}\p{M}]/u;
const COMBINING_MARKS = /\p{M}+/gu;
const NON_ASCII = /[^ -~\t\n\r]/;
const NON_ASCII_GLOBAL = /[\u0080-\uffff]/g;

const SPECIAL_FOLDS: Record<string, string> = {
  '\u2019': "'",
  '\u2018': "'",
  '\u02bc': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u2009': ' ',
  '\u2011': '-',
};

const foldCache = new Map<string, string>();
const UNKNOWN = -1;
/** Whether each UTF-16 code unit is a word character: filled on first sight (64 KB). */
const wordCharTable = new Int8Array(65536).fill(UNKNOWN);

function foldNonAsciiChar(char: string): string {
  const cached = foldCache.get(char);
  if (cached !== undefined) return cached;
  let folded = SPECIAL_FOLDS[char];
  if (folded === undefined) {
    const stripped = char.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
    if (stripped.length === 1) folded = stripped;
    else {
      const lower = char.toLowerCase();
      folded = lower.length === 1 ? lower : char;
    }
  }
  foldCache.set(char, folded);
  return folded;
}

/** Lower-cases, strips diacritics and unifies quotes, keeping every offset of the input. */
export function foldText(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  const lower = text.toLowerCase();
  // A few characters change length when lower-cased ("İ"); fold those one by one instead.
  if (lower.length === text.length) return lower.replace(NON_ASCII_GLOBAL, foldNonAsciiChar);
  const parts: string[] = new Array(text.length);
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    parts[index] = code < 128 ? text[index].toLowerCase() : foldNonAsciiChar(text[index]);
  }
  return parts.join('');
}

/** Folds and collapses runs of whitespace: the key used to compare names. */
export function foldName(name: string): string {
  return foldText(name.trim()).replace(/\s+/g, ' ');
}

const ASCII_WORD = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  ASCII_WORD[code] =
    (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) ? 1 : 0;
}

export function isWordCharCode(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 128) return ASCII_WORD[code] === 1;
  if (Number.isNaN(code)) return false;
  let known = wordCharTable[code];
  if (known === UNKNOWN) {
    known = NON_ASCII_WORD.test(String.fromCharCode(code)) ? 1 : 0;
    wordCharTable[code] = known;
  }
  return known === 1;
}

export function isUpperCaseLetter(char: string | undefined): boolean {
  if (char === undefined) return false;
  return char !== char.toLowerCase() && char === char.toUpperCase();
}

export function hasUpperCase(text: string): boolean {
  return text !== text.toLowerCase();
}

/** Words of a folded string: runs of letters and digits. */
export function wordsOf(folded: string): string[] {
  return folded.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0);
}

/** Removes Markdown emphasis and code markers: `**Acme**` → `Acme`. */
export function stripEmphasis(text: string): string {
  return text.replace(/[*_`]+/g, '');
}

/** The end offset of the word starting at `start` in `text`. */
export function wordEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length && isWordCharCode(text, end)) end++;
  return end;
}

/**
 * Calls `visit(start, end)` for each word (a run of letters, digits and marks) of `text`, in order.
 * `visit` may return an offset to resume scanning from, to step over a match longer than one word.
 */
export function forEachWord(text: string, visit: (start: number, end: number) => number | undefined): void {
  let index = 0;
  while (index < text.length) {
    if (!isWordCharCode(text, index)) {
      index++;
      continue;
    }
    const end = wordEnd(text, index);
    const resume = visit(index, end);
    index = resume !== undefined && resume > end ? resume : end;
  }
}
