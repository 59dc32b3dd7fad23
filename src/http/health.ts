import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';
import { ApiError } from './errors.ts';

export function registerHealth(app: FastifyInstance, deps: Deps): void {
  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  // The queue lives in the database, so one query answers for both.
  app.get('/readyz', { config: { public: true }, schema: { hide: true } }, async () => {
    try {
      await deps.database.db.execute(sql`select 1`);
    } catch {
      throw new ApiError(
        'service_unavailable',
        'The database is not reachable.',
        { retry_after: 5 },
        { 'retry-after': '5' },
      );
    }
    return { status: 'ready', database: deps.database.driver, queue: 'postgres' };
  });
}
