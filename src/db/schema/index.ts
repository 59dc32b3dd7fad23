export * from './accounts.ts';
export * from './brands.ts';
export * from './jobs.ts';
export * from './reports.ts';
export * from './schedules.ts';
export * from './webhooks.ts';
