import { CLAUDE_MAX_OUTPUT_TOKENS } from './claude.ts';
import { createLlmEngine, type EngineDeps } from './llm-engine.ts';
import { approximateLocation, resolveMarket } from './market.ts';
import { anthropicClient } from './providers.ts';
import type { Engine } from './types.ts';

/** Claude with Anthropic's server-side web search tool, located in the market. */
export function createClaudeSearchEngine(deps: EngineDeps): Engine {
  const anthropic = anthropicClient(deps);
  const modelId = deps.settings.models.claudeSearch;
  return createLlmEngine(deps, {
    platform: 'claude_search',
    provider: 'anthropic',
    collectedVia: 'api_search',
    prepare: (request, system) => ({
      model: anthropic(modelId),
      system,
      prompt: request.prompt,
      maxOutputTokens: CLAUDE_MAX_OUTPUT_TOKENS,
      tools: {
        web_search: anthropic.tools.webSearch_20250305({
          maxUses: 5,
          userLocation: approximateLocation(resolveMarket(request.market)),
        }),
      },
    }),
  });
}
