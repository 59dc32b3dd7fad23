import { inventBrands } from './sandbox-names.ts';
import { price, type Tone } from './sandbox-phrases.ts';
import { createRandom, type Random } from './sandbox-random.ts';
import type { AnswerRequest, Market, Platform } from './types.ts';

export type Layout = 'numbered' | 'headed' | 'bullets' | 'table';

export interface PlannedOption {
  kind: 'brand' | 'competitor' | 'other';
  /** The canonical name: the brand's or competitor's `name`, or the invented name. */
  name: string;
  /** How the answer writes it: the name, or now and then one of its aliases. */
  label: string;
  website: string | null;
  tone: Tone;
  /** Its starting price, so the list and a comparison table quote the same figure. */
  price: string;
}

/** What an answer will say, decided before any text is written; tests read it to check variety. */
export interface AnswerPlan {
  platform: Platform;
  options: PlannedOption[];
  /** 0-based index of the brand in `options`, null when the answer leaves it out. */
  brandIndex: number | null;
  brandTone: Tone | null;
  layout: Layout;
  /** A comparison table after the list. */
  withTable: boolean;
  withSources: boolean;
  inlineLinks: boolean;
  market: string | null;
  /** Every tracked name and alias; the text must not use them except where the plan says. */
  trackedTerms: string[];
}

const COUNTRIES_WITH_ARTICLE = /^(united |netherlands$|philippines$|czech republic$|bahamas$|gambia$)/i;

/**
 * The market as it reads after "in": "Austin, United States", "the United States", "Germany", or
 * null. The location stands alone when it already names the country.
 */
export function describeMarket(market: Market): string | null {
  const country = market.country?.trim() || null;
  const location = market.location?.trim() || null;
  if (location && country && !location.toLowerCase().includes(country.toLowerCase())) {
    return `${location}, ${country}`;
  }
  const place = location ?? country;
  return place !== null && COUNTRIES_WITH_ARTICLE.test(place) ? `the ${place}` : place;
}

const LINKING_PLATFORMS: readonly Platform[] = [
  'chatgpt',
  'chatgpt_search',
  'grok',
  'gemini',
  'claude_search',
];

function chooseLayout(platform: Platform, random: Random): Layout {
  if (platform === 'ai_overviews') return 'bullets';
  if (platform === 'perplexity') return random.weighted({ headed: 60, numbered: 40 });
  if (platform === 'gemini') return random.weighted({ headed: 35, numbered: 35, table: 30 });
  return random.weighted({ numbered: 45, headed: 40, table: 15 });
}

function labelFor(random: Random, name: string, aliases: readonly string[]): string {
  return aliases.length > 0 && random.chance(0.15) ? random.pick(aliases) : name;
}

export function planSandboxAnswer(platform: Platform, request: AnswerRequest, random: Random): AnswerPlan {
  const { brand, competitors, market, prompt } = request;
  const trackedTerms = [brand.name, ...brand.aliases, ...competitors.flatMap((c) => [c.name, ...c.aliases])];
  // The untracked players depend on the question and the market, not on the sample or platform, so
  // the same few names recur across answers to one prompt, as they do with real assistants.
  const universe = createRandom([
    'sandbox-universe',
    prompt,
    brand.name,
    market.country,
    market.location,
    competitors.map((c) => c.name),
  ]);
  const invented = inventBrands(universe, 7, trackedTerms);

  const optionCount = platform === 'ai_overviews' ? random.int(4, 5) : random.int(4, 7);
  const includeBrand = random.chance(0.75);
  const slots = optionCount - (includeBrand ? 1 : 0);
  const competitorCount = Math.min(competitors.length, random.int(1, Math.max(1, slots - 1)));
  const others: PlannedOption[] = [
    ...random
      .shuffle(competitors)
      .slice(0, competitorCount)
      .map((c) => ({
        kind: 'competitor' as const,
        name: c.name,
        label: labelFor(random, c.name, c.aliases),
        website: c.website,
        tone: random.weighted<Tone>({ positive: 45, neutral: 45, negative: 10 }),
        price: price(random),
      })),
    ...random
      .shuffle(invented)
      .slice(0, slots - competitorCount)
      .map((b) => ({
        kind: 'other' as const,
        name: b.name,
        label: b.name,
        website: b.website,
        tone: random.weighted<Tone>({ positive: 45, neutral: 45, negative: 10 }),
        price: price(random),
      })),
  ];
  const options = random.shuffle(others);

  let brandIndex: number | null = null;
  let brandTone: Tone | null = null;
  if (includeBrand) {
    brandIndex = random.int(0, options.length);
    brandTone = random.weighted<Tone>({ positive: 35, neutral: 40, negative: 25 });
    options.splice(brandIndex, 0, {
      kind: 'brand',
      name: brand.name,
      label: labelFor(random, brand.name, brand.aliases),
      website: brand.website,
      tone: brandTone,
      price: price(random),
    });
  }

  const layout = chooseLayout(platform, random);
  return {
    platform,
    options,
    brandIndex,
    brandTone,
    layout,
    withTable: layout !== 'table' && layout !== 'bullets' && random.chance(0.25),
    withSources: platform !== 'claude',
    inlineLinks: LINKING_PLATFORMS.includes(platform) && random.chance(0.35),
    market: describeMarket(market),
    trackedTerms,
  };
}
