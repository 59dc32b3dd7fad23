import { isCommonWord, isDictionaryWord } from './common-words.ts';
import { foldName } from './text.ts';

// Nouns for what an option has rather than what it is: the labels answers bold to head a point
// ("**Warranty**", "**Fees:**", "**ID:**"). A lead made only of these (and everyday joining words)
// is a label, never a brand, even beside brands. Hand-maintained, across the usual product areas.
const FEATURE_NOUNS = new Set(
  `access accessibility allowance allowances amenity amenities apr availability balance battery
  benefit benefits breakfast budget calorie calories capacity cashback charge charges charging compatibility
  comfort condition conditions cost costs coverage customer deductible deductibles delivery deposit deposits
  depreciation design detail details downside downsides drawback drawbacks durability efficiency eligibility exclusion exclusions
  extra extras feature features fee fees fit function functions guarantee guarantees id identification ingredient ingredients installation
  insurance integrations interest kyc licence license licensing limit limits location locations maintenance
  minimum minimums mode modes nutrition onboarding overdraft overdrafts parking payout payouts penalty penalties performance
  perk perks price prices pricing privacy protection quality range rate rates rating ratings refund refunds
  regulation reliability repair repairs reputation requirement requirements resale returns review reviews rewards
  running safety security service servicing setting settings setup shipping size sizing speed storage subscription support tax
  taxes term terms transparency trial upkeep value warranty warranties weight wifi`
    .split(/\s+/)
    .filter((word) => word.length > 0),
);
const JOINING_WORDS = new Set('and & or of the for to in on with your its their plus vs'.split(' '));

// Abstract nouns ("Flexibility", "Consistency", "Communication") name a quality, not a product.
const ABSTRACT_NOUN = /(?:ity|ness|tion|sion|ency|ance|ence|ment)$/;
// An everyday word ending in -ing ("Flooding", "Shadowing", "Budgeting") names an activity, not a brand.
const ACTIVITY = /ing$/;

/**
 * True for a (folded) feature noun: "fees", "warranty", "batteries"; with `labelled` (the lead ends
 * in a colon, "**Flexibility:**"), also an abstract noun, which as a bare lead may be a name ("Affinity").
 */
export function isFeatureNoun(folded: string, labelled = false): boolean {
  if (FEATURE_NOUNS.has(folded)) return true;
  if (folded.endsWith('ies') && FEATURE_NOUNS.has(`${folded.slice(0, -3)}y`)) return true;
  return labelled && ABSTRACT_NOUN.test(folded) && isDictionaryWord(folded);
}

/**
 * True when the lead, as written, is made of feature nouns and joining words, with at least one
 * feature noun; other everyday words may join in sentence case ("Resale and running costs", "Data
 * protection"), not in title case ("Value Village" reads as a name).
 */
export function isFeatureLabel(name: string, labelled = false): boolean {
  const words = name.split(/[^\p{L}\p{N}&]+/u).filter((word) => word.length > 0);
  if (words.length === 1 && ACTIVITY.test(foldName(words[0])) && isDictionaryWord(foldName(words[0])))
    return true;
  let features = 0;
  let everyday = false;
  for (const word of words) {
    const folded = foldName(word);
    if (isFeatureNoun(folded, labelled)) features++;
    else if (JOINING_WORDS.has(folded)) continue;
    else if (isCommonWord(folded)) everyday = true;
    else return false;
  }
  const titleCase = words.slice(1).some((word) => /^\p{Lu}/u.test(word));
  return features > 0 && !(everyday && titleCase);
}
