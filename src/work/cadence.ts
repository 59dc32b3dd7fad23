import { Cron } from 'croner';

export const FREQUENCIES = ['daily', 'weekly', 'monthly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/**
 * All arithmetic is in UTC. A new schedule's first slot is the next period boundary strictly after
 * its creation: daily at 00:00, weekly on Monday at 00:00, monthly on the 1st at 00:00. Creating a
 * schedule exactly on a boundary does not run it at once: `POST …/executions` is there for that.
 */
const FIRST_SLOT_PATTERNS: Record<Frequency, string> = {
  daily: '0 0 0 * * *',
  weekly: '0 0 0 * * 1',
  monthly: '0 0 0 1 * *',
};

function slotAfter(pattern: string, after: Date): Date {
  const next = new Cron(pattern, { timezone: 'UTC', paused: true }).nextRun(after);
  if (next === null) throw new Error(`no run after ${after.toISOString()} for pattern "${pattern}"`);
  return next;
}

/**
 * `next_run_at` can be moved by PATCH, so the period continues from the slot's own phase rather than
 * snapping back to midnight: its time of day (daily), its weekday and time (weekly), its day of the
 * month and time (monthly). Days 29–31 mean the month's last day, so a schedule set for the 31st
 * neither skips short months nor drifts to the 28th after February. Sub-second parts are dropped.
 */
function phasePattern(frequency: Frequency, slot: Date): string {
  const time = `${slot.getUTCSeconds()} ${slot.getUTCMinutes()} ${slot.getUTCHours()}`;
  switch (frequency) {
    case 'daily':
      return `${time} * * *`;
    case 'weekly':
      return `${time} * * ${slot.getUTCDay()}`;
    case 'monthly': {
      const day = slot.getUTCDate();
      return `${time} ${day > 28 ? 'L' : day} * *`;
    }
  }
}

export function firstRunAt(frequency: Frequency, now: Date): Date {
  return slotAfter(FIRST_SLOT_PATTERNS[frequency], now);
}

/**
 * The slot after `previousSlot`, one period on. When that one has already passed (the scheduler was
 * down), the first slot strictly after `now`: missed periods collapse into the run that just happened.
 */
export function nextRunAfter(frequency: Frequency, previousSlot: Date, now: Date): Date {
  const from = now.getTime() > previousSlot.getTime() ? now : previousSlot;
  return slotAfter(phasePattern(frequency, previousSlot), from);
}

export function isDue(nextRunAt: Date | null, now: Date): boolean {
  return nextRunAt !== null && nextRunAt.getTime() <= now.getTime();
}
