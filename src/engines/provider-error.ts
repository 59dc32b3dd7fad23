import {
  APICallError,
  InvalidResponseDataError,
  JSONParseError,
  NoContentGeneratedError,
  NoObjectGeneratedError,
  NoOutputGeneratedError,
  RetryError,
  TypeValidationError,
} from 'ai';
import type { ProviderName } from './settings.ts';

export type ProviderCallErrorCode = 'rate_limited' | 'provider_error' | 'timeout' | 'bad_response';

export interface ProviderCallErrorInit {
  code: ProviderCallErrorCode;
  retryable: boolean;
  message: string;
  provider?: ProviderName;
  status?: number;
  /** The provider's Retry-After, when it sent one. */
  retryAfterMs?: number;
  attempts?: number;
  cause?: unknown;
}

/** The one error a provider call ends with; `retryable` tells the caller whether a later try may succeed. */
export class ProviderCallError extends Error {
  override readonly name = 'ProviderCallError';
  readonly code: ProviderCallErrorCode;
  readonly retryable: boolean;
  readonly provider: ProviderName | undefined;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly attempts: number | undefined;

  constructor(init: ProviderCallErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.retryable = init.retryable;
    this.provider = init.provider;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    this.attempts = init.attempts;
  }

  withContext(provider: ProviderName, attempts: number): ProviderCallError {
    return new ProviderCallError({
      code: this.code,
      retryable: this.retryable,
      message: this.message,
      provider,
      status: this.status,
      retryAfterMs: this.retryAfterMs,
      attempts,
      cause: this.cause,
    });
  }
}

/** `Retry-After` as seconds or an HTTP date, or OpenAI's `retry-after-ms`; undefined when absent or unreadable. */
export function parseRetryAfter(
  headers: Record<string, string | undefined> | undefined,
  nowMs: number,
): number | undefined {
  if (headers === undefined) return undefined;
  const lower = Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
  const ms = Number.parseFloat(lower['retry-after-ms'] ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = lower['retry-after']?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number.parseFloat(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

function isNetworkError(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    if (current instanceof TypeError && /fetch failed|terminated|other side closed/i.test(current.message)) {
      return true;
    }
    current = current.cause;
  }
  return false;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Maps whatever a provider call threw to the typed error, deciding what is worth retrying. */
export function classifyError(error: unknown, nowMs: number): ProviderCallError {
  if (error instanceof ProviderCallError) return error;
  if (RetryError.isInstance(error)) return classifyError(error.lastError, nowMs);
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    if (status === 429) {
      return new ProviderCallError({
        code: 'rate_limited',
        retryable: true,
        message: `rate limited: ${error.message}`,
        status,
        retryAfterMs: parseRetryAfter(error.responseHeaders, nowMs),
        cause: error,
      });
    }
    if (status !== undefined && status >= 200 && status < 300) {
      return new ProviderCallError({
        code: 'bad_response',
        retryable: false,
        message: error.message,
        status,
        cause: error,
      });
    }
    const retryable = status === undefined ? error.isRetryable : status === 408 || status >= 500;
    return new ProviderCallError({
      code: 'provider_error',
      retryable,
      message: error.message,
      status,
      retryAfterMs: status === undefined ? undefined : parseRetryAfter(error.responseHeaders, nowMs),
      cause: error,
    });
  }
  if (
    JSONParseError.isInstance(error) ||
    TypeValidationError.isInstance(error) ||
    InvalidResponseDataError.isInstance(error) ||
    NoObjectGeneratedError.isInstance(error) ||
    NoOutputGeneratedError.isInstance(error) ||
    NoContentGeneratedError.isInstance(error) ||
    error instanceof SyntaxError
  ) {
    return new ProviderCallError({
      code: 'bad_response',
      retryable: false,
      message: message(error),
      cause: error,
    });
  }
  if (isNetworkError(error)) {
    return new ProviderCallError({
      code: 'provider_error',
      retryable: true,
      message: message(error),
      cause: error,
    });
  }
  return new ProviderCallError({
    code: 'provider_error',
    retryable: false,
    message: message(error),
    cause: error,
  });
}
