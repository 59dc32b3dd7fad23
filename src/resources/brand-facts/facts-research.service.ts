import type { Deps } from '../../deps.ts';
import { ApiError } from '../../http/errors.ts';
import type { Principal } from '../../http/principal.ts';
import { FACTS_RESEARCH_COST } from '../../work/cost.ts';
import { enqueueJob } from '../../work/dispatch.ts';
import { requireBrand } from '../brands/brands.service.ts';

/** `POST /v1/brands/{id}/facts`: queues a research job (1 credit in live mode). */
export async function dispatchFactsResearch(
  deps: Deps,
  principal: Principal,
  brandId: string,
  requestId: string,
) {
  const brand = await requireBrand(deps, principal, brandId);
  // Live research asks OpenAI; without its key the job could only fail.
  if (principal.mode === 'live' && !deps.config.providers.providers.openai.apiKey) {
    throw new ApiError('platform_unavailable', 'Brand research needs OPENAI_API_KEY on this server.', {
      platforms: ['chatgpt'],
    });
  }
  const job = await deps.database.db.transaction((tx) =>
    enqueueJob(tx, deps, principal, {
      type: 'brand_facts.research',
      brandId: brand.id,
      payload: {},
      cost: FACTS_RESEARCH_COST,
      requestId,
      message: 'Waiting for a worker',
    }),
  );
  return { brand_id: brand.id, job_id: job.id, object: 'brand_facts.regenerate.dispatched' as const };
}
