import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import type { ErrorCode } from '../../http/errors.ts';
import { principalOf } from '../../http/route-config.ts';
import { reportAiAnalysisSchema, reportSummarySchema } from './report-summary.schemas.ts';
import * as service from './report-summary.service.ts';
import { reportParams } from './reports.schemas.ts';

const tags = ['Reports'];
const brandScoped: ErrorCode[] = ['not_found', 'brand_not_authorized'];
const NOT_COMPLETED =
  'A report that is not completed (draft, processing, failed) answers 200 with null metrics, a null ' +
  'summary and suggestion, and no highlights or gaps, so clients can poll it like the report itself.';
const COMPARISON =
  'Computed deterministically from stored metrics and results (no LLM). Trends compare with the ' +
  'latest report completed before this one of the same region config (for a report without one: of ' +
  'the same brand); with no such report every trend is `flat`.';

export const reportSummaryRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/v1/reports/:report_id/summary', {
    schema: {
      operationId: 'getReportSummary',
      summary: "A report's headline metrics, analysis, gaps and suggestion",
      description: `${COMPARISON} ${NOT_COMPLETED}`,
      tags,
      params: reportParams,
      response: { 200: reportSummarySchema },
    },
    config: { scope: 'read:reports', errors: brandScoped },
    handler: (request) => service.getReportSummary(deps, principalOf(request), request.params.report_id),
  });
  app.get('/v1/reports/:report_id/ai-analysis', {
    schema: {
      operationId: 'getReportAiAnalysis',
      summary: "A report's written analysis: summary, highlights and suggestion",
      description: `${COMPARISON} ${NOT_COMPLETED}`,
      tags,
      params: reportParams,
      response: { 200: reportAiAnalysisSchema },
    },
    config: { scope: 'read:reports', errors: brandScoped },
    handler: (request) => service.getReportAiAnalysis(deps, principalOf(request), request.params.report_id),
  });
};
