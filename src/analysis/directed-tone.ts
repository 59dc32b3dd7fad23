// Advice aimed at one named brand, read from the words right around its name: "I'd skip Acme",
// "start with Acme", "make Acme your default", "keep Acme as a backup". The verb is a judgement only
// because the brand is its object, so these are read per name rather than as loose tone words.

const CLAUSE_BREAK = /[,;:.!?()\n—–|]/;
const MARKUP = /[*_`[\]]/g;

/** The verbs that pass over the brand named right after them. */
const DISMISSED_AFTER = /\b(?:skip|skipping|pass on|ditch|ditching|i'd drop|i would drop)\s+(?:the\s+)?$/;
/** The verbs that pick the brand named right after them. */
const PICKED_AFTER =
  /\b(?:start with|starting with|opt for|go for|choose|pick|settle on|i'd get|i would get|i'd buy|i would buy)\s+(?:the\s+)?$/;
const MADE_DEFAULT_BEFORE = /\bmake\s+(?:the\s+)?$/;
const MADE_DEFAULT_AFTER =
  /^(?:'s)?\s*(?:your|the)\s+(?:default|go-to|main|primary|first choice|daily driver)\b/;
const DEMOTED_AFTER =
  /^(?:'s)?\s*(?:app\s+)?as\s+(?:a|an|your)\s+(?:backup|back-up|fallback|plan b|second option)\b/;
const NEGATED = /\b(?:not|don't|do not|never|no need to|wouldn't|would not)\s+(?:\w+\s+)?$/;
const CONDITIONAL = /\b(?:if|unless|whether)\b/;

export interface DirectedTone {
  positive: number;
  negative: number;
}

/** The clause text before `start`, without Markdown emphasis. */
function clauseBefore(folded: string, start: number): string {
  const window = folded.slice(Math.max(0, start - 60), start);
  let cut = -1;
  for (let index = window.length - 1; index >= 0; index--) {
    if (CLAUSE_BREAK.test(window[index])) {
      cut = index;
      break;
    }
  }
  return window.slice(cut + 1).replace(MARKUP, '');
}

/**
 * The advice aimed at the brand named at `start`…`end` of `folded`; `sentence` is the text of its
 * sentence, used to tell a conditional pick ("if you need X, choose Acme") from a firm one.
 */
export function directedTone(folded: string, start: number, end: number, sentence: string): DirectedTone {
  const before = clauseBefore(folded, start);
  const after = folded.slice(end, end + 40).replace(MARKUP, '');
  const tone = { positive: 0, negative: 0 };
  if (DEMOTED_AFTER.test(after)) tone.negative += 1;
  const verb = DISMISSED_AFTER.exec(before) ?? PICKED_AFTER.exec(before);
  const negated = verb !== null && NEGATED.test(before.slice(0, verb.index));
  if (verb !== null && !negated) {
    if (DISMISSED_AFTER.test(before)) tone.negative += 2;
    else if (!CONDITIONAL.test(sentence)) tone.positive += 2;
  }
  if (MADE_DEFAULT_BEFORE.test(before) && MADE_DEFAULT_AFTER.test(after) && !CONDITIONAL.test(sentence))
    tone.positive += 2;
  return tone;
}
