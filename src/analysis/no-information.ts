import { sentenceBounds } from './markdown.ts';

// Statements that the model knows nothing about a name ("I couldn't find any information about
// Acme"). They are matched on folded text (lower case, no diacritics) in the languages answers
// commonly come in; a name in the same sentence is not a mention.
const QUALIFIERS =
  '(?:(?:any|reliable|specific|verified|verifiable|detailed|current|up-to-date|much|enough|credible|trustworthy|concrete|public|solid|accurate|further|additional)\\s+)*';
const SUBJECTS = '(?:information|info|details|data|records?|knowledge|reviews|evidence)';
const PATTERNS = [
  `(?:do not|don't|dont|does not|doesn't|did not|didn't|could not|couldn't|cannot|can't|can not|unable to|not able to|wasn't able to|was not able to)\\s+(?:seem to\\s+)?(?:have|find|locate|verify|access|confirm|see|retrieve)\\s+${QUALIFIERS}${SUBJECTS}`,
  `(?:have|has|had|there is|there's|there are|i've got|with)\\s+(?:no|little)\\s+${QUALIFIERS}${SUBJECTS}`,
  `\\bno\\s+${QUALIFIERS}${SUBJECTS}\\s+(?:about|on|regarding|for|is available)`,
  "(?:i'm|i am|i'm not)\\s+(?:not\\s+)?(?:familiar with|aware of)",
  "(?:don't|do not|can't|cannot)\\s+recogni[sz]e",
  "(?:couldn't|could not|can't|cannot|wasn't able to|unable to|not able to)\\s+find\\s+(?:anything|any mention|a record|(?:a|an|any)\\s+(?:\\p{L}+\\s+)?(?:company|brand|business|product|app|tool|service|shop|store|cafe|restaurant|hotel|place|listing|website))",
  "(?:don't|do not)\\s+know\\s+(?:of\\s+)?(?:a|an|any)\\s+(?:\\p{L}+\\s+)?(?:company|brand|business|product|app|tool|service)",
  "(?:isn't|is not|wasn't)\\s+(?:something|a (?:company|brand|name|product))\\s+(?:that\\s+)?i(?:'m| am| have|'ve)?\\s+(?:familiar|aware|know|heard|information)",
  "(?:not|isn't|doesn't)\\s+(?:appear|show up|included?)\\s+in\\s+my\\s+(?:training|knowledge|data|sources)",
  "(?:training data|knowledge)\\s+(?:doesn't|does not|don't|do not)\\s+(?:include|cover|contain|mention)",
  "(?:i'm|i am)\\s+not\\s+sure\\s+(?:which|what)\\s+(?:company|brand|business|product|place|app|tool)",
  '(?:beyond|outside)\\s+(?:the scope of\\s+)?my\\s+(?:knowledge|training)',
  `keine\\s+(?:\\p{L}+\\s+){0,2}(?:informationen|angaben|daten|kenntnisse|erkenntnisse)`,
  '(?:ist|sind) mir (?:leider )?(?:nicht|kaum) bekannt',
  "(?:aucune|pas d'|pas de|peu d')\\s*(?:\\p{L}+\\s+){0,2}(?:information|informations|donnees|renseignements?)",
  'je ne (?:connais|trouve) pas',
  'no (?:tengo|dispongo de|encuentro|he encontrado|encontre|cuento con)\\s+(?:\\p{L}+\\s+){0,2}(?:informacion|datos|detalles)',
  '(?:ninguna|sin) informacion',
  'nao (?:tenho|encontrei|encontro|disponho de)\\s+(?:\\p{L}+\\s+){0,2}(?:informac\\p{L}+|dados)',
  'nenhuma informacao',
  'non (?:ho|trovo|dispongo di)\\s+(?:\\p{L}+\\s+){0,2}(?:informazion\\p{L}|dati)',
  'nessuna informazione',
];
const NO_INFORMATION = new RegExp(PATTERNS.join('|'), 'u');

/** Whether the sentence (in folded text) holding `offset` says the model has no information. */
export type NoInformationCheck = (offset: number) => boolean;

/**
 * A check for "no information about X" sentences. Only sentences that name a tracked entity are
 * ever asked about, so each is tested when first asked and the answer remembered.
 */
export function createNoInformationCheck(folded: string): NoInformationCheck {
  const verdicts = new Map<number, boolean>();
  return (offset) => {
    const bounds = sentenceBounds(folded, offset);
    let verdict = verdicts.get(bounds.start);
    if (verdict === undefined) {
      verdict = NO_INFORMATION.test(folded.slice(bounds.start, bounds.end));
      verdicts.set(bounds.start, verdict);
    }
    return verdict;
  };
}
