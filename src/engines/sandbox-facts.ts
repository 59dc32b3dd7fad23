import { compact, inventBrands, inventPerson } from './sandbox-names.ts';
import { createRandom, type Random } from './sandbox-random.ts';

export interface SandboxFactsInput {
  name: string;
  website: string;
  categories?: readonly string[] | null;
}

/** The research-derived fields of `brand_facts` (spec §7), without the row's id and timestamps. */
export interface SandboxBrandFacts {
  description: string;
  tagline: string;
  mission_statement: string;
  value_proposition: string;
  industry: string;
  company_size: string;
  founded_year: number;
  headquarters: string;
  key_facts: string[];
  key_people: Array<{ name: string; role: string }>;
  products: Array<{ name: string; description: string }>;
  services: Array<{ name: string; description: string }>;
  competitors: Array<{ name: string; website: string; aliases: string[] }>;
  research_status: 'complete';
}

const INDUSTRIES = [
  'project management software',
  'CRM software',
  'email marketing software',
  'HR and payroll software',
  'analytics software',
  'customer support software',
  'e-commerce software',
  'accounting software',
];
const AUDIENCES = [
  'small and mid-sized businesses',
  'growing teams',
  'enterprises',
  'agencies and consultancies',
  'online retailers',
  'finance teams',
];
const STRENGTHS = [
  'ease of use',
  'fast onboarding',
  'reliable integrations',
  'clear reporting',
  'transparent pricing',
  'responsive support',
  'strong security',
];
const GOALS = [
  'spend less time on busywork',
  'make confident decisions faster',
  'grow without adding complexity',
  'keep customers happier',
];
const TAGLINES = [
  'Work that flows.',
  'Clarity at every step.',
  'Built for how teams really work.',
  'Less busywork, more progress.',
  'Simple tools for serious teams.',
];
const SIZES = ['11-50 employees', '51-200 employees', '201-500 employees', '501-1,000 employees'];
const HEADQUARTERS = [
  'Austin, Texas, United States',
  'Boston, Massachusetts, United States',
  'Berlin, Germany',
  'London, United Kingdom',
  'Toronto, Canada',
  'Amsterdam, Netherlands',
  'Dublin, Ireland',
  'Sydney, Australia',
];
const ROLES = ['CEO and Co-founder', 'CTO and Co-founder', 'VP of Marketing', 'Head of Customer Success'];
const PRODUCT_SUFFIXES = ['Cloud', 'Pro', 'Essentials', 'Analytics', 'Mobile'];
const SERVICES = [
  {
    name: 'Onboarding and migration',
    description: 'Guided setup and import of existing data by a specialist.',
  },
  { name: 'Training', description: 'Live and on-demand courses for administrators and end users.' },
  {
    name: 'Premium support',
    description: 'Priority support with a named contact and a response-time commitment.',
  },
  {
    name: 'Professional services',
    description: 'Custom integrations and workflow design for larger rollouts.',
  },
];

function two(random: Random, items: readonly string[]): [string, string] {
  const [first, second] = random.shuffle(items);
  return [first, second];
}

function websiteName(website: string): string {
  try {
    return new URL(website).hostname.replace(/^www\./, '').split('.')[0];
  } catch {
    return '';
  }
}

/** Deterministic, plausible facts for a test-mode brand; the competitors depend on the name alone. */
export function sandboxBrandFacts({ name, website, categories }: SandboxFactsInput): SandboxBrandFacts {
  const key = compact(name);
  const competitorRandom = createRandom(['sandbox-facts-competitors', key]);
  const competitors = inventBrands(competitorRandom, competitorRandom.int(3, 5), [
    name,
    websiteName(website),
  ]).map((brand) => ({
    name: brand.name,
    website: brand.website,
    aliases: competitorRandom.chance(0.5) ? [brand.alias] : [],
  }));

  const random = createRandom(['sandbox-facts', key]);
  const industry = categories?.find((category) => category.trim() !== '')?.trim() ?? random.pick(INDUSTRIES);
  const audience = random.pick(AUDIENCES);
  const [strength, otherStrength] = two(random, STRENGTHS);
  const goal = random.pick(GOALS);
  const foundedYear = random.int(1998, 2020);
  const headquarters = random.pick(HEADQUARTERS);
  const customers = random.pick(['2,000', '8,500', '15,000', '40,000', '120,000']);
  const people = new Set<string>();
  while (people.size < 3) people.add(inventPerson(random));
  const productSuffixes = random.shuffle(PRODUCT_SUFFIXES).slice(0, random.int(2, 3));

  return {
    description: `${name} provides ${industry} for ${audience}, with a focus on ${strength} and ${otherStrength}.`,
    tagline: random.pick(TAGLINES),
    mission_statement: `To help ${audience} ${goal}.`,
    value_proposition: `${name} combines ${strength} with ${otherStrength}, so ${audience} can ${goal} without stitching together several tools.`,
    industry,
    company_size: random.pick(SIZES),
    founded_year: foundedYear,
    headquarters,
    key_facts: [
      `Founded in ${foundedYear} and headquartered in ${headquarters}.`,
      `Serves more than ${customers} customers.`,
      `Offers a ${random.pick([7, 14, 30])}-day free trial.`,
      `Official website: ${website}`,
    ],
    key_people: [...people].map((person, i) => ({ name: person, role: ROLES[i] })),
    products: productSuffixes.map((suffix) => ({
      name: `${name} ${suffix}`,
      description: `${name}'s ${suffix.toLowerCase()} edition, built around ${random.pick(STRENGTHS)}.`,
    })),
    services: random.shuffle(SERVICES).slice(0, 2),
    competitors,
    research_status: 'complete',
  };
}
