import type { FastifyReply } from 'fastify';
import { ApiError } from './errors.ts';
import {
  connectRedis,
  MemorySlidingLog,
  outageReporter,
  RedisSlidingLog,
  type SlidingLog,
  withFallback,
} from './rate-limit-store.ts';

export type RateLimitScope = 'burst' | 'llm';

/**
 * Spec §4's "rolling minute": each key keeps a log of its accepted requests and a request is let in
 * when fewer than the quota were accepted in the last 60 s, so no 60 s span ever holds more than the
 * quota (a fixed window allows twice that across its edge). Refused requests are not logged, so a
 * client that keeps retrying gets in as soon as its oldest request is a minute old.
 */
export const RATE_LIMIT_WINDOW_SECONDS = 60;
const WINDOW_MS = RATE_LIMIT_WINDOW_SECONDS * 1000;

export interface RateLimitSettings {
  burstPerMinute: number;
  llmPerMinute: number;
  redisUrl: string | null;
}

export interface ScopeState {
  scope: RateLimitScope;
  quota: number;
  /** The quota less the requests accepted in the last 60 s. */
  remaining: number;
  /** Seconds until the oldest of those leaves the window, so one more request fits (60 when none). */
  resetSeconds: number;
  refused: boolean;
}

export interface RateLimiter {
  readonly quotas: Readonly<Record<RateLimitScope, number>>;
  readonly store: 'memory' | 'redis';
  /** Counts one request of the key against each scope in turn, stopping at the first that refuses it. */
  consume(keyId: string, scopes: readonly RateLimitScope[]): Promise<ScopeState[]>;
  close(): Promise<void>;
}

export interface RateLimiterOptions {
  /** Called when the shared store fails; limits then hold per process until it is back. */
  onStoreError?: (error: Error) => void;
  /** The memory store's clock in ms (tests); Redis always uses its own. */
  now?: () => number;
}

/** A log in this process's memory; with a Redis URL, one shared by every process using that Redis. */
export async function createRateLimiter(
  settings: RateLimitSettings,
  options: RateLimiterOptions = {},
): Promise<RateLimiter> {
  const memory = new MemorySlidingLog(WINDOW_MS, options.now);
  const outage = outageReporter(options.onStoreError ?? (() => {}));
  const redis = settings.redisUrl ? await connectRedis(settings.redisUrl, outage.fail) : null;
  const log: SlidingLog = redis
    ? withFallback(new RedisSlidingLog(redis, WINDOW_MS), memory, outage)
    : memory;
  const quotas = { burst: settings.burstPerMinute, llm: settings.llmPerMinute };

  async function consumeOne(scope: RateLimitScope, keyId: string): Promise<ScopeState> {
    const quota = quotas[scope];
    const outcome = await log.hit(`sightline:rl:${scope}:${keyId}`, quota);
    return {
      scope,
      quota,
      remaining: Math.max(0, quota - outcome.count),
      resetSeconds: outcome.count > 0 ? Math.ceil(outcome.msUntilFree / 1000) : RATE_LIMIT_WINDOW_SECONDS,
      refused: !outcome.allowed,
    };
  }

  return {
    quotas,
    store: redis ? 'redis' : 'memory',
    async consume(keyId, scopes) {
      const states: ScopeState[] = [];
      for (const scope of scopes) {
        const state = await consumeOne(scope, keyId);
        states.push(state);
        if (state.refused) break;
      }
      return states;
    },
    async close() {
      redis?.disconnect();
    },
  };
}

/** The scopes a route counts against: every authenticated route is in `burst`, LLM dispatch also in `llm`. */
export function rateLimitScopes(tier: 'llm' | undefined): RateLimitScope[] {
  return tier === 'llm' ? ['burst', 'llm'] : ['burst'];
}

/** `RateLimit-Policy` (draft-ietf-httpapi-ratelimit-headers): a structured-field list, one item per policy. */
export function policyField(limiter: RateLimiter, scopes: readonly RateLimitScope[]): string {
  return scopes
    .map((scope) => `"${scope}";q=${limiter.quotas[scope]};w=${RATE_LIMIT_WINDOW_SECONDS}`)
    .join(', ');
}

/** `RateLimit`: what is left of each policy's quota (`r`) and in how many seconds one more request fits (`t`). */
export function stateField(states: readonly ScopeState[]): string {
  return states.map((state) => `"${state.scope}";r=${state.remaining};t=${state.resetSeconds}`).join(', ');
}

export function announceRateLimitPolicy(
  limiter: RateLimiter,
  tier: 'llm' | undefined,
  reply: FastifyReply,
): void {
  reply.header('ratelimit-policy', policyField(limiter, rateLimitScopes(tier)));
}

/**
 * Counts the request against the key's limits, sets `RateLimit`, and refuses with 429 over a limit.
 * `scopes` beyond those already counted for this request are appended to the headers.
 */
export async function enforceRateLimit(
  limiter: RateLimiter,
  keyId: string,
  scopes: readonly RateLimitScope[],
  reply: FastifyReply,
): Promise<void> {
  const states = await limiter.consume(keyId, scopes);
  const counted = reply.getHeader('ratelimit');
  const field = stateField(states);
  reply.header('ratelimit', typeof counted === 'string' ? `${counted}, ${field}` : field);
  if (typeof counted === 'string') {
    reply.header(
      'ratelimit-policy',
      policyField(limiter, ['burst', ...scopes.filter((scope) => scope !== 'burst')]),
    );
  }
  const refused = states.find((state) => state.refused);
  if (!refused) return;
  const retryAfter = Math.max(1, refused.resetSeconds);
  throw new ApiError(
    'rate_limit_exceeded',
    `This key has used its ${refused.quota} ${refused.scope} requests for this minute; retry in ${retryAfter} s.`,
    { scope: refused.scope, retry_after: retryAfter },
    { 'retry-after': String(retryAfter) },
  );
}
