// Structured-output answers (OpenAI `text.format: json_schema`) for research and prompt generation.

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const line = (text: string, label: string) => text.match(new RegExp(`^${label}:\\s*(.+)$`, 'm'))?.[1]?.trim();

function brandFacts(prompt: string): Json {
  const company = line(prompt, 'Company') ?? 'Acme';
  const siteRead = !prompt.includes('could not be read');
  const metaDescription = line(prompt, 'Meta description');
  return {
    description: siteRead ? (metaDescription ?? `${company} builds software.`) : null,
    tagline: siteRead ? (line(prompt, 'Title') ?? null) : null,
    mission_statement: null,
    value_proposition: siteRead ? 'Answers in minutes, not days.' : null,
    industry: 'Software',
    company_size: '51-200',
    founded_year: 2015,
    headquarters: 'Berlin, Germany',
    key_facts: ['Serves 2,000 customers', 'Serves 2,000 customers', `${company} was founded in 2015`],
    key_people: [{ name: 'Jane Doe', role: 'CEO' }],
    products: [{ name: `${company} Cloud`, description: 'The hosted product.' }],
    services: [],
    competitors: [
      { name: 'Globex', website: 'globex.example', aliases: ['Globex Corp', 'Globex'] },
      { name: 'Initech', website: null, aliases: [] },
      { name: company, website: null, aliases: [] },
    ],
  };
}

function prompts(prompt: string): Json {
  const count = Number(prompt.match(/Write (\d+) distinct questions/)?.[1] ?? 3);
  const categories = (prompt.match(/category from: (.+)\.$/m)?.[1] ?? 'general')
    .split(',')
    .map((c) => c.trim());
  const items = Array.from({ length: count }, (_, index) => ({
    prompt_text: `Which tool is best for need number ${index + 1}?`,
    category: categories[index % categories.length]?.toUpperCase() ?? 'general',
  }));
  // A repeated question, which the caller is expected to drop.
  return { prompts: [...items.slice(0, 1), ...items] };
}

/** Any value matching a JSON schema: the first enum value, empty strings, zero, empty arrays. */
function fill(schema: unknown): unknown {
  if (!isObject(schema)) return null;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(isObject(schema.properties) ? schema.properties : {}).map(([k, v]) => [k, fill(v)]),
      );
    case 'array':
      return [];
    case 'string':
      return 'fake';
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

export function structuredOutput(name: string, prompt: string, format: unknown): unknown {
  if (name === 'brand_facts') return brandFacts(prompt);
  if (name === 'prompts') return prompts(prompt);
  return fill(isObject(format) ? format.schema : undefined);
}
