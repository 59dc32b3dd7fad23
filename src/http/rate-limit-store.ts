import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';

/** One key's log right after a request was offered to it. */
export interface LogOutcome {
  /** Whether the request was under the quota and so recorded; a refused request is not. */
  allowed: boolean;
  /** Requests recorded in the window, this one included when allowed. */
  count: number;
  /** Milliseconds until an entry leaves the window and one more request fits (> 0 when count > 0). */
  msUntilFree: number;
}

export interface SlidingLog {
  hit(key: string, quota: number): Promise<LogOutcome>;
}

/** The entry whose leaving admits one more request: the oldest, unless the log is over this quota. */
function freeingIndex(count: number, quota: number): number {
  return Math.max(0, count - quota);
}

/** Timestamps per key, oldest first; holds for one process only. */
export class MemorySlidingLog implements SlidingLog {
  private readonly logs = new Map<string, number[]>();
  private nextSweepAt: number;

  constructor(
    private readonly windowMs: number,
    // Monotonic by default, so a wall-clock step cannot stretch or shrink a window.
    private readonly now: () => number = () => performance.now(),
  ) {
    this.nextSweepAt = now() + windowMs;
  }

  /** Keys holding a log; dead keys are dropped within two windows. */
  get size(): number {
    return this.logs.size;
  }

  async hit(key: string, quota: number): Promise<LogOutcome> {
    const now = this.now();
    const since = now - this.windowMs;
    this.sweep(now, since);
    const log = this.logs.get(key) ?? [];
    while (log.length > 0 && log[0] <= since) log.shift();
    const allowed = log.length < quota;
    if (allowed) log.push(now);
    if (log.length > 0) this.logs.set(key, log);
    else this.logs.delete(key);
    const freeing: number | undefined = log[freeingIndex(log.length, quota)];
    // Age first: `freeing + window - now` can round to just over the window and read as 61 s.
    const msUntilFree = freeing === undefined ? this.windowMs : this.windowMs - (now - freeing);
    return { allowed, count: log.length, msUntilFree };
  }

  /** Once a window, drops the keys nobody has used in it, so memory does not grow with dead keys. */
  private sweep(now: number, since: number): void {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + this.windowMs;
    for (const [key, log] of this.logs) {
      if ((log.at(-1) ?? since) <= since) this.logs.delete(key);
    }
  }
}

/**
 * KEYS[1] is the key's sorted set (member: a unique id per request, score: its time in ms);
 * ARGV: quota, window in ms, this request's member. The time is Redis's own, so the API machines'
 * clocks do not matter (TIME before writes needs effects replication, the default since Redis 5).
 */
const SLIDING_LOG_SCRIPT = `
local key, quota, window = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
local allowed = 0
if count < quota then
  redis.call('ZADD', key, now, ARGV[3])
  count = count + 1
  allowed = 1
end
redis.call('PEXPIRE', key, window)
-- The entry whose leaving lets one more in: the oldest, unless a process with a larger quota filled it.
local rank = math.max(0, count - quota)
local freeing = redis.call('ZRANGE', key, rank, rank, 'WITHSCORES')
local wait = window
if freeing[2] then wait = tonumber(freeing[2]) + window - now end
return {allowed, count, wait}
`;

interface SlidingLogCommand {
  sightlineSlidingLog(
    key: string,
    quota: number,
    windowMs: number,
    member: string,
  ): Promise<[number, number, number]>;
}

/** One sorted set per key, shared by every process using the Redis; updated atomically by one script. */
export class RedisSlidingLog implements SlidingLog {
  private readonly redis: Redis & SlidingLogCommand;

  constructor(
    redis: Redis,
    private readonly windowMs: number,
  ) {
    // defineCommand sends EVALSHA, and the script itself only when Redis does not have it yet.
    redis.defineCommand('sightlineSlidingLog', { numberOfKeys: 1, lua: SLIDING_LOG_SCRIPT });
    this.redis = redis as Redis & SlidingLogCommand;
  }

  async hit(key: string, quota: number): Promise<LogOutcome> {
    const [allowed, count, msUntilFree] = await this.redis.sightlineSlidingLog(
      key,
      quota,
      this.windowMs,
      randomUUID(),
    );
    return { allowed: allowed === 1, count, msUntilFree };
  }
}

const REDIS_READY_TIMEOUT_MS = 2000;

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

/** Connects, waiting up to 2 s for Redis; a Redis that is not there yet is retried in the background. */
export async function connectRedis(url: string, onError: (error: Error) => void): Promise<Redis> {
  // No offline queue: a command sent while disconnected fails at once and the memory log answers.
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', onError);
  await waitUntilReady(redis);
  return redis;
}

/** Tells of a store outage once: from the first failure until the store answers again. */
export interface OutageReporter {
  fail(error: Error): void;
  recover(): void;
}

export function outageReporter(onStoreError: (error: Error) => void): OutageReporter {
  let failing = false;
  return {
    fail(error) {
      if (!failing) onStoreError(error);
      failing = true;
    },
    recover() {
      failing = false;
    },
  };
}

/** The shared log while it answers, else this process's own (rather than refusing or stalling requests). */
export function withFallback(shared: SlidingLog, local: SlidingLog, outage: OutageReporter): SlidingLog {
  return {
    async hit(key, quota) {
      try {
        const outcome = await shared.hit(key, quota);
        outage.recover();
        return outcome;
      } catch (error) {
        outage.fail(error instanceof Error ? error : new Error(String(error)));
        return local.hit(key, quota);
      }
    },
  };
}
