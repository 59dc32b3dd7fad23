import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import type { ErrorCode } from '../../http/errors.ts';
import { principalOf } from '../../http/route-config.ts';
import {
  addPromptsBody,
  promptList,
  promptParams,
  promptSchema,
  updatePromptBody,
} from './report-prompts.schemas.ts';
import * as service from './report-prompts.service.ts';
import { reportParams } from './reports.schemas.ts';

const tags = ['Report prompts'];
const brandScoped: ErrorCode[] = ['not_found', 'brand_not_authorized'];
const editing: ErrorCode[] = [...brandScoped, 'report_not_modifiable'];

export const reportPromptRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/v1/reports/:report_id/prompts', {
    schema: {
      operationId: 'listReportPrompts',
      summary: "List a report's prompts",
      tags,
      params: reportParams,
      response: { 200: promptList },
    },
    config: { scope: 'read:reports', errors: brandScoped },
    handler: (request) => service.listPrompts(deps, principalOf(request), request.params.report_id),
  });
  app.post('/v1/reports/:report_id/prompts', {
    schema: {
      operationId: 'addReportPrompts',
      summary: 'Add prompts to a report, given or generated from the brand facts',
      tags,
      params: reportParams,
      body: addPromptsBody,
      response: { 201: promptList },
    },
    config: {
      scope: 'write:prompts',
      errors: [...editing, 'conflict', 'brand_facts_required', 'platform_unavailable', 'service_unavailable'],
      // Spec §4: only `auto_generate` dispatches LLM work on this route.
      dispatchesLlm: (body) => typeof body === 'object' && body !== null && 'auto_generate' in body,
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(await service.addPrompts(deps, principalOf(request), request.params.report_id, request.body)),
  });
  app.patch('/v1/reports/:report_id/prompts/:prompt_id', {
    schema: {
      operationId: 'updateReportPrompt',
      summary: 'Update a report prompt',
      tags,
      params: promptParams,
      body: updatePromptBody,
      response: { 200: promptSchema },
    },
    config: { scope: 'write:prompts', errors: editing },
    handler: (request) => service.updatePrompt(deps, principalOf(request), request.params, request.body),
  });
  app.delete('/v1/reports/:report_id/prompts/:prompt_id', {
    schema: {
      operationId: 'deleteReportPrompt',
      summary: 'Delete a report prompt and its results',
      tags,
      params: promptParams,
      response: { 204: z.null().describe('Deleted') },
    },
    config: { scope: 'write:prompts', errors: editing },
    handler: async (request, reply) => {
      await service.deletePrompt(deps, principalOf(request), request.params);
      return reply.code(204).send(null);
    },
  });
};
