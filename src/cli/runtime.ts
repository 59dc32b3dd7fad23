import { newId, systemClock } from '../clock.ts';
import type { Config } from '../config.ts';
import { type Database, openDatabase } from '../db/client.ts';
import { isMigrated, migrateDatabase } from '../db/migrate.ts';
import { lockEmbeddedDatabase } from './embedded-lock.ts';

export class CliError extends Error {}

export interface Runtime {
  database: Database;
  close(): Promise<void>;
}

/**
 * Opens the configured database for a command. The embedded one is claimed for this process and
 * migrated on open; PostgreSQL must have been migrated by `sightline migrate` unless `migrate` is set.
 */
export async function openRuntime(
  config: Config,
  command: string,
  options: { migrate: boolean },
): Promise<Runtime> {
  if ('dataDir' in config.database) {
    const unlock = lockEmbeddedDatabase(config.database.dataDir, command);
    try {
      const database = await openDatabase(config.database);
      await migrateDatabase(database);
      return {
        database,
        close: async () => {
          await database.close();
          unlock();
        },
      };
    } catch (error) {
      unlock();
      throw error;
    }
  }
  const database = await openDatabase(config.database);
  if (options.migrate) await migrateDatabase(database);
  else if (!(await isMigrated(database))) {
    await database.close();
    throw new CliError('The database at DATABASE_URL is not migrated: run `sightline migrate` first.');
  }
  return { database, close: () => database.close() };
}

export function operatorDeps(runtime: Runtime) {
  return { db: runtime.database.db, clock: systemClock, newId };
}
