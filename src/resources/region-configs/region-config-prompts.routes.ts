import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/route-config.ts';
import {
  createRegionConfigPromptsBody,
  regionConfigPromptList,
  regionConfigPromptParams,
  regionConfigPromptSchema,
  updateRegionConfigPromptBody,
} from './region-config-prompts.schemas.ts';
import * as service from './region-config-prompts.service.ts';
import { regionConfigParams } from './region-configs.schemas.ts';

const tags = ['Region configs'];

export const regionConfigPromptRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/v1/region-configs/:region_config_id/prompts', {
    schema: {
      operationId: 'listRegionConfigPrompts',
      summary: "List a region config's prompts",
      description: 'The whole list (at most 50), oldest first, disabled prompts included.',
      tags,
      params: regionConfigParams,
      response: { 200: regionConfigPromptList },
    },
    config: { scope: 'read:region-configs', errors: ['not_found', 'brand_not_authorized'] },
    handler: (request) =>
      service.listRegionConfigPrompts(deps, principalOf(request), request.params.region_config_id),
  });
  app.post('/v1/region-configs/:region_config_id/prompts', {
    schema: {
      operationId: 'addRegionConfigPrompts',
      summary: 'Add prompts to a region config',
      description: 'At most 50 prompts per config (409 `conflict`); a batch that would pass it adds none.',
      tags,
      params: regionConfigParams,
      body: createRegionConfigPromptsBody,
      response: { 201: regionConfigPromptList },
    },
    config: { scope: 'write:prompts', errors: ['not_found', 'brand_not_authorized', 'conflict'] },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(
          await service.addRegionConfigPrompts(
            deps,
            principalOf(request),
            request.params.region_config_id,
            request.body,
          ),
        ),
  });
  app.patch('/v1/region-configs/:region_config_id/prompts/:prompt_id', {
    schema: {
      operationId: 'updateRegionConfigPrompt',
      summary: 'Edit, disable or enable a region config prompt',
      tags,
      params: regionConfigPromptParams,
      body: updateRegionConfigPromptBody,
      response: { 200: regionConfigPromptSchema },
    },
    config: { scope: 'write:prompts', errors: ['not_found', 'brand_not_authorized'] },
    handler: (request) =>
      service.updateRegionConfigPrompt(
        deps,
        principalOf(request),
        request.params.region_config_id,
        request.params.prompt_id,
        request.body,
      ),
  });
  app.delete('/v1/region-configs/:region_config_id/prompts/:prompt_id', {
    schema: {
      operationId: 'deleteRegionConfigPrompt',
      summary: 'Delete a region config prompt',
      tags,
      params: regionConfigPromptParams,
      response: { 204: z.null().describe('Deleted') },
    },
    config: { scope: 'write:prompts', errors: ['not_found', 'brand_not_authorized'] },
    handler: async (request, reply) => {
      await service.deleteRegionConfigPrompt(
        deps,
        principalOf(request),
        request.params.region_config_id,
        request.params.prompt_id,
      );
      return reply.code(204).send(null);
    },
  });
};
