import type { Random } from './sandbox-random.ts';

export type Tone = 'positive' | 'neutral' | 'negative';

/** Word pools for `{key}` slots. Neutral phrases carry no judgement, so a neutral entry reads as neutral. */
const POOLS: Record<string, readonly string[]> = {
  feature: [
    'a clean, intuitive interface',
    'solid integrations',
    'transparent pricing',
    'fast onboarding',
    'detailed reporting',
    'a generous free tier',
    'well-built mobile apps',
    'flexible plans',
    'granular security controls',
    'responsive support',
    'built-in automation',
    'a large template library',
  ],
  niche: [
    'small teams',
    'growing businesses',
    'larger companies',
    'tight budgets',
    'first-time buyers',
    'power users',
    'agencies',
    'remote teams',
  ],
  goal: [
    'an easy setup',
    'the most features for the money',
    'room to grow',
    'something the whole team will actually use',
  ],
  complaint: [
    'slow customer support',
    'frequent price increases',
    'a steep learning curve',
    'limited customization',
    'buggy updates',
    'surprise fees at renewal',
    'a cluttered interface',
    'weak reporting',
  ],
  need: [
    'advanced reporting',
    'predictable pricing',
    'quick answers from support',
    'deep customization',
    'offline access',
    'enterprise-grade security',
  ],
  price: [
    '$9/month',
    '$12/month',
    '$15/user/month',
    '$19/month',
    '$25/user/month',
    '$29/month',
    '$49/month',
    'a free plan, with paid tiers from $10/month',
  ],
};

export const TAGS = {
  topPositive: ['best overall', 'top pick', 'our top recommendation'],
  positive: ['top pick for {niche}', 'best for {niche}', 'best value', 'highly recommended for {niche}'],
  neutral: [
    'a widely used option',
    'an established choice',
    'a general-purpose option',
    'a mid-market option',
  ],
  negative: ['mixed reviews', 'proceed with caution', 'hard to recommend right now'],
} as const;

export const DETAILS: Record<Tone, readonly string[]> = {
  positive: [
    'Reviewers consistently praise {feature} and {feature}.',
    'Stands out for {feature}; it is the one most buyers end up happiest with.',
    'Particularly strong on {feature}, with {feature} included at no extra cost.',
    'Highly recommended if you want {goal}.',
  ],
  neutral: [
    'Offers {feature} and {feature}.',
    'Pricing starts at {price}.',
    'Covers the core features most buyers look for, including {feature}.',
    'Available on web, iOS and Android.',
    'Integrates with common tools such as email, calendars and spreadsheets.',
  ],
  negative: [
    'Users complain about {complaint} and {complaint}.',
    'Avoid if you need {need}.',
    'Several reviewers report {complaint}, which is hard to overlook at this price.',
    'Not recommended for {niche} because of {complaint}.',
  ],
};

export const VERDICTS: Record<Tone, readonly string[]> = {
  positive: ['Top pick', 'Strong value', 'Well reviewed'],
  neutral: ['Broad feature set', 'Standard plans', 'General use'],
  negative: ['Support complaints', 'Pricier at renewal', 'Mixed reviews'],
};

/**
 * Fills each `{key}` from `fixed` when given there (an option's own price, so the list and the table
 * agree), else with a phrase from its pool, never the same phrase twice in one sentence.
 */
export function fill(random: Random, template: string, fixed: Record<string, string> = {}): string {
  const used = new Set<string>();
  return template.replace(/\{(\w+)\}/g, (slot, key: string) => {
    if (Object.hasOwn(fixed, key)) return fixed[key];
    const pool = POOLS[key];
    if (pool === undefined) return slot;
    const fresh = pool.filter((phrase) => !used.has(phrase));
    const phrase = random.pick(fresh.length > 0 ? fresh : pool);
    used.add(phrase);
    return phrase;
  });
}

export function price(random: Random): string {
  return random.pick(POOLS.price);
}
