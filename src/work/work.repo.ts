import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { brands } from '../db/schema/index.ts';

/** Workers act for the system, not for a key: they read a brand by id alone. */
export async function findBrandById(db: Executor, id: string) {
  const [row] = await db.select().from(brands).where(eq(brands.id, id));
  return row;
}
