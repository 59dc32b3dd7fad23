import { and, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { jobs } from '../db/schema/index.ts';

export type JobRow = typeof jobs.$inferSelect;
export type NewJobRow = typeof jobs.$inferInsert;
export const WORK_CHANNEL = 'sightline_work';

export async function insertJob(db: Executor, row: NewJobRow): Promise<JobRow> {
  const [inserted] = await db.insert(jobs).values(row).returning();
  if (!inserted) throw new Error('insert returned no row');
  await notifyWork(db);
  return inserted;
}

/** Wakes idle workers (they also poll, so a lost notification only delays work). */
export async function notifyWork(db: Executor): Promise<void> {
  await db.execute(sql`select pg_notify(${WORK_CHANNEL}, '')`);
}

/**
 * Claims the next runnable job: pending and due, or processing with a lapsed lease (its worker died).
 * A processing job with no lease is waiting for its answer tasks and is not claimable.
 */
export async function claimNextJob(
  tx: Executor,
  claim: { workerId: string; now: Date; leaseUntil: Date },
): Promise<JobRow | undefined> {
  const [candidate] = await tx
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      or(
        and(eq(jobs.status, 'pending'), lte(jobs.runAt, claim.now)),
        and(eq(jobs.status, 'processing'), lt(jobs.lockedUntil, claim.now)),
      ),
    )
    .orderBy(jobs.runAt, jobs.id)
    .limit(1)
    .for('update', { skipLocked: true });
  if (!candidate) return undefined;
  const [job] = await tx
    .update(jobs)
    .set({
      status: 'processing',
      attempts: sql`${jobs.attempts} + 1`,
      lockedBy: claim.workerId,
      lockedUntil: claim.leaseUntil,
      startedAt: sql`coalesce(${jobs.startedAt}, ${claim.now.toISOString()}::timestamptz)`,
      updatedAt: claim.now,
    })
    .where(eq(jobs.id, candidate.id))
    .returning();
  return job;
}

/** Locks the job row so that completions of its tasks are serialised (exactly one of them finishes it). */
export async function lockJob(tx: Executor, id: string): Promise<JobRow | undefined> {
  const [job] = await tx.select().from(jobs).where(eq(jobs.id, id)).for('update');
  return job;
}

export async function updateJob(db: Executor, id: string, changes: Partial<NewJobRow>): Promise<void> {
  await db.update(jobs).set(changes).where(eq(jobs.id, id));
}

export async function finishJob(
  db: Executor,
  id: string,
  outcome: {
    status: 'completed' | 'failed' | 'cancelled';
    now: Date;
    result?: Record<string, unknown> | null;
    error?: { code: string; message: string } | null;
    message: string;
  },
): Promise<void> {
  await db
    .update(jobs)
    .set({
      status: outcome.status,
      step: 'done',
      message: outcome.message,
      result: outcome.result ?? null,
      error: outcome.error ?? null,
      lockedBy: null,
      lockedUntil: null,
      finishedAt: outcome.now,
      updatedAt: outcome.now,
    })
    .where(and(eq(jobs.id, id), inArray(jobs.status, ['pending', 'processing'])));
}

/** Gives a claimed job back (shutdown, or a retry later); `runAt` says when it may run again. */
export async function releaseJob(
  db: Executor,
  id: string,
  runAt: Date,
  now: Date,
  message?: string,
): Promise<void> {
  await db
    .update(jobs)
    .set({
      status: 'pending',
      lockedBy: null,
      lockedUntil: null,
      runAt,
      updatedAt: now,
      ...(message ? { message } : {}),
    })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'processing')));
}

export async function releaseWorkerJobs(db: Executor, workerId: string, now: Date): Promise<void> {
  await db
    .update(jobs)
    .set({
      status: 'pending',
      lockedBy: null,
      lockedUntil: null,
      runAt: now,
      updatedAt: now,
      attempts: sql`greatest(${jobs.attempts} - 1, 0)`,
    })
    .where(
      and(eq(jobs.lockedBy, workerId), eq(jobs.status, 'processing'), sql`${jobs.lockedUntil} is not null`),
    );
}

export async function extendJobLease(db: Executor, id: string, workerId: string, until: Date): Promise<void> {
  await db
    .update(jobs)
    .set({ lockedUntil: until })
    .where(and(eq(jobs.id, id), eq(jobs.lockedBy, workerId), eq(jobs.status, 'processing')));
}
