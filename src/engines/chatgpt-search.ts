import { createOpenAiSearchEngine } from './chatgpt.ts';
import type { EngineDeps } from './llm-engine.ts';
import type { Engine } from './types.ts';

/** The flagship OpenAI model with web search (a premium platform). */
export function createChatgptSearchEngine(deps: EngineDeps): Engine {
  return createOpenAiSearchEngine(deps, 'chatgpt_search', deps.settings.models.chatgptSearch);
}
