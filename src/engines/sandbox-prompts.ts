import { DEFAULT_PROMPT_CATEGORIES } from './prompt-categories.ts';
import { inventBrands } from './sandbox-names.ts';
import { createRandom, type Random } from './sandbox-random.ts';

export interface SandboxPromptsInput {
  brand: { name: string; categories?: readonly string[] | null };
  facts: { industry?: string | null; competitors?: ReadonlyArray<{ name: string }> | null } | null;
  count: number;
  categories?: readonly string[] | null;
}

export interface SandboxPrompt {
  prompt_text: string;
  category: string;
}

const FAMILIES: Record<string, readonly string[]> = {
  comparison: [
    '{brand} vs {competitor}: which is better for {audience}?',
    'How does {brand} compare to {competitor} for {audience}?',
    'Is {competitor} better than {brand} for {audience}?',
    '{competitor} or {brand} for {audience}{qualifier}?',
    'What are the main differences between {brand} and {competitor}?',
  ],
  best: [
    'What are the best {topic} for {audience}?',
    'Top {topic} for {audience}{qualifier}',
    'What are the best {topic}{qualifier}?',
    'Which {topic} do {audience} rate highest?',
  ],
  recommendation: [
    'Which {topic} would you recommend for {audience}?',
    'Can you recommend {topic} for {audience}{qualifier}?',
    'What {topic} should {audience} choose{qualifier}?',
    'I need {topic} for {audience}{qualifier}. What should I use?',
  ],
  alternatives: [
    'What are the best alternatives to {competitor}?',
    'What are good alternatives to {brand} for {audience}?',
    'Cheaper alternatives to {competitor}{qualifier}',
    'Is there anything better than {competitor} for {audience}?',
  ],
  pricing: [
    'How much does {brand} cost for {audience}?',
    'Which {topic} offer the best value for {audience}?',
    'Is {brand} worth the price compared to {competitor}?',
  ],
  reviews: [
    'Is {brand} any good for {audience}?',
    'What do users say about {brand}?',
    'Is {brand} reliable enough for {audience}?',
    'What are the most trusted {topic}{qualifier}?',
  ],
  other: [
    'What should {audience} look for in {topic} when it comes to {label}?',
    'Which {topic} are best for {label}?',
    'How do the leading {topic} compare on {label}?',
    'Best {topic} for {label}{qualifier}',
  ],
};

const AUDIENCES = [
  'small businesses',
  'startups',
  'mid-sized companies',
  'enterprise teams',
  'freelancers',
  'agencies',
  'remote teams',
  'nonprofits',
  'first-time buyers',
  'growing teams',
  'e-commerce brands',
  'B2B companies',
];
const QUALIFIERS = [
  '',
  ' on a tight budget',
  ' with strong integrations',
  ' with an easy setup',
  ' with good customer support',
  ' in Europe',
  ' for a team of 10',
];

function familyOf(category: string): readonly string[] {
  const c = category.toLowerCase();
  if (/compar|\bvs\b|versus/.test(c)) return FAMILIES.comparison;
  if (/alternativ/.test(c)) return FAMILIES.alternatives;
  if (/recommend/.test(c)) return FAMILIES.recommendation;
  if (/best|top/.test(c)) return FAMILIES.best;
  if (/pric|cost|value/.test(c)) return FAMILIES.pricing;
  if (/review|reput|trust/.test(c)) return FAMILIES.reviews;
  return FAMILIES.other;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

interface Slots {
  brand: string;
  topic: string;
  competitors: readonly string[];
}

function write(random: Random, template: string, slots: Slots, label: string): string {
  const text = template.replace(/\{(\w+)\}/g, (slot, key: string) => {
    switch (key) {
      case 'brand':
        return slots.brand;
      case 'topic':
        return slots.topic;
      case 'competitor':
        return random.pick(slots.competitors);
      case 'audience':
        return random.pick(AUDIENCES);
      case 'qualifier':
        return random.pick(QUALIFIERS);
      case 'label':
        return label.toLowerCase();
      default:
        return slot;
    }
  });
  return capitalize(text);
}

/** Exactly `count` distinct buyer questions, categories taken in turn from `categories` (or the defaults). */
export function sandboxPrompts({ brand, facts, count, categories }: SandboxPromptsInput): SandboxPrompt[] {
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count must be an integer >= 0, got ${count}`);
  const labels = (categories ?? []).map((c) => c.trim()).filter((c) => c !== '');
  const cycle = labels.length > 0 ? labels : [...DEFAULT_PROMPT_CATEGORIES];
  const topic = (brand.categories?.find((c) => c.trim() !== '') ?? facts?.industry ?? 'software').trim();
  const known = (facts?.competitors ?? []).map((c) => c.name).filter((name) => name.trim() !== '');
  // The count is left out of the seed so asking for more prompts extends the list instead of replacing it.
  const random = createRandom(['sandbox-prompts', brand.name, topic, known, cycle]);
  const competitors = known.length > 0 ? known : inventBrands(random, 3, [brand.name]).map((b) => b.name);
  const slots: Slots = { brand: brand.name, topic, competitors };

  const seen = new Set<string>();
  const prompts: SandboxPrompt[] = [];
  for (let i = 0; i < count; i++) {
    const category = cycle[i % cycle.length];
    const family = familyOf(category);
    let text = '';
    for (let attempt = 0; attempt < 40 && (text === '' || seen.has(text.toLowerCase())); attempt++) {
      text = write(random, random.pick(family), slots, category);
    }
    // Unreachable for the API's 50-prompt cap; keeps the "exactly count, all distinct" promise for any count.
    if (seen.has(text.toLowerCase())) text = `${text} (question ${i + 1})`;
    seen.add(text.toLowerCase());
    prompts.push({ prompt_text: text, category });
  }
  return prompts;
}
