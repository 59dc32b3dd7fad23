import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/route-config.ts';
import { emptyBody, uuid } from '../../http/schemas.ts';
import { brandParams } from '../brands/brands.schemas.ts';
import { dispatchFactsResearch } from './facts-research.service.ts';

const dispatched = z
  .object({ brand_id: uuid, job_id: uuid, object: z.literal('brand_facts.regenerate.dispatched') })
  .meta({ id: 'BrandFactsDispatched' });

export const factsResearchRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.post('/v1/brands/:brand_id/facts', {
    schema: {
      operationId: 'researchBrandFacts',
      summary: "Research a brand's facts (a job; 1 credit)",
      tags: ['Brand facts'],
      params: brandParams,
      body: emptyBody,
      response: { 202: dispatched },
    },
    config: {
      scope: 'write:brands',
      tier: 'llm',
      errors: ['not_found', 'brand_not_authorized', 'platform_unavailable', 'insufficient_credits'],
    },
    handler: async (request, reply) =>
      reply
        .code(202)
        .send(await dispatchFactsResearch(deps, principalOf(request), request.params.brand_id, request.id)),
  });
};
