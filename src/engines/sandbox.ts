import { type AnswerPlan, planSandboxAnswer } from './sandbox-plan.ts';
import { createRandom } from './sandbox-random.ts';
import { renderSandboxAnswer } from './sandbox-render.ts';
import { buildSources } from './sandbox-sources.ts';
import type { AnswerRequest, CollectedAnswer, Engine, Platform } from './types.ts';

export { type SandboxBrandFacts, type SandboxFactsInput, sandboxBrandFacts } from './sandbox-facts.ts';
export { type AnswerPlan, type PlannedOption, planSandboxAnswer } from './sandbox-plan.ts';
export {
  type SandboxPrompt,
  type SandboxPromptsInput,
  sandboxPrompts,
} from './sandbox-prompts.ts';

function answerSeed(platform: Platform, request: AnswerRequest): unknown[] {
  const { prompt, market, sample, brand, competitors } = request;
  return [
    'sandbox-answer',
    platform,
    prompt,
    [market.country, market.language, market.location],
    sample,
    [brand.name, brand.website, brand.aliases],
    competitors.map((c) => [c.name, c.website, c.aliases]),
  ];
}

/** The answer and the plan it was written from; the same request always gives the same result. */
export function sandboxAnswerWithPlan(
  platform: Platform,
  request: AnswerRequest,
): { answer: CollectedAnswer; plan: AnswerPlan } {
  const random = createRandom(answerSeed(platform, request));
  const plan = planSandboxAnswer(platform, request, random);
  const sources = buildSources(random, plan, request.prompt);
  const answer: CollectedAnswer = {
    text: renderSandboxAnswer(random, plan, sources),
    sources,
    model: `sandbox-${platform}-1`,
    collectedVia: 'sandbox',
  };
  return { answer, plan };
}

/** Test mode's engine (spec §2): no network, no credits, deterministic synthetic answers. */
export function createSandboxEngine(platform: Platform): Engine {
  return {
    platform,
    async collect(request: AnswerRequest): Promise<CollectedAnswer> {
      request.signal?.throwIfAborted();
      return sandboxAnswerWithPlan(platform, request).answer;
    },
  };
}
