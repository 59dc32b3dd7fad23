import { setMaxListeners } from 'node:events';
import { hostname } from 'node:os';
import { addMs } from '../clock.ts';
import type { Deps } from '../deps.ts';
import { PLATFORM_PROVIDER } from '../engines/settings.ts';
import type { Platform } from '../engines/types.ts';
import { deleteKeysCreatedBefore } from '../http/idempotency.repo.ts';
import { IDEMPOTENCY_RETENTION_MS } from '../http/idempotency.ts';
import { processTask } from './answer-task.ts';
import { startCollection } from './collection.ts';
import { runFactsResearch } from './facts-research.ts';
import {
  claimNextJob,
  extendJobLease,
  finishJob,
  type JobRow,
  releaseWorkerJobs,
  WORK_CHANNEL,
} from './jobs.repo.ts';
import { debitJobOnce } from './ledger.ts';
import { claimNextTask, extendTaskLease, inFlightByPlatform, releaseWorkerTasks } from './tasks.repo.ts';
import { Waker } from './waker.ts';
import { createWebhookDeliverer, type WebhookDeliveryOptions } from './webhook-delivery.ts';

export interface WorkerLogger {
  info(object: object, message?: string): void;
  error(object: object, message?: string): void;
}

export interface WorkerOptions {
  concurrency: number;
  /** How long a claim holds without a heartbeat; a dead worker's items are taken over after it. */
  leaseMs: number;
  /** The polling fallback when no NOTIFY arrives. */
  pollMs: number;
  logger: WorkerLogger;
  workerId?: string;
  /** Webhook delivery timing (timeout, retry backoff); tests shorten the delays. */
  webhooks?: Partial<WebhookDeliveryOptions>;
}

export interface RunningWorker {
  workerId: string;
  /** Stops claiming, lets in-flight items finish for `graceMs`, then aborts and releases the rest. */
  stop(graceMs?: number): Promise<void>;
}

const MAINTENANCE_INTERVAL_MS = 10 * 60 * 1000;

export async function startWorker(deps: Deps, options: WorkerOptions): Promise<RunningWorker> {
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${deps.newId().slice(-12)}`;
  const db = deps.database.db;
  const waker = new Waker();
  const abort = new AbortController();
  // Every in-flight item listens on this one signal (a provider call, a pause, a delivery); a busy worker
  // has more than Node's default of 10 at once, which is not a leak. A real leak still trips the limit.
  setMaxListeners(10 + options.concurrency * 4, abort.signal);
  let stopping = false;
  const unlisten = await deps.database.listen(WORK_CHANNEL, () => waker.wakeAll());
  // Half the slots at most wait on receivers, so slow endpoints cannot starve answer collection.
  const maxInFlight = Math.max(1, Math.floor(options.concurrency / 2));
  const webhooks = createWebhookDeliverer(deps, { ...options.webhooks, signal: abort.signal, maxInFlight });

  const leaseUntil = () => addMs(deps.clock.now(), options.leaseMs);

  /** Keeps the lease alive while the item is worked on, so only a dead worker's items lapse. */
  async function holding<T>(extend: (until: Date) => Promise<void>, work: () => Promise<T>): Promise<T> {
    const timer = setInterval(() => {
      extend(leaseUntil()).catch((error) => options.logger.error({ err: error }, 'lease heartbeat failed'));
    }, options.leaseMs / 3);
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }

  async function saturatedPlatforms(): Promise<string[]> {
    const inFlight = await inFlightByPlatform(db, deps.clock.now());
    const byProvider = new Map<string, number>();
    for (const [platform, count] of inFlight) {
      const provider = PLATFORM_PROVIDER[platform as Platform];
      byProvider.set(provider, (byProvider.get(provider) ?? 0) + count);
    }
    return Object.entries(PLATFORM_PROVIDER)
      .filter(
        ([, provider]) =>
          (byProvider.get(provider) ?? 0) >= deps.config.providers.providers[provider].concurrency,
      )
      .map(([platform]) => platform);
  }

  async function runTask(): Promise<boolean> {
    const skipPlatforms = await saturatedPlatforms();
    const task = await db.transaction((tx) =>
      claimNextTask(tx, { workerId, now: deps.clock.now(), leaseUntil: leaseUntil(), skipPlatforms }),
    );
    if (!task) return false;
    await holding(
      (until) => extendTaskLease(db, task.id, workerId, until),
      () => processTask(deps, task, abort.signal),
    );
    return true;
  }

  /** Claims a job; collection jobs do all their claim-time work in the claim transaction. */
  async function claimJob(): Promise<JobRow | null | undefined> {
    return db.transaction(async (tx) => {
      const now = deps.clock.now();
      const job = await claimNextJob(tx, { workerId, now, leaseUntil: leaseUntil() });
      if (!job) return undefined;
      if (job.type !== 'brand_facts.research') {
        await startCollection(tx, deps, job);
        return null;
      }
      if ((await debitJobOnce(tx, job, deps.newId, now)) === 'insufficient') {
        const message = `The balance cannot cover this job's ${job.cost} credits.`;
        await finishJob(tx, job.id, {
          status: 'failed',
          now,
          error: { code: 'insufficient_credits', message },
          message,
        });
        return null;
      }
      return job;
    });
  }

  async function runJob(): Promise<boolean> {
    const job = await claimJob();
    if (job === undefined) return false;
    if (job) {
      options.logger.info({ job_id: job.id, request_id: job.requestId, type: job.type }, 'job claimed');
      await holding(
        (until) => extendJobLease(db, job.id, workerId, until),
        () => runFactsResearch(deps, job, abort.signal),
      );
    }
    return true;
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      let worked = false;
      try {
        worked = (await webhooks.runOnce()) || (await runTask()) || (await runJob());
      } catch (error) {
        if (!abort.signal.aborted) options.logger.error({ err: error }, 'work item failed');
      }
      if (!worked && !stopping) await waker.wait(options.pollMs);
    }
  }

  const maintenance = setInterval(() => {
    const cutoff = new Date(deps.clock.now().getTime() - IDEMPOTENCY_RETENTION_MS);
    deleteKeysCreatedBefore(db, cutoff).catch((error) =>
      options.logger.error({ err: error }, 'maintenance failed'),
    );
  }, MAINTENANCE_INTERVAL_MS);
  maintenance.unref();

  const loops = Array.from({ length: options.concurrency }, () => loop());
  options.logger.info({ worker_id: workerId, concurrency: options.concurrency }, 'worker started');

  return {
    workerId,
    async stop(graceMs = 25_000) {
      stopping = true;
      clearInterval(maintenance);
      waker.wakeAll();
      const finished = Promise.all(loops);
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise((resolve) => {
        timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([finished, graceOver]);
      clearTimeout(timer);
      abort.abort();
      await finished;
      const now = deps.clock.now();
      await releaseWorkerTasks(db, workerId, now);
      await releaseWorkerJobs(db, workerId, now);
      await unlisten();
      options.logger.info({ worker_id: workerId }, 'worker stopped');
    },
  };
}
