import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import type { ErrorCode } from '../../http/errors.ts';
import { principalOf } from '../../http/route-config.ts';
import { brandParams, brandSchema } from '../brands/brands.schemas.ts';
import { acceptAliasBody, aliasSuggestionList, aliasSuggestionParams } from './alias-suggestions.schemas.ts';
import * as service from './alias-suggestions.service.ts';

const tags = ['Alias suggestions'];
const brandScoped: ErrorCode[] = ['not_found', 'brand_not_authorized'];

export const aliasSuggestionRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/v1/brands/:brand_id/alias-suggestions', {
    schema: {
      operationId: 'listAliasSuggestions',
      summary: 'Spellings of the brand seen in answers that are not aliases yet',
      description:
        `Computed from the brand's latest ${service.ANSWER_WINDOW} completed answers, most confident ` +
        'first; dismissed names and the brand name and aliases (any case) are left out. The whole list.',
      tags,
      params: brandParams,
      response: { 200: aliasSuggestionList },
    },
    config: { scope: 'read:brands', errors: brandScoped },
    handler: (request) => service.listAliasSuggestions(deps, principalOf(request), request.params.brand_id),
  });
  app.post('/v1/brands/:brand_id/alias-suggestions/:business_name/acceptances', {
    schema: {
      operationId: 'acceptAliasSuggestion',
      summary: "Add a suggested spelling to the brand's aliases",
      description:
        'Percent-encode the name in the path. Any name of 1–80 characters is accepted, suggested or ' +
        'not (suggestions move as answers arrive). Answers the updated brand. 409 ' +
        '`alias_already_accepted` when the name (any case) is already the brand name or an alias; 409 ' +
        `\`conflict\` when the brand has ${service.MAX_ALIASES} aliases. Applies to later runs only.`,
      tags,
      params: aliasSuggestionParams,
      body: acceptAliasBody,
      response: { 201: brandSchema },
    },
    config: { scope: 'write:brands', errors: [...brandScoped, 'alias_already_accepted', 'conflict'] },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(
          await service.acceptAliasSuggestion(
            deps,
            principalOf(request),
            request.params.brand_id,
            request.params.business_name,
          ),
        ),
  });
  app.delete('/v1/brands/:brand_id/alias-suggestions/:business_name', {
    schema: {
      operationId: 'dismissAliasSuggestion',
      summary: 'Dismiss a suggested spelling so it is no longer suggested',
      description:
        'Percent-encode the name in the path; matching is case-insensitive. Idempotent: dismissing a ' +
        'name again, or one not currently suggested, also answers 204.',
      tags,
      params: aliasSuggestionParams,
      response: { 204: z.null().describe('Dismissed') },
    },
    config: { scope: 'write:brands', errors: brandScoped },
    handler: async (request, reply) => {
      await service.dismissAliasSuggestion(
        deps,
        principalOf(request),
        request.params.brand_id,
        request.params.business_name,
      );
      return reply.code(204).send(null);
    },
  });
};
