import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/route-config.ts';
import {
  createRegionConfigBody,
  listRegionConfigsQuery,
  regionConfigPage,
  regionConfigParams,
  regionConfigSchema,
  updateRegionConfigBody,
} from './region-configs.schemas.ts';
import * as service from './region-configs.service.ts';

const tags = ['Region configs'];

export const regionConfigRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/v1/region-configs', {
    schema: {
      operationId: 'listRegionConfigs',
      summary: "List a brand's region configs",
      tags,
      querystring: listRegionConfigsQuery,
      response: { 200: regionConfigPage },
    },
    config: { scope: 'read:region-configs', errors: ['not_found', 'brand_not_authorized'] },
    handler: (request) => service.listRegionConfigs(deps, principalOf(request), request.query),
  });
  app.post('/v1/region-configs', {
    schema: {
      operationId: 'createRegionConfig',
      summary: 'Add a region config to a scheduled report',
      description:
        'At most 20 per scheduled report (409 `conflict`). With `source_report_id`, the config starts ' +
        "with a copy of that report's prompts.",
      tags,
      body: createRegionConfigBody,
      response: { 201: regionConfigSchema },
    },
    config: { scope: 'write:region-configs', errors: ['not_found', 'brand_not_authorized', 'conflict'] },
    handler: async (request, reply) =>
      reply.code(201).send(await service.createRegionConfig(deps, principalOf(request), request.body)),
  });
  app.get('/v1/region-configs/:region_config_id', {
    schema: {
      operationId: 'getRegionConfig',
      summary: 'Get a region config',
      tags,
      params: regionConfigParams,
      response: { 200: regionConfigSchema },
    },
    config: { scope: 'read:region-configs', errors: ['not_found', 'brand_not_authorized'] },
    handler: (request) =>
      service.getRegionConfig(deps, principalOf(request), request.params.region_config_id),
  });
  app.patch('/v1/region-configs/:region_config_id', {
    schema: {
      operationId: 'updateRegionConfig',
      summary: 'Update a region config',
      tags,
      params: regionConfigParams,
      body: updateRegionConfigBody,
      response: { 200: regionConfigSchema },
    },
    config: { scope: 'write:region-configs', errors: ['not_found', 'brand_not_authorized'] },
    handler: (request) =>
      service.updateRegionConfig(deps, principalOf(request), request.params.region_config_id, request.body),
  });
  app.delete('/v1/region-configs/:region_config_id', {
    schema: {
      operationId: 'deleteRegionConfig',
      summary: 'Delete a region config and its prompts',
      description: 'Reports it already produced are kept.',
      tags,
      params: regionConfigParams,
      response: { 204: z.null().describe('Deleted') },
    },
    config: { scope: 'write:region-configs', errors: ['not_found', 'brand_not_authorized'] },
    handler: async (request, reply) => {
      await service.deleteRegionConfig(deps, principalOf(request), request.params.region_config_id);
      return reply.code(204).send(null);
    },
  });
};
