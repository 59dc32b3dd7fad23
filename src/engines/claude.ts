import { createLlmEngine, type EngineDeps } from './llm-engine.ts';
import { anthropicClient } from './providers.ts';
import type { Engine } from './types.ts';

/**
 * The SDK otherwise asks for the model's maximum (64k), and Anthropic counts `max_tokens` against the
 * output-tokens-per-minute limit when a request starts; answers to buyer questions are far shorter.
 */
export const CLAUDE_MAX_OUTPUT_TOKENS = 4096;

/** Claude from its own knowledge: no tools, so the market reaches it only through the system line. */
export function createClaudeEngine(deps: EngineDeps): Engine {
  const anthropic = anthropicClient(deps);
  const modelId = deps.settings.models.claude;
  return createLlmEngine(deps, {
    platform: 'claude',
    provider: 'anthropic',
    collectedVia: 'api',
    prepare: (request, system) => ({
      model: anthropic(modelId),
      system,
      prompt: request.prompt,
      maxOutputTokens: CLAUDE_MAX_OUTPUT_TOKENS,
    }),
  });
}
