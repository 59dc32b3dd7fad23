import { isWordCharCode, wordEnd } from './text.ts';

// The words around a possible mention of an everyday-word name ("Close", "Monday", "On"), which
// tell a name from the ordinary word.

// A sentence-initial everyday word ("On race day", "Close the deal") is a name only when a verb or
// a label separator follows it ("Close is a CRM", "Wave: free invoicing"), in English or the other
// languages answers come in ("Rival ist bekannt").
export const NAME_FOLLOWERS = new Set(
  `is are was were has have had offers offer provides provide lets makes make gives give can could will would
  should may might does did doesn't isn't wasn't also remains stands supports integrates includes works focuses
  excels shines targets charges costs uses started launched sells specializes specialises tends feels looks keeps
  comes runs handles leads ranks wins scores adds lacks stays delivers
  ist sind hat bietet bleibt est sont offre propose reste es son tiene ofrece sigue e ha hanno resta
  tem oferece continua`
    .split(/\s+/)
    .filter((word) => word.length > 0),
);
export const CALENDAR_BEFORE = new Set(
  'on every next last this by until till from since before after each of per through that coming following'.split(
    ' ',
  ),
);
export const CALENDAR_AFTER = new Set(
  'morning mornings afternoon afternoons evening evenings night nights noon lunch meeting meetings standup standups'.split(
    ' ',
  ),
);

export function previousWord(folded: string, start: number): string {
  let end = start;
  while (end > 0 && !isWordCharCode(folded, end - 1) && folded[end - 1] !== '\n') end--;
  let begin = end;
  while (begin > 0 && isWordCharCode(folded, begin - 1)) begin--;
  return folded.slice(begin, end);
}

export function nextWord(folded: string, end: number): string {
  let start = end;
  while (start < folded.length && (folded[start] === ' ' || folded[start] === '*' || folded[start] === '_'))
    start++;
  return folded.slice(start, wordEnd(folded, start));
}

export function atSentenceStart(text: string, start: number): boolean {
  let index = start - 1;
  while (index >= 0 && ' \t*_#>"\'“‘([|'.includes(text[index])) index--;
  if (index < 0) return true;
  const char = text[index];
  if (char === '\n' || char === '.' || char === '!' || char === '?' || char === ':') return true;
  if ('-+•'.includes(char)) return index === 0 || /\s/.test(text[index - 1]);
  return false;
}

export function followedLikeAName(text: string, folded: string, end: number): boolean {
  let index = end;
  while (text[index] === '*' || text[index] === '_') index++;
  if ((text[index] === "'" || text[index] === '’') && folded[index + 1] === 's') return true;
  while (text[index] === ' ') index++;
  const char = text[index];
  if (char === undefined || char === '\n' || ':(—–|'.includes(char)) return true;
  if (char === '-' && text[index + 1] === ' ') return true;
  return NAME_FOLLOWERS.has(nextWord(folded, index));
}
