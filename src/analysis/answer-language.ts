import { forEachWord } from './text.ts';

// Function words, which every sentence is full of, tell English from the other languages answers
// come in (French, Spanish, German, Portuguese, Italian) without a dictionary of each.
const ENGLISH = new Set('the and of to is are for with that this you your it in on'.split(' '));
const OTHER = new Set(
  `de la le les des du et est une un pour avec que qui el los las y es para con por del una
  der die das und ist mit fur nicht ein eine zu den o os as e nao com uma em do da il di che per
  non gli della sono`
    .split(/\s+/)
    .filter((word) => word.length > 0),
);

/** True when the answer (folded text) is written in English: its function words say so. */
export function isEnglishText(folded: string): boolean {
  let english = 0;
  let other = 0;
  forEachWord(folded, (start, end) => {
    const word = folded.slice(start, end);
    if (ENGLISH.has(word)) english++;
    else if (OTHER.has(word)) other++;
    return undefined;
  });
  return english >= other;
}
