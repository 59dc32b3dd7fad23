import { v7 as uuidv7 } from 'uuid';

/** Time and ids are injected so schedules, leases and retries are testable without sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export type IdSource = () => string;
export const newId: IdSource = () => uuidv7();

export function addMs(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}

export function iso(date: Date): string;
export function iso(date: Date | null): string | null;
export function iso(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}
