import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/route-config.ts';
import { idParams, uuid } from '../../http/schemas.ts';
import { dispatchScheduleExecution } from './executions.service.ts';

const executionBody = z
  .strictObject({ region_config_id: uuid.optional() })
  .nullish()
  .meta({ id: 'ExecuteSchedule' });
const dispatched = z
  .object({ job_id: uuid, scheduled_report_id: uuid, object: z.literal('scheduled_report.execution') })
  .meta({ id: 'ScheduleExecutionDispatched' });

export const executionRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.post('/v1/scheduled-reports/:scheduled_report_id/executions', {
    schema: {
      operationId: 'executeScheduledReport',
      summary: "Run a schedule now: one report per active region config (a job); next_run_at doesn't move",
      tags: ['Scheduled reports'],
      params: idParams('scheduled_report_id'),
      body: executionBody,
      response: { 202: dispatched },
    },
    config: {
      scope: 'write:scheduled',
      tier: 'llm',
      errors: [
        'not_found',
        'brand_not_authorized',
        'brand_facts_required',
        'prompts_required',
        'platform_unavailable',
        'insufficient_credits',
      ],
    },
    handler: async (request, reply) =>
      reply
        .code(202)
        .send(
          await dispatchScheduleExecution(
            deps,
            principalOf(request),
            request.params.scheduled_report_id,
            request.body,
            request.id,
          ),
        ),
  });
};
