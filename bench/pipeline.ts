// Answer-collection throughput: a 50-prompt × 8-platform × 1-sample live report against the fake
// provider server (a fixed latency per call), through the API, one in-process worker and the real
// SDKs, compared with the bound the per-provider concurrency allows.
//   node --import tsx bench/pipeline.ts            # PostgreSQL: a temporary sightline_bench_<time> database
//   node --import tsx bench/pipeline.ts --pglite   # embedded PGlite, in memory
// BENCH_DATABASE_URL names the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres);
// BENCH_LATENCY_MS changes the fake's latency (0 shows the pipeline's own cost per answer).
// Bounded: each run gives up after 120 s.
import { PGlite } from '@electric-sql/pglite';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { createAccount, createKey } from '../src/accounts/accounts.service.ts';
import { buildApp } from '../src/app.ts';
import { newId, systemClock } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import { type Database, openDatabase } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { jobs } from '../src/db/schema/index.ts';
import { createDeps } from '../src/deps.ts';
import { PLATFORM_PROVIDER, PROVIDERS } from '../src/engines/settings.ts';
import { PLATFORMS } from '../src/engines/types.ts';
import { reportRunCost } from '../src/work/cost.ts';
import { startWorker } from '../src/work/worker.ts';
import { type FakeCall, fakeProviderEnv, startFakeProviders } from '../test/fake-providers/server.ts';

const PROMPTS = 50;
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 200);
const PROVIDER_CONCURRENCY = 4;
const WORKER_CONCURRENCY = 32;
const MEASURED_RUNS = 2;
const RUN_TIMEOUT_MS = 120_000;

const usePglite = process.argv.includes('--pglite');
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

async function openBenchDatabase(): Promise<{ database: Database; label: string; drop(): Promise<void> }> {
  if (usePglite) {
    const database = await openDatabase({ pglite: new PGlite() });
    await migrateDatabase(database);
    return { database, label: 'PGlite (in memory, in process)', drop: async () => {} };
  }
  const name = `sightline_bench_${Date.now()}`;
  await admin(`create database ${pg.escapeIdentifier(name)}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  await migrateDatabase(database);
  return {
    database,
    label: `PostgreSQL (temporary database ${name})`,
    drop: () => admin(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`),
  };
}

async function api(
  app: FastifyInstance,
  key: string,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const response = await app.inject({
    method,
    url,
    payload: body === undefined ? undefined : JSON.stringify(body),
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(method === 'POST' ? { 'idempotency-key': newId() } : {}),
    },
  });
  if (response.statusCode >= 300)
    throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return JSON.parse(response.body) as Record<string, unknown>;
}

const ratio = (ms: number, boundMs: number) => (boundMs > 0 ? `${(ms / boundMs).toFixed(2)}×` : 'n/a ×');

/** The most calls a provider had open at once, from the fake's log (each call lasts the latency). */
function peakConcurrency(calls: FakeCall[]): number {
  const edges = calls.flatMap((call) => [
    { at: call.at, step: 1 },
    { at: call.at + LATENCY_MS, step: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.step - b.step);
  let open = 0;
  let peak = 0;
  for (const edge of edges) {
    open += edge.step;
    peak = Math.max(peak, open);
  }
  return peak;
}

const fake = await startFakeProviders();
for (const provider of PROVIDERS) fake.script(provider, { latencyMs: LATENCY_MS });
const { database, label, drop } = await openBenchDatabase();
const config = loadConfig({
  ...fakeProviderEnv(fake.urls),
  LOG_LEVEL: 'silent',
  PROVIDER_CONCURRENCY: String(PROVIDER_CONCURRENCY),
  PROVIDER_RPM: '100000',
  RATE_LIMIT_LLM_PER_MINUTE: '1000',
});
const deps = createDeps(config, database);
const app = await buildApp(deps);
const errors: unknown[] = [];
const worker = await startWorker(deps, {
  concurrency: WORKER_CONCURRENCY,
  leaseMs: 30_000,
  pollMs: 50,
  logger: { info: () => {}, error: (object) => errors.push(object) },
});

try {
  const operator = { db: database.db, clock: systemClock, newId };
  const account = await createAccount(operator, { name: 'bench', credits: 1_000_000 });
  const { key } = await createKey(operator, {
    accountId: account.id,
    mode: 'live',
    scopes: ['*'],
    allowedBrandId: null,
    expiresInDays: null,
  });
  const brand = await api(app, key, 'POST', '/v1/brands', {
    name: 'Acme Analytics',
    website: 'https://acme-analytics.example',
  });
  await api(app, key, 'PATCH', `/v1/brands/${brand.id}/facts`, {
    description: 'Product analytics for small teams.',
    competitors: [{ name: 'Globex' }, { name: 'Initech' }],
  });

  /** One live run of `prompts` × all platforms; resolves to the wall time from dispatch to the job's end. */
  async function timedRun(prompts: number): Promise<{ ms: number; answers: number; calls: FakeCall[] }> {
    const report = await api(app, key, 'POST', '/v1/reports', {
      brand_id: brand.id,
      ai_platforms: PLATFORMS,
      country: 'Germany',
      language: 'German',
      location: 'Berlin',
    });
    await api(app, key, 'POST', `/v1/reports/${report.id}/prompts`, {
      prompts: Array.from({ length: prompts }, (_, index) => ({
        prompt_text: `Question ${index + 1}: which analytics tools compare well with Acme Analytics?`,
        category: 'Comparison',
      })),
    });
    fake.calls.length = 0;
    const started = performance.now();
    const run = await api(app, key, 'POST', `/v1/reports/${report.id}/runs`, {});
    const jobId = String(run.job_id);
    for (;;) {
      const [job] = await database.db.select().from(jobs).where(eq(jobs.id, jobId));
      if (job && ['completed', 'failed', 'cancelled'].includes(job.status)) {
        const ms = performance.now() - started;
        if (job.status !== 'completed' || job.completed !== job.total) {
          throw new Error(
            `run ended ${job.status} with ${job.completed}/${job.total}: ${JSON.stringify(errors)}`,
          );
        }
        return { ms, answers: job.total, calls: [...fake.calls] };
      }
      if (performance.now() - started > RUN_TIMEOUT_MS)
        throw new Error(`run not done in ${RUN_TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  // SDK and query warm-up: the first calls through each code path cost a second or so of CPU.
  await timedRun(2);

  const answers = PROMPTS * PLATFORMS.length;
  const providers = new Set(PLATFORMS.map((platform) => PLATFORM_PROVIDER[platform]));
  const idealMs = (answers / (providers.size * PROVIDER_CONCURRENCY)) * LATENCY_MS;
  const perProvider = [...providers].map((provider) => {
    const count = PLATFORMS.filter((platform) => PLATFORM_PROVIDER[platform] === provider).length * PROMPTS;
    return { provider, count, boundMs: Math.ceil(count / PROVIDER_CONCURRENCY) * LATENCY_MS };
  });
  const laneBoundMs = Math.max(...perProvider.map((lane) => lane.boundMs));
  const cost = reportRunCost({ promptCount: PROMPTS, platforms: PLATFORMS, samples: 1 });

  console.log(`Database: ${label}; one in-process worker, WORKER_CONCURRENCY=${WORKER_CONCURRENCY}`);
  console.log(
    `Run: ${PROMPTS} prompts × ${PLATFORMS.length} platforms × 1 sample = ${answers} answers (${cost} credits), ` +
      `${providers.size} providers, PROVIDER_CONCURRENCY=${PROVIDER_CONCURRENCY}, fake latency ${LATENCY_MS} ms`,
  );
  console.log(
    `Ideal bound = answers ÷ (providers × concurrency) × latency = ${answers} ÷ (${providers.size} × ` +
      `${PROVIDER_CONCURRENCY}) × ${LATENCY_MS} ms = ${(idealMs / 1000).toFixed(2)} s`,
  );
  console.log(
    `Lane bound (busiest provider: ${perProvider
      .filter((lane) => lane.boundMs === laneBoundMs)
      .map((lane) => `${lane.provider} ${lane.count} answers`)
      .join(', ')}) = ${(laneBoundMs / 1000).toFixed(2)} s`,
  );
  for (let index = 1; index <= MEASURED_RUNS; index++) {
    const { ms, calls } = await timedRun(PROMPTS);
    const peaks = [...providers]
      .map((provider) => `${provider} ${peakConcurrency(calls.filter((call) => call.provider === provider))}`)
      .join(', ');
    console.log(
      `run ${index}: ${(ms / 1000).toFixed(2)} s — ${ratio(ms, idealMs)} the ideal bound, ` +
        `${ratio(ms, laneBoundMs)} the lane bound, ${((answers / ms) * 1000).toFixed(1)} answers/s; ` +
        `peak calls in flight: ${peaks}`,
    );
  }
} finally {
  await worker.stop(5000);
  await app.close();
  await database.close();
  await drop();
  await fake.close();
}
