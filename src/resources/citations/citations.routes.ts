import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import type { ErrorCode } from '../../http/errors.ts';
import { principalOf } from '../../http/route-config.ts';
import { brandParams } from '../brands/brands.schemas.ts';
import {
  citationDetailSchema,
  citationDomainList,
  citationDomainsQuery,
  citationPage,
  citationParams,
  listCitationsQuery,
} from './citations.schemas.ts';
import * as service from './citations.service.ts';

const tags = ['Citations'];
const brandScoped: ErrorCode[] = ['not_found', 'brand_not_authorized'];

export const citationRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/v1/brands/:brand_id/citations', {
    schema: {
      operationId: 'listCitations',
      summary: 'List the URLs the platforms cited for a brand',
      description:
        'Newest first (by first citation). Only URLs cited by at least one stored answer (within ' +
        '`report_id` when given) are listed; `count` and `platforms` count answers, within that report. ' +
        'A `report_id` of another brand answers 404 `not_found`.',
      tags,
      params: brandParams,
      querystring: listCitationsQuery,
      response: { 200: citationPage },
    },
    config: { scope: 'read:citations', errors: brandScoped },
    handler: (request) =>
      service.listCitations(deps, principalOf(request), request.params.brand_id, request.query),
  });
  app.get('/v1/brands/:brand_id/citations/by-domain', {
    schema: {
      operationId: 'listCitationDomains',
      summary: "A brand's citations grouped by domain, most cited first",
      description:
        'The top `limit` domains (default 100, at most 1000) as one list, by `count` then name. Not ' +
        'cursor-paginated: an order by count shifts as new answers arrive, so pages would skip or repeat ' +
        'domains. `urls` is the number of distinct URLs; list them with `GET …/citations?domain=`.',
      tags,
      params: brandParams,
      querystring: citationDomainsQuery,
      response: { 200: citationDomainList },
    },
    config: { scope: 'read:citations', errors: brandScoped },
    handler: (request) =>
      service.listCitationDomains(deps, principalOf(request), request.params.brand_id, request.query),
  });
  app.get('/v1/citations/:citation_id', {
    schema: {
      operationId: 'getCitation',
      summary: 'Get a citation with the reports that cited it',
      tags,
      params: citationParams,
      response: { 200: citationDetailSchema },
    },
    config: { scope: 'read:citations', errors: brandScoped },
    handler: (request) => service.getCitation(deps, principalOf(request), request.params.citation_id),
  });
};
