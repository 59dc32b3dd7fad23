import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { createPerplexity } from '@ai-sdk/perplexity';
import { createXai } from '@ai-sdk/xai';
import type { EngineDeps } from './llm-engine.ts';
import { requireApiKey } from './settings.ts';

// Keys and base URLs are always passed explicitly so the SDKs never fall back to process.env.

export function openaiClient({ settings, fetch }: Pick<EngineDeps, 'settings' | 'fetch'>) {
  return createOpenAI({
    apiKey: requireApiKey(settings, 'openai'),
    baseURL: settings.providers.openai.baseURL,
    fetch,
  });
}

export function anthropicClient({ settings, fetch }: EngineDeps) {
  return createAnthropic({
    apiKey: requireApiKey(settings, 'anthropic'),
    baseURL: settings.providers.anthropic.baseURL,
    fetch,
  });
}

export function googleClient({ settings, fetch }: EngineDeps) {
  return createGoogleGenerativeAI({
    apiKey: requireApiKey(settings, 'google'),
    baseURL: settings.providers.google.baseURL,
    fetch,
  });
}

export function xaiClient({ settings, fetch }: EngineDeps) {
  return createXai({
    apiKey: requireApiKey(settings, 'xai'),
    baseURL: settings.providers.xai.baseURL,
    fetch,
  });
}

export function perplexityClient({ settings, fetch }: EngineDeps) {
  return createPerplexity({
    apiKey: requireApiKey(settings, 'perplexity'),
    baseURL: settings.providers.perplexity.baseURL,
    fetch,
  });
}
