import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';
import { aliasSuggestionRoutes } from './alias-suggestions/alias-suggestions.routes.ts';
import { brandFactsRoutes } from './brand-facts/brand-facts.routes.ts';
import { factsResearchRoutes } from './brand-facts/facts-research.routes.ts';
import { brandRoutes } from './brands/brands.routes.ts';
import { citationRoutes } from './citations/citations.routes.ts';
import { creditRoutes } from './credits/credits.routes.ts';
import { jobRoutes } from './jobs/jobs.routes.ts';
import { meRoutes } from './me/me.routes.ts';
import { regionConfigPromptRoutes } from './region-configs/region-config-prompts.routes.ts';
import { regionConfigRoutes } from './region-configs/region-configs.routes.ts';
import { reportRunRoutes } from './reports/report-runs.routes.ts';
import { reportSummaryRoutes } from './reports/report-summary.routes.ts';
import { reportRoutes } from './reports/reports.routes.ts';
import { executionRoutes } from './scheduled-reports/executions.routes.ts';
import { scheduledReportRoutes } from './scheduled-reports/scheduled-reports.routes.ts';
import { webhookRoutes } from './webhooks/webhooks.routes.ts';

/** Every /v1 resource; the folders beside this file are the API's resources. */
export async function registerResources(app: FastifyInstance, deps: Deps): Promise<void> {
  for (const routes of [
    brandRoutes,
    brandFactsRoutes,
    factsResearchRoutes,
    meRoutes,
    creditRoutes,
    jobRoutes,
    reportRoutes,
    reportRunRoutes,
    scheduledReportRoutes,
    executionRoutes,
    regionConfigRoutes,
    regionConfigPromptRoutes,
    webhookRoutes,
    citationRoutes,
    aliasSuggestionRoutes,
    reportSummaryRoutes,
  ])
    await app.register(routes, { deps });
}
