import { and, desc, eq, lt, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { reports } from '../../db/schema/index.ts';
import type { ReportRow } from './reports.repo.ts';

/**
 * The completed report this one is compared with: the latest completed before it of the same region
 * config, or, for a report without one, of the same brand.
 */
export async function findPreviousCompletedReport(
  db: Executor,
  report: Pick<ReportRow, 'id' | 'brandId' | 'regionConfigId' | 'completedAt'>,
): Promise<Pick<ReportRow, 'id' | 'status' | 'metrics'> | undefined> {
  if (report.completedAt === null) return undefined;
  const [row] = await db
    .select({ id: reports.id, status: reports.status, metrics: reports.metrics })
    .from(reports)
    .where(
      and(
        report.regionConfigId === null
          ? eq(reports.brandId, report.brandId)
          : eq(reports.regionConfigId, report.regionConfigId),
        eq(reports.status, 'completed'),
        lt(reports.completedAt, report.completedAt),
        ne(reports.id, report.id),
      ),
    )
    .orderBy(desc(reports.completedAt), desc(reports.id))
    .limit(1);
  return row;
}
