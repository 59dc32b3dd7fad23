import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { wholeListSchema } from '../../http/pagination.ts';
import { principalOf } from '../../http/route-config.ts';
import { regionConfigSchema } from '../region-configs/region-configs.schemas.ts';
import {
  createScheduledReportBody,
  listScheduledReportsQuery,
  scheduledReportPage,
  scheduledReportParams,
  scheduledReportSchema,
  updateScheduledReportBody,
} from './scheduled-reports.schemas.ts';
import * as service from './scheduled-reports.service.ts';

const tags = ['Scheduled reports'];

export const scheduledReportRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/v1/scheduled-reports', {
    schema: {
      operationId: 'listScheduledReports',
      summary: "List a brand's scheduled reports",
      tags,
      querystring: listScheduledReportsQuery,
      response: { 200: scheduledReportPage },
    },
    config: { scope: 'read:scheduled', errors: ['not_found', 'brand_not_authorized'] },
    handler: (request) => service.listScheduledReports(deps, principalOf(request), request.query),
  });
  app.post('/v1/scheduled-reports', {
    schema: {
      operationId: 'createScheduledReport',
      summary: 'Create a scheduled report',
      description: '`next_run_at` starts at the next period boundary (UTC) after now.',
      tags,
      body: createScheduledReportBody,
      response: { 201: scheduledReportSchema },
    },
    config: { scope: 'write:scheduled', errors: ['not_found', 'brand_not_authorized'] },
    handler: async (request, reply) =>
      reply.code(201).send(await service.createScheduledReport(deps, principalOf(request), request.body)),
  });
  app.get('/v1/scheduled-reports/:scheduled_report_id', {
    schema: {
      operationId: 'getScheduledReport',
      summary: 'Get a scheduled report',
      tags,
      params: scheduledReportParams,
      response: { 200: scheduledReportSchema },
    },
    config: { scope: 'read:scheduled', errors: ['not_found', 'brand_not_authorized'] },
    handler: (request) =>
      service.getScheduledReport(deps, principalOf(request), request.params.scheduled_report_id),
  });
  app.patch('/v1/scheduled-reports/:scheduled_report_id', {
    schema: {
      operationId: 'updateScheduledReport',
      summary: 'Update, pause or resume a scheduled report',
      tags,
      params: scheduledReportParams,
      body: updateScheduledReportBody,
      response: { 200: scheduledReportSchema },
    },
    config: { scope: 'write:scheduled', errors: ['not_found', 'brand_not_authorized'] },
    handler: (request) =>
      service.updateScheduledReport(
        deps,
        principalOf(request),
        request.params.scheduled_report_id,
        request.body,
      ),
  });
  app.delete('/v1/scheduled-reports/:scheduled_report_id', {
    schema: {
      operationId: 'deleteScheduledReport',
      summary: 'Delete a scheduled report and its region configs',
      description: 'Reports it already produced are kept.',
      tags,
      params: scheduledReportParams,
      response: { 204: z.null().describe('Deleted') },
    },
    config: { scope: 'write:scheduled', errors: ['not_found', 'brand_not_authorized'] },
    handler: async (request, reply) => {
      await service.deleteScheduledReport(deps, principalOf(request), request.params.scheduled_report_id);
      return reply.code(204).send(null);
    },
  });
  app.get('/v1/scheduled-reports/:scheduled_report_id/region-configs', {
    schema: {
      operationId: 'listScheduledReportRegionConfigs',
      summary: "List a scheduled report's region configs",
      description: 'The whole list (at most 20), oldest first.',
      tags,
      params: scheduledReportParams,
      response: { 200: wholeListSchema(regionConfigSchema) },
    },
    // The body is region configs, so reading it takes their scope, not the schedule's.
    config: { scope: 'read:region-configs', errors: ['not_found', 'brand_not_authorized'] },
    handler: (request) =>
      service.listScheduleRegionConfigs(deps, principalOf(request), request.params.scheduled_report_id),
  });
};
