import type { Deps } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { startScheduleExecution } from '../resources/scheduled-reports/executions.service.ts';
import { nextRunAfter } from './cadence.ts';
import { recordScheduleRun } from './collection.repo.ts';
import { advanceSchedule, anyScheduleDue, claimDueSchedule } from './scheduler.repo.ts';
import { recordScheduleRunEvent } from './webhook-events.ts';
import type { WorkerLogger } from './worker.ts';

export interface SchedulerOptions {
  /** Pause between the end of one tick and the start of the next. */
  tickMs: number;
  logger?: WorkerLogger;
}

export type FiredSchedule =
  | { scheduleId: string; outcome: 'started'; jobId: string; reportIds: string[] }
  | { scheduleId: string; outcome: 'failed'; code: string; message: string };

export interface TickSummary {
  fired: FiredSchedule[];
  /** Schedules whose start hit an unexpected error: left due, retried next tick. */
  errored: string[];
}

export interface Scheduler {
  /** Fires every schedule due by `deps.clock.now()`, each in its own transaction. */
  tick(): Promise<TickSummary>;
  /** Ticks now and then every `tickMs` until stopped; resolves when the first tick has finished. */
  start(): Promise<void>;
  /** Stops ticking; resolves when a tick in progress has finished. */
  stop(): Promise<void>;
}

const silentLogger: WorkerLogger = { info: () => {}, error: () => {} };

export function createScheduler(deps: Deps, options: SchedulerOptions): Scheduler {
  const db = deps.database.db;
  const logger = options.logger ?? silentLogger;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | null = null;

  /**
   * Claims one due schedule, starts its execution and moves it to its next slot, in one transaction.
   * A refusal the API would answer with a 4xx (no credits, no facts, no prompts, platform missing) is
   * rolled back to a savepoint and recorded on the schedule, which still advances: the slot is spent.
   */
  async function fireNext(skipIds: string[], claimed: { id: string | null }): Promise<FiredSchedule | null> {
    return db.transaction(async (tx) => {
      const now = deps.clock.now();
      const due = await claimDueSchedule(tx, now, skipIds);
      if (!due) return null;
      const { schedule, owner } = due;
      claimed.id = schedule.id;
      let fired: FiredSchedule;
      try {
        const { job, reportIds } = await tx.transaction((savepoint) =>
          startScheduleExecution(savepoint, deps, schedule, { requestId: null, owner }),
        );
        fired = { scheduleId: schedule.id, outcome: 'started', jobId: job.id, reportIds };
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        const message = `${error.code}: ${error.message}`;
        await recordScheduleRun(tx, schedule.id, { status: 'failed', at: now, error: message, now });
        await recordScheduleRunEvent(
          tx,
          { now, newId: deps.newId },
          {
            brandId: schedule.brandId,
            scheduledReportId: schedule.id,
            jobId: null,
            batchId: null,
            reportIds: [],
            status: 'failed',
            error: message,
          },
        );
        fired = { scheduleId: schedule.id, outcome: 'failed', code: error.code, message };
      }
      await advanceSchedule(tx, schedule.id, nextRunAfter(schedule.frequency, schedule.nextRunAt, now), now);
      return fired;
    });
  }

  async function tick(): Promise<TickSummary> {
    const summary: TickSummary = { fired: [], errored: [] };
    // The probe is a cheap hint; the claim decides, under its lock, what is really due.
    while (!stopping && (await anyScheduleDue(db, deps.clock.now()))) {
      const claimed: { id: string | null } = { id: null };
      try {
        const fired = await fireNext(summary.errored, claimed);
        if (!fired) break;
        summary.fired.push(fired);
        logger.info(fired, `scheduled execution ${fired.outcome}`);
      } catch (error) {
        logger.error({ err: error, scheduled_report_id: claimed.id }, 'schedule tick failed');
        // Without a claimed row the database itself failed: stop here and try again next tick.
        if (!claimed.id) break;
        summary.errored.push(claimed.id);
      }
    }
    return summary;
  }

  async function loop(): Promise<void> {
    running = tick();
    await running.catch((error) => logger.error({ err: error }, 'schedule tick failed'));
    running = null;
    if (!stopping) timer = setTimeout(loop, options.tickMs);
  }

  return {
    tick,
    start() {
      stopping = false;
      logger.info({ tick_ms: options.tickMs }, 'scheduler started');
      return loop();
    },
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await running?.catch(() => {});
      logger.info({}, 'scheduler stopped');
    },
  };
}
