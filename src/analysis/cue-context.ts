// Contexts that take the judgement out of a tone word: the user's own complaint process ("file a
// complaint"), advice on what to do rather than which brand to use ("avoid keeping large sums"),
// warnings about scammers who imitate a brand ("a phishing email"), and hypotheticals ("If the
// app is slow, …").

/** Words before "complaint" that make it the user's own complaint process, not one about a brand. */
const COMPLAINT_PROCESS_BEFORE = new Set(
  `file filing filed lodge lodging submit submitting write writing make making send sending raise raising
  escalate escalating acknowledge handle handles resolve your formal official factual written calm polite
  clear detailed`
    .split(/\s+/)
    .filter((word) => word !== ''),
);
const COMPLAINT_PROCESS_AFTER =
  /^\s*(?:form|forms|process|procedure|letter|department|portal|page|line|channel|team|deadline)\b/;

/** "complaint" as the user's own complaint ("file a complaint", "the complaint form"). */
export function isComplaintProcess(before: string[], after: string): boolean {
  if (before.some((word) => COMPLAINT_PROCESS_BEFORE.has(word))) return true;
  return COMPLAINT_PROCESS_AFTER.test(after);
}

// "Avoid using Acme" warns against the brand; "avoid keeping large sums there" is advice on conduct.
const ADOPTING = /^\s*(?:using|buying|choosing|booking|signing|relying|ordering|flying|shopping|staying)\b/;
const GERUND = /^\s*[a-z]+ing\b/;

/** "avoid" followed by a conduct ("avoid clicking", "avoid keeping"), not by a choice of brand. */
export function isConductAdvice(after: string): boolean {
  return GERUND.test(after) && !ADOPTING.test(after);
}

const ADVISING = new Set(['best', 'better', 'wise', 'smart', 'safer', 'prefer', 'want', 'recommend']);

/**
 * "avoid" as a purpose ("assign them to avoid collisions", "helps you avoid fees"), not as advice
 * ("best to avoid Acme"); `before` holds the words just before it, nearest last.
 */
export function isPurpose(before: string[]): boolean {
  const [beforeTo, previous] = before.slice(-2);
  if (previous === 'help' || previous === 'helps' || previous === 'you') return true;
  return previous === 'to' && !ADVISING.has(beforeTo ?? '');
}

/** An answer warning about messages that imitate a brand, where scam words are about the scammer. */
const LURE =
  /\b(?:phishing|scam|fake|fraudulent|spoofed|spoof|lookalike|look-alike|impersonat\w*)\s+(?:e-?mails?|links?|texts?|messages?|sms|calls?|sites?|websites?|pages?|domains?|invoices?|addresses)\b/;

export function warnsAboutLures(folded: string): boolean {
  return LURE.test(folded);
}

/** Cue words that, in an answer about lures, describe the scammers rather than the brand. */
export const THREAT_CUES = new Set([
  'phishing',
  'scam',
  'red flag',
  'stolen',
  'be wary',
  'wary of',
  'beware',
  'caution',
  'cautious',
  'unsafe',
  'not safe',
]);

const DASHES = new Set(['—', '–']);

/**
 * The conditional clauses that open a sentence ("If the trip went badly, …"): from "if" to the
 * first comma, colon or semicolon outside a dash aside, or to the sentence end.
 */
export function conditionalClauses(folded: string): Array<{ start: number; end: number }> {
  const clauses: Array<{ start: number; end: number }> = [];
  const opening = /(?:^[\s*_#>+•\d.)-]*|[.!?]["'*_)\]]*\s+)(?:if|unless)\b/gm;
  for (const match of folded.matchAll(opening)) {
    const start = (match.index ?? 0) + match[0].length;
    let aside = false;
    let end = start;
    for (; end < folded.length; end++) {
      const char = folded[end];
      if (DASHES.has(char)) aside = !aside;
      else if (char === '.' || char === '!' || char === '?' || char === '\n') break;
      else if (!aside && (char === ',' || char === ';' || char === ':')) break;
    }
    clauses.push({ start, end });
  }
  return clauses;
}
