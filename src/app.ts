import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Deps } from './deps.ts';
import { authenticate, authorize } from './http/auth.ts';
import { handleError } from './http/error-handler.ts';
import { ApiError, errorBody } from './http/errors.ts';
import { beginIdempotentRequest, finishIdempotentRequest } from './http/idempotency.ts';
import { refuseNulInBody, refuseNulInParameters } from './http/nul-characters.ts';
import { addOperationDefaults, registerOpenApi } from './http/openapi.ts';
import {
  announceRateLimitPolicy,
  createRateLimiter,
  enforceRateLimit,
  type RateLimiter,
  rateLimitScopes,
} from './http/rate-limit.ts';
import { CORRELATION_HEADER, correlationId } from './http/request-id.ts';
import './http/route-config.ts';
import { registerHealth } from './http/health.ts';
import { registerResources } from './resources/index.ts';

export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface AppOptions {
  /** Defaults to one built from `deps.config.rateLimits`, closed with the app. */
  rateLimiter?: RateLimiter;
}

export async function buildApp(
  deps: Deps,
  /** The process's pino logger; none in tests. */
  logger: FastifyBaseLogger | null = null,
  options: AppOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    bodyLimit: BODY_LIMIT_BYTES,
    // Long path values (alias names) must reach validation and get our 400, not a bare 414.
    routerOptions: { maxParamLength: 1000 },
    genReqId: correlationId,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('principal', null);
  app.decorateRequest('idempotency', null);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send(errorBody(new ApiError('not_found', `No route ${request.method} ${request.url}.`), request.id)),
  );
  // An empty body with a JSON content type (common on DELETE) is no body, not a parse error.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    if (body === '') return done(null, undefined);
    try {
      const parsed: unknown = JSON.parse(body as string);
      refuseNulInBody(parsed);
      done(null, parsed);
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  const rateLimiter =
    options.rateLimiter ??
    (await createRateLimiter(deps.config.rateLimits, {
      onStoreError: (error) =>
        app.log.warn({ err: error }, 'rate-limit store unavailable; limiting per process'),
    }));
  if (!options.rateLimiter) app.addHook('onClose', () => rateLimiter.close());

  app.addHook('onRoute', addOperationDefaults);
  app.addHook('onRequest', async (request, reply) => {
    reply.header(CORRELATION_HEADER, request.id);
  });
  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config;
    if (config.public || !request.url.startsWith('/v1/') || !request.routeOptions.url) return;
    announceRateLimitPolicy(rateLimiter, config.tier, reply);
    request.principal = await authenticate(deps.database.db, deps.clock, request);
    // Limits count per key, before the scope check, so refused-scope requests count too.
    await enforceRateLimit(rateLimiter, request.principal.keyId, rateLimitScopes(config.tier), reply);
    authorize(request.principal, config.scope ?? null);
  });
  app.addHook('preValidation', async (request) => {
    refuseNulInParameters({ path: request.params, query: request.query });
  });
  // Some routes dispatch LLM work only for certain bodies (prompts with `auto_generate`).
  app.addHook('preValidation', async (request, reply) => {
    const dispatchesLlm = request.routeOptions.config.dispatchesLlm;
    if (request.principal && dispatchesLlm?.(request.body)) {
      await enforceRateLimit(rateLimiter, request.principal.keyId, ['llm'], reply);
    }
  });
  app.addHook('preHandler', async (request, reply) => {
    if (!request.principal || request.method === 'GET') return;
    const outcome = await beginIdempotentRequest(
      deps.database.db,
      deps.clock,
      request.principal,
      request,
      reply,
    );
    if (outcome.kind === 'replayed') return reply;
    request.idempotency = outcome.claim;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.idempotency) {
      const claim = request.idempotency;
      request.idempotency = null;
      await finishIdempotentRequest(deps.database.db, claim, reply, payload);
    }
    return payload;
  });

  await registerOpenApi(app);
  registerHealth(app, deps);
  await registerResources(app, deps);
  return app;
}
