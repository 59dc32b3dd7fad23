import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/route-config.ts';
import { meSchema } from './me.schemas.ts';
import { describeKey } from './me.service.ts';

export const meRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app) => {
  app.get('/v1/me', {
    schema: {
      operationId: 'getMe',
      summary: 'Describe the calling key',
      tags: ['Account'],
      response: { 200: meSchema },
    },
    // Any valid key may ask who it is.
    config: { scope: null },
    handler: async (request) => describeKey(principalOf(request)),
  });
};
