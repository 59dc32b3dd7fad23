import { resolve } from 'node:path';
import { z } from 'zod';
import { type ProviderSettings, providerEnvSchema, toProviderSettings } from './engines/settings.ts';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const serviceEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `serve` also runs workers and the scheduler unless this is false. */
  SERVE_WORKERS: flag.default(true),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  WORKER_LEASE_SECONDS: z.coerce.number().positive().default(60),
  WORKER_POLL_MS: z.coerce.number().int().positive().default(1000),
  SCHEDULER_TICK_SECONDS: z.coerce.number().positive().default(15),
  RATE_LIMIT_BURST_PER_MINUTE: z.coerce.number().int().positive().default(120),
  RATE_LIMIT_LLM_PER_MINUTE: z.coerce.number().int().positive().default(10),
  REDIS_URL: z.string().url().optional(),
  WEBHOOK_ALLOW_PRIVATE_URLS: flag.default(false),
});

const envSchema = serviceEnvSchema.extend(providerEnvSchema.shape);
export type Env = z.infer<typeof envSchema>;

export interface Config {
  port: number;
  host: string;
  database: { url: string } | { dataDir: string };
  logLevel: Env['LOG_LEVEL'];
  serveWorkers: boolean;
  worker: { concurrency: number; leaseMs: number; pollMs: number };
  schedulerTickSeconds: number;
  rateLimits: { burstPerMinute: number; llmPerMinute: number; redisUrl: string | null };
  webhookAllowPrivateUrls: boolean;
  providers: ProviderSettings;
}

export class ConfigError extends Error {}

/** Parses the environment once; nothing else in the service reads `process.env`. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const env = parsed.data;
  return {
    port: env.PORT,
    host: env.HOST,
    database: env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: resolve(env.DATA_DIR) },
    logLevel: env.LOG_LEVEL,
    serveWorkers: env.SERVE_WORKERS,
    worker: {
      concurrency: env.WORKER_CONCURRENCY,
      leaseMs: env.WORKER_LEASE_SECONDS * 1000,
      pollMs: env.WORKER_POLL_MS,
    },
    schedulerTickSeconds: env.SCHEDULER_TICK_SECONDS,
    rateLimits: {
      burstPerMinute: env.RATE_LIMIT_BURST_PER_MINUTE,
      llmPerMinute: env.RATE_LIMIT_LLM_PER_MINUTE,
      redisUrl: env.REDIS_URL ?? null,
    },
    webhookAllowPrivateUrls: env.WEBHOOK_ALLOW_PRIVATE_URLS,
    providers: toProviderSettings(env),
  };
}
