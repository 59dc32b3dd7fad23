import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { classifyError, ProviderCallError } from './provider-error.ts';
import { Semaphore } from './semaphore.ts';
import { PROVIDERS, type ProviderName, type ProviderSettings } from './settings.ts';

export { ProviderCallError, type ProviderCallErrorCode } from './provider-error.ts';

/** Time as the retry rules see it; tests pass a virtual clock so no test waits for real. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** What the outbound needs of a limiter: any rate-limiter-flexible limiter (memory, Redis, Postgres) fits. */
export type RequestBudget = Pick<RateLimiterAbstract, 'consume'>;

export interface ProviderLimits {
  concurrency: number;
  rpm: number;
}

export interface OutboundOptions {
  limits: Record<ProviderName, ProviderLimits>;
  /** Per attempt. */
  timeoutMs: number;
  maxRetries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A Retry-After longer than this ends the call (retryable) instead of holding a worker. */
  maxRetryAfterMs?: number;
  /** Shared budgets (e.g. Postgres- or Redis-backed) so all workers spend one RPM per provider. */
  budgets?: Partial<Record<ProviderName, RequestBudget>>;
  clock?: Clock;
  random?: () => number;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface Outbound {
  /** Runs `fn` under the provider's concurrency cap and RPM budget, retrying transient failures. */
  call<T>(provider: ProviderName, fn: (signal: AbortSignal) => Promise<T>, options?: CallOptions): Promise<T>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

class AttemptTimeout extends Error {
  override readonly name = 'AttemptTimeout';
}

const noop = () => {};

/** Runs one attempt with its own deadline; settles even when `fn` ignores the abort signal. */
async function runAttempt<T>(
  fn: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
  outer: AbortSignal | undefined,
): Promise<T> {
  outer?.throwIfAborted();
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(outer?.reason);
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  const timer = setTimeout(
    () => controller.abort(new AttemptTimeout(`no answer within ${timeoutMs} ms`)),
    timeoutMs,
  );
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  aborted.catch(noop);
  try {
    const pending = fn(controller.signal);
    pending.catch(noop);
    return await Promise.race([pending, aborted]);
  } catch (error) {
    // The SDK reports our deadline as an AbortError; the signal's reason says which abort it was.
    if (controller.signal.reason instanceof AttemptTimeout && !outer?.aborted) throw controller.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuterAbort);
  }
}

export function createOutbound(options: OutboundOptions): Outbound {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const maxRetries = options.maxRetries ?? 3;
  const baseDelayMs = options.baseDelayMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;

  // Separate semaphores, budgets and pauses per provider: one slow provider never holds another's slots.
  const lanes = new Map(
    PROVIDERS.map((provider) => {
      const limits = options.limits[provider];
      const budget =
        options.budgets?.[provider] ??
        new RateLimiterMemory({ points: limits.rpm, duration: 60, keyPrefix: 'sightline_outbound' });
      return [provider, { semaphore: new Semaphore(limits.concurrency), budget, pausedUntil: 0 }];
    }),
  );

  const lane = (provider: ProviderName) => {
    const found = lanes.get(provider);
    if (found === undefined) throw new Error(`unknown provider ${provider}`);
    return found;
  };

  async function spendBudget(provider: ProviderName, signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      try {
        await lane(provider).budget.consume(provider, 1);
        return;
      } catch (rejection) {
        // A store outage (Redis/Postgres down) must not stop collection; the provider's own 429s still apply.
        if (!(rejection instanceof RateLimiterRes)) return;
        await clock.sleep(Math.max(rejection.msBeforeNext, 1), signal);
      }
    }
  }

  function backoffMs(attempt: number, error: ProviderCallError): number {
    const exponential = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    const jittered = exponential / 2 + (random() * exponential) / 2;
    return Math.max(jittered, error.retryAfterMs ?? 0);
  }

  return {
    async call(provider, fn, callOptions = {}) {
      const { signal } = callOptions;
      const state = lane(provider);
      for (let attempt = 1; ; attempt++) {
        const pause = state.pausedUntil - clock.now();
        if (pause > maxRetryAfterMs) {
          // The provider asked for a long break: hand the call back rather than park a worker on it.
          throw new ProviderCallError({
            code: 'rate_limited',
            retryable: true,
            message: `${provider} asked to pause for ${Math.ceil(pause / 1000)} s`,
            provider,
            retryAfterMs: pause,
            attempts: attempt - 1,
          });
        }
        if (pause > 0) await clock.sleep(pause, signal);
        const release = await state.semaphore.acquire(signal);
        let failure: ProviderCallError;
        try {
          await spendBudget(provider, signal);
          return await runAttempt(fn, options.timeoutMs, signal);
        } catch (error) {
          if (signal?.aborted) throw signal.reason ?? error;
          failure =
            error instanceof AttemptTimeout
              ? new ProviderCallError({
                  code: 'timeout',
                  retryable: true,
                  message: error.message,
                  cause: error,
                })
              : classifyError(error, clock.now());
        } finally {
          release();
        }
        if (failure.code === 'rate_limited' && failure.retryAfterMs !== undefined) {
          state.pausedUntil = Math.max(state.pausedUntil, clock.now() + failure.retryAfterMs);
        }
        const tooLong = (failure.retryAfterMs ?? 0) > maxRetryAfterMs;
        if (!failure.retryable || attempt > maxRetries || tooLong)
          throw failure.withContext(provider, attempt);
        await clock.sleep(backoffMs(attempt, failure), signal);
      }
    },
  };
}

/** The outbound for a settings object; pass `budgets` to share RPM across processes. */
export function createOutboundFromSettings(
  settings: ProviderSettings,
  overrides: Omit<Partial<OutboundOptions>, 'limits'> = {},
): Outbound {
  const limits = Object.fromEntries(
    PROVIDERS.map((provider) => {
      const { concurrency, rpm } = settings.providers[provider];
      return [provider, { concurrency, rpm }];
    }),
  ) as Record<ProviderName, ProviderLimits>;
  return createOutbound({
    timeoutMs: settings.timeoutMs,
    maxRetries: settings.maxRetries,
    ...overrides,
    limits,
  });
}
