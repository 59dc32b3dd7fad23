import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ApiError, errorBody, type FieldError } from './errors.ts';

const PARAMETER_LOCATIONS: Record<string, string> = {
  params: 'path',
  querystring: 'query',
  headers: 'header',
};

function fieldErrors(
  error: { validation: Array<{ instancePath: string; message?: string; keyword: string }> },
  location: string,
): FieldError[] {
  return error.validation.map((issue) => ({
    loc: [
      location,
      ...issue.instancePath
        .split('/')
        .filter(Boolean)
        .map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
    ],
    msg: issue.message ?? 'invalid',
    type: issue.keyword,
  }));
}

/** drizzle wraps driver errors (DrizzleQueryError), so the Postgres code is on a cause, not the error. */
function databaseCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Object && depth < 5; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string') return code;
    current = cause;
  }
  return undefined;
}

/** Postgres errors that mean the client's request, not the server, is wrong (translated in one place). */
function fromDatabaseError(error: unknown): ApiError | null {
  switch (databaseCode(error)) {
    case '23505':
      return new ApiError('conflict', 'An object with these values already exists.');
    case '23503':
      return new ApiError('not_found', 'A referenced object does not exist.');
    case '57P01':
    case '57P03':
    case '08000':
    case '08003':
    case '08006':
    case 'ECONNREFUSED':
      return new ApiError('service_unavailable', undefined, { retry_after: 5 }, { 'retry-after': '5' });
    default:
      return null;
  }
}

export function toApiError(error: FastifyError | Error): ApiError | null {
  if (error instanceof ApiError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as { validationContext?: string }).validationContext ?? 'body';
    if (context === 'body') {
      return new ApiError('body_validation_error', undefined, { errors: fieldErrors(error, 'body') });
    }
    const location = PARAMETER_LOCATIONS[context] ?? context;
    return new ApiError('validation_error', undefined, { errors: fieldErrors(error, location) });
  }
  const code = (error as FastifyError).code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new ApiError('payload_too_large');
  if (code?.startsWith('FST_ERR_CTP_') || error instanceof SyntaxError) {
    return new ApiError('body_validation_error', 'The request body must be a JSON object.', {
      errors: [{ loc: ['body'], msg: error.message, type: 'json' }],
    });
  }
  return fromDatabaseError(error);
}

export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  const apiError = toApiError(error);
  if (!apiError) {
    request.log.error({ err: error }, 'unexpected error');
    return reply.code(500).send(errorBody(new ApiError('internal_error'), request.id));
  }
  if (apiError.status >= 500) request.log.warn({ err: error }, apiError.code);
  return reply.code(apiError.status).headers(apiError.headers).send(errorBody(apiError, request.id));
}
