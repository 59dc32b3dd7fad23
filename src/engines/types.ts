export const PLATFORMS = [
  'chatgpt',
  'chatgpt_search',
  'claude',
  'claude_search',
  'gemini',
  'grok',
  'perplexity',
  'ai_overviews',
] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Bundled platforms cost 1 credit together per prompt; each premium platform costs 1 more (spec §6). */
export const STANDARD_PLATFORMS: readonly Platform[] = ['chatgpt', 'perplexity', 'ai_overviews', 'claude'];
export const DEFAULT_REPORT_PLATFORMS: Platform[] = ['chatgpt', 'perplexity', 'ai_overviews', 'claude'];

export type CollectedVia = 'api' | 'api_search' | 'serp' | 'sandbox';

/** Where the question is asked from. `country` and `language` are as stored on the report (free text / English name). */
export interface Market {
  country: string | null;
  language: string;
  location: string | null;
}

export interface BrandRef {
  name: string;
  website: string;
  aliases: string[];
}

export interface CompetitorRef {
  name: string;
  website: string | null;
  aliases: string[];
}

export interface AnswerRequest {
  platform: Platform;
  prompt: string;
  market: Market;
  /** 1-based sample index: the same prompt asked `samples` times. */
  sample: number;
  brand: BrandRef;
  competitors: CompetitorRef[];
  signal?: AbortSignal;
}

export interface Source {
  url: string;
  title?: string;
}

export interface CollectedAnswer {
  text: string;
  /** Deduplicated by URL, in the order the provider returned them. */
  sources: Source[];
  model: string;
  collectedVia: CollectedVia;
}

export interface Engine {
  platform: Platform;
  collect(request: AnswerRequest): Promise<CollectedAnswer>;
}
