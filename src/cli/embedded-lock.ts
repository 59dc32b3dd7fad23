import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class EmbeddedDatabaseBusyError extends Error {}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite's data folder belongs to one process: opening it from a second one would corrupt it.
 * A pid file claims it; a claim whose process is gone is stale and taken over.
 */
export function lockEmbeddedDatabase(dataDir: string, command: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, 'sightline.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockPath, JSON.stringify({ pid: process.pid, command }), { flag: 'wx' });
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(lockPath);
      if (holder && isAlive(holder.pid)) {
        throw new EmbeddedDatabaseBusyError(
          `The embedded database in ${dataDir} is in use by \`sightline ${holder.command}\` (pid ${holder.pid}). ` +
            'It serves one process at a time: stop that process first, or run every process against ' +
            'PostgreSQL by setting DATABASE_URL.',
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new EmbeddedDatabaseBusyError(`Could not claim the embedded database in ${dataDir}.`);
}

function readHolder(lockPath: string): { pid: number; command: string } | null {
  try {
    return JSON.parse(readFileSync(lockPath, 'utf8')) as { pid: number; command: string };
  } catch {
    return null;
  }
}
