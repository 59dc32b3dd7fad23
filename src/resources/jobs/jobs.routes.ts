import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/route-config.ts';
import { jobPage, jobParams, jobSchema, listJobsQuery } from './jobs.schemas.ts';
import * as service from './jobs.service.ts';

const tags = ['Jobs'];

export const jobRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/v1/jobs', {
    schema: {
      operationId: 'listJobs',
      summary: 'List jobs of the last 7 days, newest first',
      tags,
      querystring: listJobsQuery,
      response: { 200: jobPage },
    },
    config: { scope: 'read:jobs' },
    handler: (request) => service.listJobs(deps, principalOf(request), request.query),
  });
  app.get('/v1/jobs/:job_id', {
    schema: {
      operationId: 'getJob',
      summary: 'Get a job',
      tags,
      params: jobParams,
      response: { 200: jobSchema },
    },
    config: { scope: 'read:jobs', errors: ['not_found', 'brand_not_authorized'] },
    handler: (request) => service.getJob(deps, principalOf(request), request.params.job_id),
  });
  app.delete('/v1/jobs/:job_id', {
    schema: {
      operationId: 'cancelJob',
      summary: 'Cancel a pending or processing job',
      description:
        'Open answer tasks are dropped and the reports fail as cancelled; 409 when the job already finished.',
      tags,
      params: jobParams,
      response: { 200: jobSchema },
    },
    config: { scope: 'write:jobs', errors: ['not_found', 'brand_not_authorized', 'conflict'] },
    handler: (request) => service.cancelJob(deps, principalOf(request), request.params.job_id),
  });
};
