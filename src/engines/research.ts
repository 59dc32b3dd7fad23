import { type FlexibleSchema, generateText, Output } from 'ai';
import type { Fetch } from './llm-engine.ts';
import { resolveMarket } from './market.ts';
import { createOutboundFromSettings, type Outbound } from './outbound.ts';
import { DEFAULT_PROMPT_CATEGORIES } from './prompt-categories.ts';
import { openaiClient } from './providers.ts';
import {
  factsOutputSchema,
  normalizeFacts,
  promptsOutputSchema,
  type ResearchedFacts,
} from './research-schema.ts';
import type { ProviderSettings } from './settings.ts';
import type { Market } from './types.ts';
import { fetchPage, findAboutLink, htmlToText, pageMeta } from './web-page.ts';

export type { ResearchedFacts, ResearchStatus } from './research-schema.ts';

interface LlmContext {
  settings: ProviderSettings;
  fetch?: Fetch;
  /** Pass the registry's outbound so research shares the OpenAI budget with answer collection. */
  outbound?: Outbound;
  signal?: AbortSignal;
}

export interface ResearchBrandFactsOptions extends LlmContext {
  brand: { name: string; website: string };
  /** Only for tests against a loopback server; brand websites are otherwise limited to public addresses. */
  allowPrivateNetwork?: boolean;
}

const PAGE_TEXT_LIMIT = 12_000;

async function generateStructured<T>(
  context: LlmContext,
  call: { schema: FlexibleSchema<T>; name: string; system: string; prompt: string },
): Promise<T> {
  const outbound = context.outbound ?? createOutboundFromSettings(context.settings);
  const model = openaiClient(context).responses(context.settings.models.research);
  const result = await outbound.call(
    'openai',
    (signal) =>
      generateText({
        model,
        system: call.system,
        prompt: call.prompt,
        output: Output.object({ schema: call.schema, name: call.name }),
        maxRetries: 0,
        abortSignal: signal,
      }),
    { signal: context.signal },
  );
  return result.output;
}

async function readSite(options: ResearchBrandFactsOptions): Promise<string | null> {
  const fetch = options.fetch ?? globalThis.fetch;
  const pageOptions = { fetch, allowPrivateNetwork: options.allowPrivateNetwork, signal: options.signal };
  const home = await fetchPage(options.brand.website, pageOptions);
  if (home === null) return null;
  const aboutUrl = findAboutLink(home.html, home.url);
  const about = aboutUrl ? await fetchPage(aboutUrl, pageOptions) : null;
  const sections = [home, about].flatMap((page) => {
    if (page === null) return [];
    const { title, description } = pageMeta(page.html);
    const header = [
      `Page: ${page.url}`,
      title && `Title: ${title}`,
      description && `Meta description: ${description}`,
    ];
    const body = htmlToText(page.html).slice(0, PAGE_TEXT_LIMIT / 2);
    return [[...header.filter(Boolean), '', body].join('\n')];
  });
  const text = sections.join('\n\n---\n\n').trim();
  return text === '' ? null : text;
}

/** Reads the brand's home page (and About page when linked) and asks an LLM for the brand facts. */
export async function researchBrandFacts(options: ResearchBrandFactsOptions): Promise<ResearchedFacts> {
  const { brand } = options;
  const siteText = await readSite(options);
  const output = await generateStructured(options, {
    schema: factsOutputSchema,
    name: 'brand_facts',
    system: [
      'You research companies for a brand-monitoring service.',
      'Extract facts about the named company from its website text. Use only what the text states or what is',
      'well established public knowledge about this exact company; use null or an empty list when unsure.',
      'Competitors are companies a buyer would compare it with; give their home page URL when known.',
    ].join(' '),
    prompt: [
      `Company: ${brand.name}`,
      `Website: ${brand.website}`,
      '',
      siteText === null ? 'The website could not be read.' : `Website text:\n${siteText}`,
    ].join('\n'),
  });
  return normalizeFacts(output, brand.name, siteText !== null);
}

export interface GeneratedPrompt {
  prompt_text: string;
  category: string;
}

export interface GeneratePromptsOptions extends LlmContext {
  brand: { name: string; website?: string | null; categories?: string[] };
  facts: Partial<
    Pick<ResearchedFacts, 'description' | 'industry' | 'products' | 'services' | 'competitors'>
  > | null;
  count: number;
  /** Labels to sort prompts into; a default buyer-journey set when absent. */
  categories?: string[];
  /** The prompts are written in the market's language and for its country. */
  market?: Market;
}

function describeBrand(options: GeneratePromptsOptions): string {
  const { brand, facts } = options;
  const names = (items: Array<{ name: string }> | undefined) =>
    (items ?? []).map((item) => item.name).join(', ');
  return [
    `Brand: ${brand.name}${brand.website ? ` (${brand.website})` : ''}`,
    brand.categories?.length ? `Categories: ${brand.categories.join(', ')}` : '',
    facts?.industry ? `Industry: ${facts.industry}` : '',
    facts?.description ? `Description: ${facts.description}` : '',
    facts?.products?.length ? `Products: ${names(facts.products)}` : '',
    facts?.services?.length ? `Services: ${names(facts.services)}` : '',
    facts?.competitors?.length ? `Competitors: ${names(facts.competitors)}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** Buyer questions to track for a brand, each with one of the given categories. */
export async function generatePrompts(options: GeneratePromptsOptions): Promise<GeneratedPrompt[]> {
  const count = Math.max(1, Math.min(50, Math.floor(options.count)));
  const categories = options.categories?.length ? options.categories : [...DEFAULT_PROMPT_CATEGORIES];
  const market = options.market ? resolveMarket(options.market) : null;
  const where = market?.countryName
    ? ` in ${market.location ? `${market.location}, ` : ''}${market.countryName}`
    : '';
  const output = await generateStructured(options, {
    schema: promptsOutputSchema,
    name: 'prompts',
    system: [
      'You write the questions real buyers type into AI assistants (ChatGPT, Perplexity, Google) when looking',
      'for products or services. Questions are natural, specific and varied. Most do not name the brand: they',
      'ask for recommendations, comparisons and solutions where the brand could plausibly appear.',
    ].join(' '),
    prompt: [
      describeBrand(options),
      '',
      `Write ${count} distinct questions a buyer${where} would ask, in ${market?.languageName ?? 'English'}.`,
      `Give each exactly one category from: ${categories.join(', ')}.`,
    ].join('\n'),
  });
  const canonical = new Map(categories.map((category) => [category.toLowerCase(), category]));
  const seen = new Set<string>();
  const prompts: GeneratedPrompt[] = [];
  for (const item of output.prompts) {
    const text = item.prompt_text.replace(/\s+/g, ' ').trim();
    if (text === '' || seen.has(text.toLowerCase())) continue;
    seen.add(text.toLowerCase());
    const category =
      canonical.get(item.category.trim().toLowerCase()) ?? categories[prompts.length % categories.length];
    prompts.push({ prompt_text: text, category: category ?? categories[0] ?? 'general' });
    if (prompts.length === count) break;
  }
  return prompts;
}
