import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/route-config.ts';
import { brandParams } from '../brands/brands.schemas.ts';
import { brandFactsSchema, updateBrandFactsBody } from './brand-facts.schemas.ts';
import * as service from './brand-facts.service.ts';

const tags = ['Brand facts'];

export const brandFactsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/v1/brands/:brand_id/facts', {
    schema: {
      operationId: 'getBrandFacts',
      summary: "Get a brand's facts",
      tags,
      params: brandParams,
      response: { 200: brandFactsSchema },
    },
    config: { scope: 'read:brands', errors: ['not_found', 'brand_not_authorized', 'facts_not_generated'] },
    handler: (request) => service.getFacts(deps, principalOf(request), request.params.brand_id),
  });
  app.patch('/v1/brands/:brand_id/facts', {
    schema: {
      operationId: 'updateBrandFacts',
      summary: "Edit a brand's facts",
      description:
        'Merges the fields sent: an explicit null clears a field, a list replaces the stored list whole. ' +
        'Creates the facts when the brand has none yet.',
      tags,
      params: brandParams,
      body: updateBrandFactsBody,
      response: { 200: brandFactsSchema },
    },
    config: { scope: 'write:brands', errors: ['not_found', 'brand_not_authorized'] },
    handler: (request) =>
      service.updateFacts(deps, principalOf(request), request.params.brand_id, request.body),
  });
};
