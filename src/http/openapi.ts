import swagger from '@fastify/swagger';
import scalar from '@scalar/fastify-api-reference';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { type ErrorCode, errorResponses } from './errors.ts';

const EVERY_OPERATION: ErrorCode[] = [
  'unauthorized',
  'insufficient_scope',
  'rate_limit_exceeded',
  'internal_error',
  'service_unavailable',
];
const WITH_BODY: ErrorCode[] = ['body_validation_error', 'payload_too_large'];
const WITH_PARAMETERS: ErrorCode[] = ['validation_error'];
const IDEMPOTENT: ErrorCode[] = ['idempotency_key_reused', 'conflict', 'validation_error'];

/** Adds what every operation shares (security, the common error responses) so routes declare only their own. */
export function addOperationDefaults(route: RouteOptions): void {
  const schema = route.schema;
  if (!schema || route.config?.public) return;
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const codes = [...EVERY_OPERATION, ...(route.config?.errors ?? [])];
  if (schema.body) codes.push(...WITH_BODY);
  if (schema.params || schema.querystring) codes.push(...WITH_PARAMETERS);
  // Fastify announces each GET route a second time as HEAD, sharing this schema object.
  if (methods.some((method) => method !== 'GET' && method !== 'HEAD')) codes.push(...IDEMPOTENT);
  if (methods.includes('POST')) codes.push('idempotency_key_required');
  schema.security = [{ bearerAuth: [] }];
  schema.response = { ...errorResponses(codes), ...(schema.response as object) };
}

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Sightline API',
        version: '1.0.0',
        description:
          'How AI assistants talk about a brand: reports, prompts, results, metrics and citations.',
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  app.get('/v1/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  await app.register(scalar, { routePrefix: '/docs', configuration: { url: '/v1/openapi.json' } });
}
