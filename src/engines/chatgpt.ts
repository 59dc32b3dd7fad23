import { createLlmEngine, type EngineDeps, providerTool } from './llm-engine.ts';
import { approximateLocation, resolveMarket } from './market.ts';
import { openaiClient } from './providers.ts';
import type { Engine, Platform } from './types.ts';

/** ChatGPT as users meet it: the Responses API with the web search tool, located in the market. */
export function createOpenAiSearchEngine(
  deps: EngineDeps,
  platform: Extract<Platform, 'chatgpt' | 'chatgpt_search'>,
  modelId: string,
): Engine {
  const openai = openaiClient(deps);
  return createLlmEngine(deps, {
    platform,
    provider: 'openai',
    collectedVia: 'api_search',
    prepare: (request, system) => ({
      model: openai.responses(modelId),
      system,
      prompt: request.prompt,
      tools: {
        web_search: providerTool(
          openai.tools.webSearch({ userLocation: approximateLocation(resolveMarket(request.market)) }),
        ),
      },
    }),
  });
}

export function createChatgptEngine(deps: EngineDeps): Engine {
  return createOpenAiSearchEngine(deps, 'chatgpt', deps.settings.models.chatgpt);
}
