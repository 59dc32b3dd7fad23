import { isCommonWord } from './common-words.ts';
import { foldName, isUpperCaseLetter, stripEmphasis, wordsOf } from './text.ts';

// How an option's name looks: is a bold lead or table cell written like a brand's name, and how
// sure can we be from its spelling alone?

/**
 * `strong`: spelled like a product ("HubSpot", "1Password", "Customer.io"); `distinct`: has a word
 * that is not an everyday word ("Akaunting"); `none`: everyday words only ("Close", "Pros").
 */
export type Signal = 'strong' | 'distinct' | 'none';

const CONNECTORS = new Set(
  'de del da do dos das di du des la le les el y e et and & + of the von van der den am zu al à a'.split(' '),
);
// Words that open headings and labels, never a brand's name ("Why it fits", "Best for", "Step 2").
export const LABEL_OPENERS = new Set(
  `why what how when where which who best top key my our your step day week month option tip tips bonus note
  pro pros con cons quick bottom final overall if for in with to and but or not no yes also then a an this that
  these those here there it its price pricing cost costs verdict summary overview conclusion recommendation
  alternatives alternative features feature integrations support setup free ideal great good better worth
  conseil conseils astuce astuces resume avantages inconvenients limites tipp tipps fazit hinweis vorteile nachteile
  consejo consejos resumen ventajas desventajas dica dicas resumo vantagens consiglio consigli riepilogo`
    .split(/\s+/)
    .filter((word) => word.length > 0),
);
const LABELLED_NAME = /^([^:]{2,40}):\s+(\S.*)$/;
const SEPARATORS = [' — ', ' – ', ' - ', ': ', ' (', ' | ', ' —', ' –'];

export function cleanName(raw: string): { name: string; endsLikeSentence: boolean } {
  let name = stripEmphasis(raw).replace(/\s+/g, ' ').trim();
  name = name.replace(/^#?\d{1,2}[.)]\s*/, '');
  // "Best budget pick: Zoho CRM" — a label, then the name.
  const labelled = LABELLED_NAME.exec(name);
  if (labelled !== null && LABEL_OPENERS.has(foldName(labelled[1]).split(' ')[0])) name = labelled[2];
  for (const separator of SEPARATORS) {
    const at = name.indexOf(separator);
    if (at > 0) name = name.slice(0, at);
  }
  const endsLikeSentence = /[a-z]\.$/i.test(name) && !/\.[a-z]{2,}\.$/i.test(name);
  name = name.replace(/[\s:.,;!?]+$/, '').trim();
  return { name, endsLikeSentence };
}

/** A token written as part of a name: capitalised, a digit, "HubSpot", "Customer.io", "+Plus", "&". */
function isNameToken(token: string): boolean {
  return (
    /^[+#]?[\p{Lu}\p{N}]/u.test(token) ||
    /\p{Ll}\p{Lu}/u.test(token) ||
    /^\p{L}+\.\p{L}{2,}$/u.test(token) ||
    /^[&+/]$/.test(token)
  );
}

/**
 * Names may keep one lowercase word when the rest is capitalised: a two-letter inner word ("Discover it
 * Secured"), a closing product noun ("Acme Bank Euro account") or a joined compound, never a
 * function word.
 */
function lowercaseAllowed(tokens: string[], index: number): boolean {
  const word = tokens[index];
  // A compound spelled like a product ("Acme lohn+gehalt"), after a capitalised first word.
  if (index > 0 && /^\p{Ll}+[+&]\p{Ll}+$/u.test(word)) return true;
  if (tokens.length < 3) return false;
  if (!/^\p{Ll}+$/u.test(word)) return false;
  if (index === tokens.length - 1) {
    return word.length >= 4 && isCommonWord(word) && !LABEL_OPENERS.has(word) && !FUNCTION_WORDS.has(word);
  }
  return index > 0 && word.length <= 2 && word !== 'or' && word !== 'vs';
}

const FUNCTION_WORDS = new Set(
  'about after before from into over than that under until upon with without'.split(' '),
);

export function isNameLike(name: string): boolean {
  if (name.length === 0 || name.length > 50) return false;
  const tokens = name.split(' ');
  if (tokens.length > 6) return false;
  const isConnector = (token: string) => CONNECTORS.has(token.toLowerCase()) && !isUpperCaseLetter(token[0]);
  if (isConnector(tokens[0]) || isConnector(tokens[tokens.length - 1])) return false;
  if (LABEL_OPENERS.has(foldName(tokens[0])) && tokens.length > 1 && !/^the$/i.test(tokens[0])) return false;
  let lowercase = 0;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (isConnector(token) || isNameToken(token)) continue;
    if (!lowercaseAllowed(tokens, index)) return false;
    lowercase++;
  }
  return lowercase <= 1;
}

// Written like a product name: "HubSpot", "1Password", "Bitrix24", "Customer.io", "Aha! Roadmaps";
// not "2FA", "4K" or "iOS"-style platform names, which answers bold as features.
const MIXED_CASE = /\p{Ll}\p{Lu}/u;
const LETTERS_AND_DIGITS = /^(?=(?:.*\p{L}){3})(?=.*\d)[\p{L}\d]{4,}$/u;
const DOMAIN_LIKE = /\p{L}\.\p{L}{2,}\b/u;
const INNER_EXCLAMATION = /\p{L}!\s+\p{L}/u;
const PLATFORM_NAMES = new Set([
  'ios',
  'ipados',
  'macos',
  'watchos',
  'tvos',
  'visionos',
  'android',
  'windows',
  'linux',
]);

export function signalOf(name: string, folded: string): Signal {
  if (PLATFORM_NAMES.has(folded)) return 'none';
  const tokens = name.split(' ');
  if (
    MIXED_CASE.test(name) ||
    tokens.some((token) => LETTERS_AND_DIGITS.test(token)) ||
    DOMAIN_LIKE.test(name) ||
    INNER_EXCLAMATION.test(name)
  ) {
    return 'strong';
  }
  const distinct = wordsOf(folded).some(
    (word) => word.length >= 3 && !/\d/.test(word) && !CONNECTORS.has(word) && !isCommonWord(word),
  );
  return distinct ? 'distinct' : 'none';
}
