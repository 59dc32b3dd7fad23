import { z } from 'zod';

/** The error catalog (spec §3): one code, one status, one default message. */
export const ERROR_CATALOG = {
  validation_error: { status: 400, message: 'A path, query or header parameter is invalid.' },
  idempotency_key_required: { status: 400, message: 'POST requests need an Idempotency-Key header.' },
  unauthorized: { status: 401, message: 'A valid API key is required.' },
  insufficient_credits: { status: 402, message: 'The account balance cannot cover this operation.' },
  forbidden: { status: 403, message: 'This key may not perform this action.' },
  insufficient_scope: { status: 403, message: 'This key lacks the scope this endpoint requires.' },
  brand_not_authorized: { status: 403, message: 'This key is restricted to another brand.' },
  not_found: { status: 404, message: 'No such object.' },
  facts_not_generated: { status: 404, message: 'No facts exist for this brand yet.' },
  conflict: { status: 409, message: 'The current state does not allow this request.' },
  report_not_modifiable: { status: 409, message: 'The report cannot be changed in its current state.' },
  alias_already_accepted: { status: 409, message: 'This alias is already on the brand.' },
  // Not in the upstream catalog: bodies over 1 MiB are refused before they are parsed.
  payload_too_large: { status: 413, message: 'The request body is larger than 1 MiB.' },
  idempotency_key_reused: {
    status: 422,
    message: 'This Idempotency-Key was used with another method, path or body.',
  },
  body_validation_error: { status: 422, message: 'The request body is invalid.' },
  brand_facts_required: { status: 422, message: 'This brand has no facts yet; generate or set them first.' },
  prompts_required: { status: 422, message: 'The report has no prompts.' },
  platform_unavailable: { status: 422, message: 'A selected platform is not configured on this server.' },
  rate_limit_exceeded: { status: 429, message: 'Too many requests.' },
  internal_error: { status: 500, message: 'An unexpected error occurred.' },
  service_unavailable: { status: 503, message: 'A dependency is unavailable; try again shortly.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;
export const ERROR_CODES = Object.keys(ERROR_CATALOG) as [ErrorCode, ...ErrorCode[]];

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    message?: string,
    details: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    super(message ?? ERROR_CATALOG[code].message);
    this.code = code;
    this.status = ERROR_CATALOG[code].status;
    this.details = details;
    this.headers = headers;
  }
}

export interface FieldError {
  loc: Array<string | number>;
  msg: string;
  type: string;
}

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      details: z.record(z.string(), z.unknown()),
    }),
    request_id: z.string(),
  })
  .meta({ id: 'Error' });

export type ErrorBody = z.infer<typeof errorBodySchema>;

export function errorBody(error: ApiError, requestId: string): ErrorBody {
  return {
    error: { code: error.code, message: error.message, details: error.details },
    request_id: requestId,
  };
}

/** The error responses an operation can give, by status, for its OpenAPI entry. */
export function errorResponses(codes: readonly ErrorCode[]): Record<number, typeof errorBodySchema> {
  const byStatus: Record<number, typeof errorBodySchema> = {};
  for (const code of codes) byStatus[ERROR_CATALOG[code].status] = errorBodySchema;
  return byStatus;
}
