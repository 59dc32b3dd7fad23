import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { type JobStatus, type JobType, jobs } from '../../db/schema/index.ts';
import type { Principal } from '../../http/principal.ts';

export type JobRow = typeof jobs.$inferSelect;

/** The tenant filter every job read goes through: the key's account and mode, jobs still readable. */
function visibleJobs(principal: Principal, since: Date): SQL | undefined {
  return and(
    eq(jobs.accountId, principal.accountId),
    eq(jobs.mode, principal.mode),
    gte(jobs.createdAt, since),
  );
}

export async function findJob(
  db: Executor,
  principal: Principal,
  id: string,
  since: Date,
): Promise<JobRow | undefined> {
  const [row] = await db
    .select()
    .from(jobs)
    .where(and(visibleJobs(principal, since), eq(jobs.id, id)));
  return row;
}

export async function listJobs(
  db: Executor,
  principal: Principal,
  options: { limit: number; afterId: string | null; since: Date; status?: JobStatus; type?: JobType },
): Promise<JobRow[]> {
  return db
    .select()
    .from(jobs)
    .where(
      and(
        visibleJobs(principal, options.since),
        principal.allowedBrandId ? eq(jobs.brandId, principal.allowedBrandId) : undefined,
        options.afterId ? lt(jobs.id, options.afterId) : undefined,
        options.status ? eq(jobs.status, options.status) : undefined,
        options.type ? eq(jobs.type, options.type) : undefined,
      ),
    )
    .orderBy(desc(jobs.id))
    .limit(options.limit + 1);
}
