import { z } from 'zod';
import { createLlmEngine, type EngineDeps, type ProviderOptions } from './llm-engine.ts';
import { type ResolvedMarket, resolveMarket } from './market.ts';
import { perplexityClient } from './providers.ts';
import type { Engine } from './types.ts';

// The SDK turns `citations` (bare URLs) into sources; titles come only in `search_results`.
const bodySchema = z.object({
  search_results: z.array(z.object({ url: z.string(), title: z.string().nullish() })).nullish(),
});

function searchOptions(market: ResolvedMarket): ProviderOptions | undefined {
  const location = {
    ...(market.countryCode ? { country: market.countryCode } : {}),
    ...(market.city ? { city: market.city } : {}),
    ...(market.region ? { region: market.region } : {}),
  };
  if (Object.keys(location).length === 0) return undefined;
  return { perplexity: { web_search_options: { user_location: location } } };
}

/** Perplexity Sonar: searches on every call; the market goes in `web_search_options.user_location`. */
export function createPerplexityEngine(deps: EngineDeps): Engine {
  const perplexity = perplexityClient(deps);
  const modelId = deps.settings.models.perplexity;
  return createLlmEngine(deps, {
    platform: 'perplexity',
    provider: 'perplexity',
    collectedVia: 'api_search',
    prepare: (request, system) => ({
      model: perplexity(modelId),
      system,
      prompt: request.prompt,
      providerOptions: searchOptions(resolveMarket(request.market)),
    }),
    finish: (outcome) => {
      const parsed = bodySchema.safeParse(outcome.body);
      const titles = new Map(
        (parsed.success ? (parsed.data.search_results ?? []) : []).map((r) => [r.url, r.title]),
      );
      return {
        ...outcome,
        sources: outcome.sources.map((source) => ({
          url: source.url,
          title: source.title ?? titles.get(source.url),
        })),
      };
    },
  });
}
