import { createLlmEngine, type EngineDeps, providerTool } from './llm-engine.ts';
import { xaiClient } from './providers.ts';
import type { Engine } from './types.ts';

/**
 * Grok through xAI's Responses API with its server-side web search. xAI's older Live Search
 * (`search_parameters` with a country) is retired, and the web search tool takes no location, so
 * the market travels in the system line.
 */
export function createGrokEngine(deps: EngineDeps): Engine {
  const xai = xaiClient(deps);
  const modelId = deps.settings.models.grok;
  return createLlmEngine(deps, {
    platform: 'grok',
    provider: 'xai',
    collectedVia: 'api_search',
    prepare: (request, system) => ({
      model: xai.responses(modelId),
      system,
      prompt: request.prompt,
      tools: { web_search: providerTool(xai.tools.webSearch()) },
    }),
  });
}
