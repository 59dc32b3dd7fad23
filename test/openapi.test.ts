import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { newId } from '../src/clock.ts';
import { jobs } from '../src/db/schema/index.ts';
import { startWorker } from '../src/work/worker.ts';
import {
  type ApiResponse,
  call,
  createTenant,
  type Method,
  testApp,
  testDeps,
  waitForJob,
} from './harness.ts';

type JsonSchema = Record<string, unknown>;

interface MediaType {
  schema?: JsonSchema;
}

interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
}

interface OperationObject {
  operationId?: string;
  security?: Array<Record<string, string[]>>;
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
  responses: Record<string, { description: string; content?: Record<string, MediaType> }>;
}

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OperationObject>>;
  components?: { securitySchemes?: Record<string, Record<string, unknown>> };
}

interface Operation {
  method: string;
  path: string;
  operation: OperationObject;
  /** `operationId`, or `METHOD path` when it has none (which the test reports). */
  name: string;
}

type ParserDocument = NonNullable<Parameters<SwaggerParser.ApiCallback>[1]>;

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
// Spec §1: timestamps are ISO-8601 UTC with milliseconds and `Z`, stricter than JSON Schema's date-time.
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOT_COVERED = new Set(['/v1/openapi.json']);

function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths)
    .filter(([path]) => !NOT_COVERED.has(path))
    .flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => HTTP_METHODS.has(method))
        .map(([method, operation]) => ({
          method: method.toUpperCase(),
          path,
          operation,
          name: operation.operationId ?? `${method.toUpperCase()} ${path}`,
        })),
    );
}

async function fetchDocument(): Promise<OpenApiDocument> {
  const app = await testApp();
  const response = await app.inject({ method: 'GET', url: '/v1/openapi.json' });
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers['content-type']), /^application\/json/);
  return JSON.parse(response.body) as OpenApiDocument;
}

function schemaValidator(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strictTypes: false, strictTuples: false });
  // OpenAPI's own annotation keywords, which a JSON Schema validator does not know.
  ajv.addVocabulary(['example', 'xml', 'externalDocs', 'discriminator']);
  ajv.addFormat('date-time', ISO_UTC);
  ajv.addFormat('uuid', UUID);
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  return ajv;
}

/** Every object an operation can name, built through the API itself (test mode: no credits, no network). */
interface Fixture {
  key: string;
  brandId: string;
  /** Pending, and not due for a day, so no worker (of any test process) finishes it before it is cancelled. */
  jobId: string;
  /** Touched by writes: PATCH and DELETE leave the other fixtures readable. */
  draftReportId: string;
  draftPromptId: string;
  /** Run to completion, so reads check results and metrics against the schema too. */
  completedReportId: string;
  completedPromptId: string;
  /** Only for `runReport`: a run moves a report out of `draft`, which every other write needs. */
  runnableReportId: string;
  scheduleId: string;
  regionConfigId: string;
  regionPromptId: string;
  webhookId: string;
  /** One of the URLs the completed report's answers cited. */
  citationId: string;
}

async function expectStatus(response: Promise<ApiResponse>, status = 201): Promise<Record<string, unknown>> {
  const { status: actual, body } = await response;
  assert.equal(actual, status, JSON.stringify(body));
  return body;
}

async function buildFixture(): Promise<Fixture> {
  const tenant = await createTenant();
  const { key } = tenant;
  // Polling counts against the burst limit of the key that polls, so it gets a key of its own.
  const pollKey = await tenant.keyWith({ scopes: ['read:jobs'] });
  const brand = await expectStatus(
    call(key, 'POST', '/v1/brands', { name: 'Acme', website: 'https://acme.com' }),
  );
  const brandId = String(brand.id);
  await expectStatus(
    call(key, 'PATCH', `/v1/brands/${brandId}/facts`, {
      description: 'Acme makes anvils for cartoon coyotes.',
      competitors: [{ name: 'Wile Supplies', website: 'https://wile.example.com' }],
    }),
    200,
  );
  const prompts = {
    prompts: [{ prompt_text: 'Which anvil brand is the most reliable?', category: 'Best of' }],
  };
  const reportWithPrompts = async (name: string): Promise<{ id: string; promptId: string }> => {
    const report = await expectStatus(
      call(key, 'POST', '/v1/reports', { brand_id: brandId, name, ai_platforms: ['chatgpt', 'claude'] }),
    );
    const added = (await expectStatus(call(key, 'POST', `/v1/reports/${report.id}/prompts`, prompts))) as {
      data: Array<{ id: string }>;
    };
    return { id: String(report.id), promptId: String(added.data[0]?.id) };
  };
  const completed = await reportWithPrompts('Completed');
  const draft = await reportWithPrompts('Draft');
  const runnable = await reportWithPrompts('Runnable');

  const worker = await startWorker(await testDeps(), {
    concurrency: 4,
    leaseMs: 30_000,
    pollMs: 50,
    logger: { info: () => {}, error: () => {} },
  });
  try {
    const run = await expectStatus(call(key, 'POST', `/v1/reports/${completed.id}/runs`, {}), 202);
    assert.equal((await waitForJob(pollKey, String(run.job_id))).status, 'completed');
  } finally {
    await worker.stop(1000);
  }
  const citations = (await expectStatus(call(key, 'GET', `/v1/brands/${brandId}/citations`), 200)) as {
    data: Array<{ id: string }>;
  };
  const citationId = citations.data[0]?.id;
  assert.ok(citationId, 'the completed report cited at least one URL');

  const schedule = await expectStatus(
    call(key, 'POST', '/v1/scheduled-reports', { brand_id: brandId, name: 'Weekly', frequency: 'weekly' }),
  );
  const config = await expectStatus(
    call(key, 'POST', '/v1/region-configs', {
      brand_id: brandId,
      scheduled_report_id: schedule.id,
      name: 'United States',
      country: 'US',
      ai_platforms: ['chatgpt'],
    }),
  );
  const configPrompts = (await expectStatus(
    call(key, 'POST', `/v1/region-configs/${config.id}/prompts`, prompts),
  )) as { data: Array<{ id: string }> };
  const webhook = await expectStatus(
    call(key, 'POST', `/v1/brands/${brandId}/webhooks`, {
      url: 'https://203.0.113.10/hooks/sightline',
      events: ['report.completed'],
    }),
  );

  const { database } = await testDeps();
  const now = new Date();
  const [job] = await database.db
    .insert(jobs)
    .values({
      id: newId(),
      accountId: tenant.accountId,
      mode: 'test',
      type: 'brand_facts.research',
      status: 'pending',
      brandId,
      payload: {},
      runAt: new Date(now.getTime() + 24 * 60 * 60 * 1000),
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: jobs.id });

  return {
    key,
    brandId,
    jobId: String(job?.id),
    draftReportId: draft.id,
    draftPromptId: draft.promptId,
    completedReportId: completed.id,
    completedPromptId: completed.promptId,
    runnableReportId: runnable.id,
    scheduleId: String(schedule.id),
    regionConfigId: String(config.id),
    regionPromptId: String(configPrompts.data[0]?.id),
    webhookId: String(webhook.id),
    citationId,
  };
}

/**
 * The fixture id for each path or required query parameter. `prompt_id` names a different object
 * under reports and under region configs, so it is looked up as `<previous parameter>/prompt_id` first.
 */
function parameterIds(fixture: Fixture, method: string): Record<string, string> {
  return {
    brand_id: fixture.brandId,
    job_id: fixture.jobId,
    report_id: method === 'GET' ? fixture.completedReportId : fixture.draftReportId,
    scheduled_report_id: fixture.scheduleId,
    region_config_id: fixture.regionConfigId,
    'report_id/prompt_id': method === 'GET' ? fixture.completedPromptId : fixture.draftPromptId,
    'region_config_id/prompt_id': fixture.regionPromptId,
    webhook_id: fixture.webhookId,
    citation_id: fixture.citationId,
    // Any 1–80 character name may be accepted or dismissed, suggested or not.
    business_name: 'Acme Anvil Co.',
  };
}

const OPERATION_IDS: Record<string, (fixture: Fixture) => Record<string, string>> = {
  runReport: (fixture) => ({ report_id: fixture.runnableReportId }),
};

const BODIES: Record<string, (fixture: Fixture) => Record<string, unknown>> = {
  createBrand: () => ({ name: 'Globex', website: 'https://globex.example.com', categories: ['Anvils'] }),
  updateBrand: () => ({ brand_aliases: ['ACME Corp'] }),
  updateBrandFacts: () => ({ tagline: 'Anvils that land where you aim.' }),
  researchBrandFacts: () => ({}),
  createReport: (fixture) => ({ brand_id: fixture.brandId, country: 'US', language: 'en' }),
  updateReport: () => ({ name: 'Renamed draft' }),
  addReportPrompts: () => ({ prompts: [{ prompt_text: 'Best anvil for beginners?', category: null }] }),
  updateReportPrompt: () => ({ category: 'Beginners' }),
  runReport: () => ({}),
  createScheduledReport: (fixture) => ({ brand_id: fixture.brandId, name: 'Daily', frequency: 'daily' }),
  updateScheduledReport: () => ({ is_active: false }),
  createRegionConfig: (fixture) => ({
    brand_id: fixture.brandId,
    scheduled_report_id: fixture.scheduleId,
    name: 'Spain',
    country: 'Spain',
    language: 'es',
    ai_platforms: ['chatgpt', 'perplexity'],
  }),
  updateRegionConfig: () => ({ location: 'Madrid' }),
  addRegionConfigPrompts: () => ({ prompts: [{ prompt_text: 'Anvil shops near me', category: 'Local' }] }),
  updateRegionConfigPrompt: () => ({ disabled: true }),
  executeScheduledReport: (fixture) => ({ region_config_id: fixture.regionConfigId }),
  createWebhook: () => ({
    url: 'https://203.0.113.10/hooks/other',
    events: ['report.failed', 'schedule.run.failed'],
    description: 'Failures only',
  }),
  updateWebhook: () => ({ description: 'Renamed' }),
  rotateWebhookSecret: () => ({}),
  acceptAliasSuggestion: () => ({}),
};

// Writes run after reads; deletes last, children before the parents whose deletion would cascade to them.
const METHOD_ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const DELETE_ORDER = [
  'business_name',
  'prompt_id',
  'webhook_id',
  'job_id',
  'region_config_id',
  'report_id',
  'scheduled_report_id',
  'brand_id',
];

function executionRank(operation: Operation): number {
  const methodRank = METHOD_ORDER.indexOf(operation.method);
  if (operation.method !== 'DELETE') return methodRank * 100;
  const last = [...operation.path.matchAll(/\{([^}]+)\}/g)].at(-1)?.[1] ?? '';
  return methodRank * 100 + DELETE_ORDER.indexOf(last) + 1;
}

interface BuiltRequest {
  url: string;
  body?: Record<string, unknown>;
}

/** The concrete request for an operation, or the reason it cannot be built. */
function buildRequest(operation: Operation, fixture: Fixture): BuiltRequest | string {
  const ids = { ...parameterIds(fixture, operation.method), ...OPERATION_IDS[operation.name]?.(fixture) };
  let previous = '';
  let missing = '';
  const url = operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const id = ids[`${previous}/${name}`] || ids[name];
    previous = name;
    if (!id) missing ||= name;
    return encodeURIComponent(id ?? '');
  });
  if (missing) return `no fixture id for path parameter {${missing}}`;
  const query = new URLSearchParams();
  for (const parameter of operation.operation.parameters ?? []) {
    if (parameter.in !== 'query' || !parameter.required) continue;
    const id = ids[parameter.name];
    if (!id) return `no fixture value for required query parameter ${parameter.name}`;
    query.set(parameter.name, id);
  }
  const fullUrl = query.size > 0 ? `${url}?${query}` : url;
  if (!operation.operation.requestBody) return { url: fullUrl };
  const body = BODIES[operation.name];
  if (!body) return `no request body in BODIES for ${operation.name}`;
  return { url: fullUrl, body: body(fixture) };
}

function successStatus(operation: OperationObject): string | undefined {
  const statuses = Object.keys(operation.responses).filter((status) => /^2\d\d$/.test(status));
  return statuses.length === 1 ? statuses[0] : undefined;
}

function jsonSchemaOf(content: Record<string, MediaType> | undefined): JsonSchema | undefined {
  return content?.['application/json']?.schema;
}

describe('the OpenAPI document', () => {
  let doc: OpenApiDocument;
  let resolved: OpenApiDocument;
  let ajv: Ajv2020;
  let fixtureOnce: Promise<Fixture> | null = null;
  // Built by whichever test needs it first; the 401 test only needs well-formed ids.
  const fixtureFor = () => {
    fixtureOnce ??= buildFixture();
    return fixtureOnce;
  };

  before(async () => {
    doc = await fetchDocument();
    resolved = (await SwaggerParser.dereference(
      structuredClone(doc) as unknown as ParserDocument,
    )) as unknown as OpenApiDocument;
    ajv = schemaValidator();
  });

  function checkBody(operation: Operation, status: string, body: unknown): string | null {
    const declared = resolved.paths[operation.path]?.[operation.method.toLowerCase()]?.responses[status];
    if (!declared) return `status ${status} is not documented`;
    const schema = jsonSchemaOf(declared.content);
    if (!schema)
      return body === null ? null : `status ${status} documents no body, got ${JSON.stringify(body)}`;
    const validate = ajv.compile(schema);
    if (validate(body)) return null;
    return `body does not match the ${status} schema: ${ajv.errorsText(validate.errors)}`;
  }

  it('is valid OpenAPI 3.1', async () => {
    assert.match(doc.openapi, /^3\.1\.\d+$/);
    await SwaggerParser.validate(structuredClone(doc) as unknown as ParserDocument);
  });

  it('gives every operation a unique operationId, bearer security and its error responses', () => {
    const operations = operationsOf(doc);
    assert.ok(operations.length > 0);
    assert.deepEqual(doc.components?.securitySchemes?.bearerAuth, { type: 'http', scheme: 'bearer' });
    const names = operations.map((operation) => operation.operation.operationId);
    assert.deepEqual(
      operations.filter((operation) => !operation.operation.operationId).map((operation) => operation.name),
      [],
    );
    assert.equal(new Set(names).size, names.length, `duplicate operationIds: ${names.join(', ')}`);

    const problems: string[] = [];
    for (const { name, method, operation } of operations) {
      const has = (status: string) => status in operation.responses;
      const expect = (status: string, why: string) => {
        if (!has(status)) problems.push(`${name}: no ${status} response (${why})`);
      };
      if (JSON.stringify(operation.security) !== JSON.stringify([{ bearerAuth: [] }]))
        problems.push(`${name}: security is ${JSON.stringify(operation.security)}`);
      if (!successStatus(operation)) problems.push(`${name}: needs exactly one 2xx response`);
      expect('401', 'every operation needs a key');
      expect('429', 'every operation is rate limited');
      expect('500', 'every operation can fail');
      if (operation.requestBody) {
        expect('422', 'it takes a body');
        expect('413', 'it takes a body');
      }
      if (operation.parameters?.length) expect('400', 'it takes parameters');
      if (method !== 'GET') {
        expect('409', 'Idempotency-Key still in flight');
        expect('422', 'Idempotency-Key reused');
      }
      if (method === 'POST') expect('400', 'Idempotency-Key required');
      // A GET takes neither a body nor an Idempotency-Key, so nothing can answer it with 422.
      if (method === 'GET' && has('422')) problems.push(`${name}: a GET documents 422`);
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400 && !jsonSchemaOf(response.content))
          problems.push(`${name}: ${status} has no JSON body schema`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('describes the response of one real request to every operation', async () => {
    const fixture = await fixtureFor();
    const operations = operationsOf(doc).sort((a, b) => executionRank(a) - executionRank(b));
    const problems: string[] = [];
    for (const operation of operations) {
      const request = buildRequest(operation, fixture);
      if (typeof request === 'string') {
        problems.push(`${operation.name}: ${request}`);
        continue;
      }
      const requestSchema = jsonSchemaOf(
        resolved.paths[operation.path]?.[operation.method.toLowerCase()]?.requestBody?.content,
      );
      if (request.body && requestSchema) {
        const validate = ajv.compile(requestSchema);
        if (!validate(request.body))
          problems.push(`${operation.name}: the documented request schema refuses the test body`);
      }
      const response = await call(fixture.key, operation.method as Method, request.url, request.body);
      const expected = successStatus(operation.operation);
      if (String(response.status) !== expected) {
        problems.push(
          `${operation.name} ${request.url}: ${response.status} (expected ${expected}) ${JSON.stringify(response.body)}`,
        );
        continue;
      }
      if (response.body !== null && !/^application\/json/.test(String(response.headers['content-type'])))
        problems.push(`${operation.name}: content-type ${response.headers['content-type']}`);
      const problem = checkBody(operation, String(response.status), response.body);
      if (problem) problems.push(`${operation.name}: ${problem}`);
    }
    assert.deepEqual(problems, []);
    // The order above deleted the brand last; its deletion is the last word.
    assert.equal((await call(fixture.key, 'GET', `/v1/brands/${fixture.brandId}`)).status, 404);
  });

  it('describes the 401 that every operation gives without a key', async () => {
    const fixture = await fixtureFor();
    const problems: string[] = [];
    for (const operation of operationsOf(doc)) {
      const request = buildRequest(operation, fixture);
      if (typeof request === 'string') {
        problems.push(`${operation.name}: ${request}`);
        continue;
      }
      const response = await call(null, operation.method as Method, request.url, request.body);
      if (response.status !== 401) {
        problems.push(`${operation.name}: ${response.status} without a key`);
        continue;
      }
      const problem = checkBody(operation, '401', response.body);
      if (problem) problems.push(`${operation.name}: ${problem}`);
    }
    assert.deepEqual(problems, []);
  });
});
