import type { FastifyReply } from 'fastify';
import { Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { ApiError } from './errors.ts';

export type RateLimitScope = 'burst' | 'llm';

/**
 * rate-limiter-flexible counts in fixed windows: a key's window opens at its first request and its
 * count resets 60 s later. A client can therefore get up to twice the quota across a window edge,
 * which spec §4's "rolling minute" tolerates; a sliding log would cost a sorted set per key.
 */
export const RATE_LIMIT_WINDOW_SECONDS = 60;
const REDIS_READY_TIMEOUT_MS = 2000;

export interface RateLimitSettings {
  burstPerMinute: number;
  llmPerMinute: number;
  redisUrl: string | null;
}

export interface ScopeState {
  scope: RateLimitScope;
  quota: number;
  remaining: number;
  /** Seconds until the window ends and the quota is whole again. */
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
}

function limiterFor(scope: RateLimitScope, points: number, redis: Redis | null): RateLimiterAbstract {
  const base = { points, duration: RATE_LIMIT_WINDOW_SECONDS, keyPrefix: `sightline:rl:${scope}` };
  const memory = new RateLimiterMemory(base);
  if (!redis) return memory;
  // While Redis is unreachable each process limits on its own rather than refusing or waiting.
  return new RateLimiterRedis({
    ...base,
    storeClient: redis,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
}

function waitUntilReady(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, REDIS_READY_TIMEOUT_MS);
    redis.once('ready', done);
  });
}

function connectRedis(url: string, onStoreError: (error: Error) => void): Redis {
  // No offline queue: a command sent while disconnected fails at once and the insurance limiter answers.
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  let reported = false;
  redis.on('error', (error: Error) => {
    if (!reported) onStoreError(error);
    reported = true;
  });
  redis.on('ready', () => {
    reported = false;
  });
  return redis;
}

/** `RateLimiterMemory` for one process; with a Redis URL, limits shared by every process using it. */
export async function createRateLimiter(
  settings: RateLimitSettings,
  options: RateLimiterOptions = {},
): Promise<RateLimiter> {
  const redis = settings.redisUrl
    ? connectRedis(settings.redisUrl, options.onStoreError ?? (() => {}))
    : null;
  if (redis) await waitUntilReady(redis);
  const quotas = { burst: settings.burstPerMinute, llm: settings.llmPerMinute };
  const limiters = {
    burst: limiterFor('burst', quotas.burst, redis),
    llm: limiterFor('llm', quotas.llm, redis),
  };

  async function consumeOne(scope: RateLimitScope, keyId: string): Promise<ScopeState> {
    let outcome: RateLimiterRes;
    let refused = false;
    try {
      outcome = await limiters[scope].consume(keyId);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      outcome = error;
      refused = true;
    }
    return {
      scope,
      quota: quotas[scope],
      remaining: outcome.remainingPoints,
      resetSeconds: Math.ceil(outcome.msBeforeNext / 1000),
      refused,
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

/** `RateLimit`: what is left of each policy's quota (`r`) and in how many seconds it is whole again (`t`). */
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
