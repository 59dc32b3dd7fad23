import { timestamp } from 'drizzle-orm/pg-core';

/** Millisecond-precision UTC timestamps, set by the application clock so tests can fake time. */
export const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });
