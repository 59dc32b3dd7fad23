import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/route-config.ts';
import { emptyBody, idParams, uuid } from '../../http/schemas.ts';
import { dispatchReportRun } from './report-runs.service.ts';

const dispatched = z
  .object({ job_id: uuid, report_id: uuid, object: z.literal('report.run') })
  .meta({ id: 'ReportRunDispatched' });

export const reportRunRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.post('/v1/reports/:report_id/runs', {
    schema: {
      operationId: 'runReport',
      summary: 'Run a report: ask every prompt on every platform (a job)',
      tags: ['Reports'],
      params: idParams('report_id'),
      body: emptyBody,
      response: { 202: dispatched },
    },
    config: {
      scope: 'write:reports',
      tier: 'llm',
      errors: [
        'not_found',
        'brand_not_authorized',
        'report_not_modifiable',
        'prompts_required',
        'brand_facts_required',
        'platform_unavailable',
        'insufficient_credits',
      ],
    },
    handler: async (request, reply) =>
      reply
        .code(202)
        .send(await dispatchReportRun(deps, principalOf(request), request.params.report_id, request.id)),
  });
};
