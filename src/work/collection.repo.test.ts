import assert from 'node:assert/strict';
import { it } from 'node:test';
import { eq } from 'drizzle-orm';
import { newId } from '../clock.ts';
import { citations } from '../db/schema/index.ts';
import { addPrompts, insertResult, setupReport, testDb } from '../resources/reports/reports.fixtures.ts';
import { recordCitations } from './collection.repo.ts';

it('keeps first seen before last seen when answers are stored out of clock order', async () => {
  const { key, brandId, reportId } = await setupReport();
  const [promptId] = await addPrompts(key, reportId, ['best crm?']);
  const db = await testDb();
  const cite = (now: string, platform: string) =>
    insertResult(reportId, String(promptId), { platform }).then((resultId) =>
      recordCitations(db, { brandId, reportId, resultId, platform, now: new Date(now) }, [
        {
          id: newId(),
          url: 'https://g2.com/crm',
          domain: 'g2.com',
          title: null,
          owned: false,
          domainCategory: 'REVIEW',
        },
      ]),
    );
  await cite('2026-01-02T10:00:00.000Z', 'chatgpt');
  // Read its clock first, stored second: the range must widen, never invert.
  await cite('2026-01-02T09:00:00.000Z', 'claude');
  await cite('2026-01-02T09:30:00.000Z', 'gemini');
  const rows = await db.select().from(citations).where(eq(citations.brandId, brandId));
  assert.deepEqual(
    rows.map((row) => [row.createdAt.toISOString(), row.updatedAt.toISOString()]),
    [['2026-01-02T09:00:00.000Z', '2026-01-02T10:00:00.000Z']],
  );
});
