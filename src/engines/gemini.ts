import { z } from 'zod';
import { resolveGroundingRedirects } from './grounding-redirects.ts';
import { createLlmEngine, type EngineDeps, providerTool } from './llm-engine.ts';
import { googleClient } from './providers.ts';
import type { Engine } from './types.ts';

// The SDK reports the requested model id; the body's modelVersion names the model that answered.
const bodySchema = z.object({ modelVersion: z.string().min(1) });

/**
 * Gemini with Google Search grounding. The Gemini API's grounding takes no location (latLng is for
 * Maps grounding), so the market travels in the system line.
 */
export function createGeminiEngine(deps: EngineDeps): Engine {
  const google = googleClient(deps);
  const modelId = deps.settings.models.gemini;
  const fetch = deps.fetch ?? globalThis.fetch;
  return createLlmEngine(deps, {
    platform: 'gemini',
    provider: 'google',
    collectedVia: 'api_search',
    prepare: (request, system) => ({
      model: google(modelId),
      system,
      prompt: request.prompt,
      tools: { google_search: providerTool(google.tools.googleSearch({})) },
    }),
    finish: async (outcome, request) => {
      const reported = bodySchema.safeParse(outcome.body);
      return {
        ...outcome,
        modelId: reported.success ? reported.data.modelVersion : outcome.modelId,
        sources: await resolveGroundingRedirects(outcome.sources, { fetch, signal: request.signal }),
      };
    },
  });
}
