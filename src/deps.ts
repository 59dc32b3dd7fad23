import { type Clock, type IdSource, newId, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { createEngineRegistry, type EngineRegistry } from './engines/registry.ts';

/** What services need from the outside world; tests build it with a fake clock or a test database. */
export interface Deps {
  database: Database;
  clock: Clock;
  newId: IdSource;
  config: Config;
  engines: EngineRegistry;
}

export function createDeps(
  config: Config,
  database: Database,
  overrides: Partial<Omit<Deps, 'config' | 'database'>> = {},
): Deps {
  return {
    database,
    config,
    clock: overrides.clock ?? systemClock,
    newId: overrides.newId ?? newId,
    engines: overrides.engines ?? createEngineRegistry({ settings: config.providers }),
  };
}
