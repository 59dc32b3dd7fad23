import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import type { ErrorCode } from '../../http/errors.ts';
import { principalOf } from '../../http/route-config.ts';
import { reportPromptRoutes } from './report-prompts.routes.ts';
import {
  createReportBody,
  listReportsQuery,
  reportDetailSchema,
  reportPage,
  reportParams,
  reportSchema,
  updateReportBody,
} from './reports.schemas.ts';
import * as service from './reports.service.ts';

const tags = ['Reports'];
const brandScoped: ErrorCode[] = ['not_found', 'brand_not_authorized'];

export const reportRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/v1/reports', {
    schema: {
      operationId: 'listReports',
      summary: "List a brand's reports",
      tags,
      querystring: listReportsQuery,
      response: { 200: reportPage },
    },
    config: { scope: 'read:reports', errors: brandScoped },
    handler: (request) => service.listReports(deps, principalOf(request), request.query),
  });
  app.post('/v1/reports', {
    schema: {
      operationId: 'createReport',
      summary: 'Create a draft report',
      tags,
      body: createReportBody,
      response: { 201: reportSchema },
    },
    config: { scope: 'write:reports', errors: brandScoped },
    handler: async (request, reply) =>
      reply.code(201).send(await service.createReport(deps, principalOf(request), request.body)),
  });
  app.get('/v1/reports/:report_id', {
    schema: {
      operationId: 'getReport',
      summary: 'Get a report with its prompts, results and metrics',
      tags,
      params: reportParams,
      response: { 200: reportDetailSchema },
    },
    config: { scope: 'read:reports', errors: brandScoped },
    handler: (request) => service.getReport(deps, principalOf(request), request.params.report_id),
  });
  app.patch('/v1/reports/:report_id', {
    schema: {
      operationId: 'updateReport',
      summary: 'Update a report',
      tags,
      params: reportParams,
      body: updateReportBody,
      response: { 200: reportSchema },
    },
    config: { scope: 'write:reports', errors: [...brandScoped, 'report_not_modifiable'] },
    handler: (request) =>
      service.updateReport(deps, principalOf(request), request.params.report_id, request.body),
  });
  app.delete('/v1/reports/:report_id', {
    schema: {
      operationId: 'deleteReport',
      summary: 'Delete a report, its prompts and results',
      tags,
      params: reportParams,
      response: { 204: z.null().describe('Deleted') },
    },
    config: { scope: 'write:reports', errors: brandScoped },
    handler: async (request, reply) => {
      await service.deleteReport(deps, principalOf(request), request.params.report_id);
      return reply.code(204).send(null);
    },
  });
  await app.register(reportPromptRoutes, { deps });
};
