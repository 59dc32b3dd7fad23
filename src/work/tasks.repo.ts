import { and, count, eq, inArray, lt, lte, notInArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { answerTasks } from '../db/schema/index.ts';

export type TaskRow = typeof answerTasks.$inferSelect;
type NewTaskRow = typeof answerTasks.$inferInsert;

export async function insertTasks(db: Executor, rows: NewTaskRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 500) {
    await db
      .insert(answerTasks)
      .values(rows.slice(start, start + 500))
      .onConflictDoNothing();
  }
}

const claimable = (now: Date) =>
  or(
    and(eq(answerTasks.status, 'pending'), lte(answerTasks.runAt, now)),
    and(eq(answerTasks.status, 'processing'), lt(answerTasks.lockedUntil, now)),
  );

/** Platforms with answers in flight (under a live lease), for the shared per-provider concurrency cap. */
export async function inFlightByPlatform(db: Executor, now: Date): Promise<Map<string, number>> {
  const rows = await db
    .select({ platform: answerTasks.platform, inFlight: count() })
    .from(answerTasks)
    .where(
      and(
        eq(answerTasks.status, 'processing'),
        sql`${answerTasks.lockedUntil} >= ${now.toISOString()}::timestamptz`,
      ),
    )
    .groupBy(answerTasks.platform);
  return new Map(rows.map((row) => [row.platform, row.inFlight]));
}

export async function claimNextTask(
  tx: Executor,
  claim: { workerId: string; now: Date; leaseUntil: Date; skipPlatforms: string[] },
): Promise<TaskRow | undefined> {
  const [candidate] = await tx
    .select({ id: answerTasks.id })
    .from(answerTasks)
    .where(
      and(
        claimable(claim.now),
        claim.skipPlatforms.length > 0 ? notInArray(answerTasks.platform, claim.skipPlatforms) : undefined,
      ),
    )
    .orderBy(answerTasks.runAt, answerTasks.id)
    .limit(1)
    .for('update', { skipLocked: true });
  if (!candidate) return undefined;
  const [task] = await tx
    .update(answerTasks)
    .set({
      status: 'processing',
      attempts: sql`${answerTasks.attempts} + 1`,
      lockedBy: claim.workerId,
      lockedUntil: claim.leaseUntil,
      updatedAt: claim.now,
    })
    .where(eq(answerTasks.id, candidate.id))
    .returning();
  return task;
}

export async function setTaskStatus(
  db: Executor,
  id: string,
  changes: Pick<NewTaskRow, 'status' | 'updatedAt'> & Partial<Pick<NewTaskRow, 'runAt' | 'lastError'>>,
): Promise<void> {
  await db
    .update(answerTasks)
    .set({ ...changes, lockedBy: null, lockedUntil: null })
    .where(eq(answerTasks.id, id));
}

export async function countOpenTasks(
  db: Executor,
  where: { jobId?: string; reportId?: string },
): Promise<number> {
  const [row] = await db
    .select({ open: count() })
    .from(answerTasks)
    .where(
      and(
        where.jobId ? eq(answerTasks.jobId, where.jobId) : undefined,
        where.reportId ? eq(answerTasks.reportId, where.reportId) : undefined,
        inArray(answerTasks.status, ['pending', 'processing']),
      ),
    );
  return row?.open ?? 0;
}

export async function cancelOpenTasks(db: Executor, jobId: string, now: Date): Promise<void> {
  await db
    .update(answerTasks)
    .set({ status: 'cancelled', lockedBy: null, lockedUntil: null, updatedAt: now })
    .where(and(eq(answerTasks.jobId, jobId), inArray(answerTasks.status, ['pending', 'processing'])));
}

export async function releaseWorkerTasks(db: Executor, workerId: string, now: Date): Promise<void> {
  await db
    .update(answerTasks)
    .set({
      status: 'pending',
      lockedBy: null,
      lockedUntil: null,
      runAt: now,
      updatedAt: now,
      attempts: sql`greatest(${answerTasks.attempts} - 1, 0)`,
    })
    .where(and(eq(answerTasks.lockedBy, workerId), eq(answerTasks.status, 'processing')));
}

export async function extendTaskLease(
  db: Executor,
  id: string,
  workerId: string,
  until: Date,
): Promise<void> {
  await db
    .update(answerTasks)
    .set({ lockedUntil: until })
    .where(
      and(eq(answerTasks.id, id), eq(answerTasks.lockedBy, workerId), eq(answerTasks.status, 'processing')),
    );
}
