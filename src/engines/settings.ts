import { z } from 'zod';
import type { Platform } from './types.ts';
import { PLATFORMS } from './types.ts';

export const PROVIDERS = ['openai', 'anthropic', 'google', 'xai', 'perplexity', 'serpapi'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/** Which provider account (key, limiter budget) a platform's calls spend. */
export const PLATFORM_PROVIDER: Record<Platform, ProviderName> = {
  chatgpt: 'openai',
  chatgpt_search: 'openai',
  claude: 'anthropic',
  claude_search: 'anthropic',
  gemini: 'google',
  grok: 'xai',
  perplexity: 'perplexity',
  ai_overviews: 'serpapi',
};

// Empty values in .env files mean "unset", not "the empty string".
const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const optionalText = z.preprocess(blankToUndefined, z.string().trim().min(1).optional());
const optionalUrl = z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/ }).optional());
const textWithDefault = (value: string) =>
  z.preprocess(blankToUndefined, z.string().trim().min(1).default(value));
const positiveInt = (value: number) =>
  z.preprocess(blankToUndefined, z.coerce.number().int().positive().default(value));
const optionalPositiveInt = z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional());

/** Environment variables of the answer engines; config.ts merges this shape into its own schema. */
export const providerEnvSchema = z.object({
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_MODEL: textWithDefault('gpt-5-mini'),
  OPENAI_SEARCH_MODEL: textWithDefault('gpt-5'),
  OPENAI_RESEARCH_MODEL: optionalText,
  ANTHROPIC_API_KEY: optionalText,
  ANTHROPIC_BASE_URL: optionalUrl,
  ANTHROPIC_MODEL: textWithDefault('claude-sonnet-4-5'),
  ANTHROPIC_SEARCH_MODEL: optionalText,
  GOOGLE_GENERATIVE_AI_API_KEY: optionalText,
  GOOGLE_GENERATIVE_AI_BASE_URL: optionalUrl,
  GOOGLE_MODEL: textWithDefault('gemini-2.5-flash'),
  XAI_API_KEY: optionalText,
  XAI_BASE_URL: optionalUrl,
  XAI_MODEL: textWithDefault('grok-4'),
  PERPLEXITY_API_KEY: optionalText,
  PERPLEXITY_BASE_URL: optionalUrl,
  PERPLEXITY_MODEL: textWithDefault('sonar'),
  SERPAPI_API_KEY: optionalText,
  SERPAPI_BASE_URL: optionalUrl,
  PROVIDER_CONCURRENCY: positiveInt(4),
  PROVIDER_RPM: positiveInt(60),
  PROVIDER_TIMEOUT_MS: positiveInt(60_000),
  PROVIDER_MAX_RETRIES: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(10).default(3)),
  OPENAI_CONCURRENCY: optionalPositiveInt,
  OPENAI_RPM: optionalPositiveInt,
  ANTHROPIC_CONCURRENCY: optionalPositiveInt,
  ANTHROPIC_RPM: optionalPositiveInt,
  GOOGLE_CONCURRENCY: optionalPositiveInt,
  GOOGLE_RPM: optionalPositiveInt,
  XAI_CONCURRENCY: optionalPositiveInt,
  XAI_RPM: optionalPositiveInt,
  PERPLEXITY_CONCURRENCY: optionalPositiveInt,
  PERPLEXITY_RPM: optionalPositiveInt,
  SERPAPI_CONCURRENCY: optionalPositiveInt,
  SERPAPI_RPM: optionalPositiveInt,
});
export type ProviderEnv = z.infer<typeof providerEnvSchema>;

export interface ProviderConfig {
  apiKey: string | null;
  /** Includes the API version segment where the SDK expects it (e.g. `https://api.openai.com/v1`). */
  baseURL: string;
  concurrency: number;
  rpm: number;
}

export interface ProviderModels {
  chatgpt: string;
  chatgptSearch: string;
  claude: string;
  claudeSearch: string;
  gemini: string;
  grok: string;
  perplexity: string;
  /** Brand-facts research and prompt generation (OpenAI). */
  research: string;
}

export interface ProviderSettings {
  providers: Record<ProviderName, ProviderConfig>;
  models: ProviderModels;
  /** Per attempt, not per call: a retried call may take several times this. */
  timeoutMs: number;
  maxRetries: number;
}

export const DEFAULT_BASE_URLS: Record<ProviderName, string> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com/v1',
  google: 'https://generativelanguage.googleapis.com/v1beta',
  xai: 'https://api.x.ai/v1',
  perplexity: 'https://api.perplexity.ai',
  serpapi: 'https://serpapi.com',
};

const ENV_PREFIX: Record<ProviderName, 'OPENAI' | 'ANTHROPIC' | 'GOOGLE' | 'XAI' | 'PERPLEXITY' | 'SERPAPI'> =
  {
    openai: 'OPENAI',
    anthropic: 'ANTHROPIC',
    google: 'GOOGLE',
    xai: 'XAI',
    perplexity: 'PERPLEXITY',
    serpapi: 'SERPAPI',
  };

const API_KEYS: Record<ProviderName, keyof ProviderEnv> = {
  openai: 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
  google: 'GOOGLE_GENERATIVE_AI_API_KEY',
  xai: 'XAI_API_KEY',
  perplexity: 'PERPLEXITY_API_KEY',
  serpapi: 'SERPAPI_API_KEY',
};

const BASE_URLS: Record<ProviderName, keyof ProviderEnv> = {
  openai: 'OPENAI_BASE_URL',
  anthropic: 'ANTHROPIC_BASE_URL',
  google: 'GOOGLE_GENERATIVE_AI_BASE_URL',
  xai: 'XAI_BASE_URL',
  perplexity: 'PERPLEXITY_BASE_URL',
  serpapi: 'SERPAPI_BASE_URL',
};

const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const asNumber = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** Accepts the parsed environment (or any object with these keys) and shapes it for the engines. */
export function toProviderSettings(env: ProviderEnv): ProviderSettings {
  const entries = PROVIDERS.map((provider): [ProviderName, ProviderConfig] => {
    const prefix = ENV_PREFIX[provider];
    const baseURL = asString(env[BASE_URLS[provider]]) ?? DEFAULT_BASE_URLS[provider];
    return [
      provider,
      {
        apiKey: asString(env[API_KEYS[provider]]) ?? null,
        baseURL: baseURL.replace(/\/+$/, ''),
        concurrency: asNumber(env[`${prefix}_CONCURRENCY`]) ?? env.PROVIDER_CONCURRENCY,
        rpm: asNumber(env[`${prefix}_RPM`]) ?? env.PROVIDER_RPM,
      },
    ];
  });
  return {
    providers: Object.fromEntries(entries) as Record<ProviderName, ProviderConfig>,
    models: {
      chatgpt: env.OPENAI_MODEL,
      chatgptSearch: env.OPENAI_SEARCH_MODEL,
      claude: env.ANTHROPIC_MODEL,
      claudeSearch: env.ANTHROPIC_SEARCH_MODEL ?? env.ANTHROPIC_MODEL,
      gemini: env.GOOGLE_MODEL,
      grok: env.XAI_MODEL,
      perplexity: env.PERPLEXITY_MODEL,
      research: env.OPENAI_RESEARCH_MODEL ?? env.OPENAI_MODEL,
    },
    timeoutMs: env.PROVIDER_TIMEOUT_MS,
    maxRetries: env.PROVIDER_MAX_RETRIES,
  };
}

/** A platform is available for live runs when its provider's key is set. */
export function configuredPlatforms(settings: ProviderSettings): Platform[] {
  return PLATFORMS.filter((platform) => settings.providers[PLATFORM_PROVIDER[platform]].apiKey !== null);
}

/** The provider key of a platform; engines are only built for configured platforms. */
export function requireApiKey(settings: ProviderSettings, provider: ProviderName): string {
  const key = settings.providers[provider].apiKey;
  if (key === null) throw new Error(`${provider} is not configured (no API key)`);
  return key;
}
