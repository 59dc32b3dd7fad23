import { z } from 'zod';

// What the LLM is asked to fill. Every field is required and nullable because OpenAI's strict
// structured output rejects optional properties; the limits of the API are applied afterwards.
const named = z.object({ name: z.string(), description: z.string().nullable() });

export const factsOutputSchema = z.object({
  description: z.string().nullable().describe('Two to four sentences: what the company does and for whom.'),
  tagline: z.string().nullable(),
  mission_statement: z.string().nullable(),
  value_proposition: z.string().nullable(),
  industry: z.string().nullable(),
  company_size: z.string().nullable().describe('e.g. "1-10", "51-200", "1,000+ employees"'),
  founded_year: z.number().int().nullable(),
  headquarters: z.string().nullable().describe('City, country'),
  key_facts: z.array(z.string()),
  key_people: z.array(z.object({ name: z.string(), role: z.string().nullable() })),
  products: z.array(named),
  services: z.array(named),
  competitors: z.array(
    z.object({
      name: z.string(),
      website: z.string().nullable().describe('Home page URL, https://…'),
      aliases: z.array(z.string()).describe('Other names buyers use for this competitor'),
    }),
  ),
});
export type FactsOutput = z.infer<typeof factsOutputSchema>;

export const promptsOutputSchema = z.object({
  prompts: z.array(z.object({ prompt_text: z.string(), category: z.string() })),
});

export type ResearchStatus = 'complete' | 'partial' | 'not_found';

export interface NamedItem {
  name: string;
  description: string | null;
}

export interface ResearchedFacts {
  description: string | null;
  tagline: string | null;
  mission_statement: string | null;
  value_proposition: string | null;
  industry: string | null;
  company_size: string | null;
  founded_year: number | null;
  headquarters: string | null;
  key_facts: string[];
  key_people: Array<{ name: string; role: string | null }>;
  products: NamedItem[];
  services: NamedItem[];
  competitors: Array<{ name: string; website: string | null; aliases: string[] }>;
  research_status: ResearchStatus;
}

const text = (value: string | null | undefined, max = 2000): string | null => {
  const trimmed = value?.replace(/\s+/g, ' ').trim();
  return trimmed ? trimmed.slice(0, max) : null;
};

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item).toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function homePage(value: string | null): string | null {
  const raw = text(value);
  if (raw === null) return null;
  try {
    const url = new URL(/^https?:\/\//i.test(raw) ? raw : `https://${raw}`);
    return url.hostname.includes('.') ? url.toString() : null;
  } catch {
    return null;
  }
}

function namedItems(items: Array<{ name: string; description: string | null }>): NamedItem[] {
  const cleaned = items.flatMap((item) => {
    const name = text(item.name, 200);
    return name ? [{ name, description: text(item.description, 1000) }] : [];
  });
  return uniqueBy(cleaned, (item) => item.name).slice(0, 10);
}

/** Applies the API's limits (lists ≤ 10/20, facts ≤ 500 chars, founded 1800–2100) and drops the brand from its own competitors. */
export function normalizeFacts(
  output: FactsOutput,
  brandName: string,
  siteFetched: boolean,
): ResearchedFacts {
  const own = brandName.trim().toLowerCase();
  const year = output.founded_year;
  const competitors = uniqueBy(
    output.competitors.flatMap((competitor) => {
      const name = text(competitor.name, 200);
      if (name === null || name.toLowerCase() === own) return [];
      const aliases = uniqueBy(
        competitor.aliases.flatMap((alias) => text(alias, 200) ?? []).filter((alias) => alias !== name),
        (alias) => alias,
      );
      return [{ name, website: homePage(competitor.website), aliases }];
    }),
    (competitor) => competitor.name,
  ).slice(0, 20);
  const facts: Omit<ResearchedFacts, 'research_status'> = {
    description: text(output.description),
    tagline: text(output.tagline, 300),
    mission_statement: text(output.mission_statement),
    value_proposition: text(output.value_proposition),
    industry: text(output.industry, 200),
    company_size: text(output.company_size, 100),
    founded_year: year !== null && year >= 1800 && year <= 2100 ? year : null,
    headquarters: text(output.headquarters, 200),
    key_facts: uniqueBy(
      output.key_facts.flatMap((fact) => text(fact, 500) ?? []),
      (fact) => fact,
    ).slice(0, 20),
    key_people: uniqueBy(
      output.key_people.flatMap((person) => {
        const name = text(person.name, 200);
        return name ? [{ name, role: text(person.role, 200) }] : [];
      }),
      (person) => person.name,
    ).slice(0, 10),
    products: namedItems(output.products),
    services: namedItems(output.services),
    competitors,
  };
  const filled = Object.values(facts).some((value) =>
    Array.isArray(value) ? value.length > 0 : value !== null,
  );
  const research_status: ResearchStatus =
    siteFetched && facts.description !== null ? 'complete' : filled ? 'partial' : 'not_found';
  return { ...facts, research_status };
}
