import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { call, expectError, expectSecurity, type Method } from '../../../test/harness.ts';
import { reportPrompts, results } from '../../db/schema/index.ts';
import {
  acme,
  addPrompts,
  fieldLoc,
  ISO,
  insertResult,
  setBrandFacts,
  setReport,
  setupReport,
  testDb,
} from './reports.fixtures.ts';

type Prompt = { id: string; created_at: string } & Record<string, unknown>;
type PromptList = { object: string; data: Prompt[] };

const promptsUrl = (reportId: string) => `/v1/reports/${reportId}/prompts`;
const texts = (count: number) => Array.from({ length: count }, (_, index) => `prompt ${index}`);

function withoutIds(list: PromptList): unknown {
  return {
    ...list,
    data: list.data.map(({ id, created_at, ...prompt }) => {
      assert.match(id, /^[0-9a-f-]{36}$/);
      assert.match(created_at, ISO);
      return prompt;
    }),
  };
}

async function storedPrompts(reportId: string) {
  const db = await testDb();
  return db
    .select({ text: reportPrompts.promptText, category: reportPrompts.category })
    .from(reportPrompts)
    .where(eq(reportPrompts.reportId, reportId))
    .orderBy(reportPrompts.id);
}

describe('report prompts: add and list', () => {
  it('adds prompts and lists them whole, oldest first', async () => {
    const { key, reportId } = await setupReport();
    const added = await call<PromptList>(key, 'POST', promptsUrl(reportId), {
      prompts: [
        { prompt_text: ' best crm for startups ', category: 'Buying' },
        { prompt_text: 'crm pricing' },
      ],
    });
    assert.equal(added.status, 201);
    const expected = {
      object: 'list',
      data: [
        {
          object: 'report_prompt',
          report_id: reportId,
          prompt_text: 'best crm for startups',
          category: 'Buying',
        },
        { object: 'report_prompt', report_id: reportId, prompt_text: 'crm pricing', category: null },
      ],
    };
    assert.deepEqual(withoutIds(added.body), expected);
    await addPrompts(key, reportId, ['third']);
    const listed = await call<PromptList>(key, 'GET', promptsUrl(reportId));
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.data.slice(0, 2), added.body.data);
    assert.deepEqual(withoutIds(listed.body), {
      object: 'list',
      data: [
        ...expected.data,
        { object: 'report_prompt', report_id: reportId, prompt_text: 'third', category: null },
      ],
    });
    assert.deepEqual(await storedPrompts(reportId), [
      { text: 'best crm for startups', category: 'Buying' },
      { text: 'crm pricing', category: null },
      { text: 'third', category: null },
    ]);
  });

  it('rejects invalid bodies', async () => {
    const { key, reportId } = await setupReport();
    const post = (body: unknown) => call(key, 'POST', promptsUrl(reportId), body);
    const one = { prompt_text: 'ok' };
    assert.deepEqual(
      fieldLoc(await post({ prompts: [{ prompt_text: 'x'.repeat(1001) }] }), 422, 'body_validation_error'),
      ['body', 'prompts', 0, 'prompt_text'],
    );
    assert.deepEqual(
      fieldLoc(
        await post({ prompts: [one, { prompt_text: 'a', category: 'c'.repeat(101) }] }),
        422,
        'body_validation_error',
      ),
      ['body', 'prompts', 1, 'category'],
    );
    assert.deepEqual(fieldLoc(await post({ auto_generate: { count: 51 } }), 422, 'body_validation_error'), [
      'body',
      'auto_generate',
      'count',
    ]);
    const exactlyOne = expectError(await post({}), 422, 'body_validation_error');
    assert.deepEqual(exactlyOne.errors, [
      { loc: ['body'], msg: 'Send exactly one of `prompts` or `auto_generate`.', type: 'custom' },
    ]);
    const bad = [
      { prompts: [one], auto_generate: { count: 1 } },
      { prompts: [] },
      { prompts: texts(51).map((prompt_text) => ({ prompt_text })) },
      { prompts: [{ prompt_text: '   ' }] },
      { prompts: [{ ...one, extra: true }] },
      { prompts: [one], extra: true },
      { auto_generate: { count: 0 } },
      { auto_generate: { count: 2, categories: [] } },
      { auto_generate: {} },
    ];
    for (const body of bad) expectError(await post(body), 422, 'body_validation_error');
    expectError(
      await call(key, 'POST', '/v1/reports/nope/prompts', { prompts: [one] }),
      400,
      'validation_error',
    );
    assert.deepEqual(await storedPrompts(reportId), []);
  });

  it('holds at most 50 prompts per report', async () => {
    const { key, reportId } = await setupReport();
    await addPrompts(key, reportId, texts(30));
    const over = await call(key, 'POST', promptsUrl(reportId), {
      prompts: texts(21).map((prompt_text) => ({ prompt_text })),
    });
    assert.deepEqual(expectError(over, 409, 'conflict'), { limit: 50 });
    assert.equal((await storedPrompts(reportId)).length, 30);
    await addPrompts(key, reportId, texts(20));
    const full = await call(key, 'POST', promptsUrl(reportId), { prompts: [{ prompt_text: 'one more' }] });
    assert.deepEqual(expectError(full, 409, 'conflict'), { limit: 50 });
    const generate = await call(key, 'POST', promptsUrl(reportId), { auto_generate: { count: 1 } });
    assert.deepEqual(expectError(generate, 409, 'conflict'), { limit: 50 });
  });

  it('auto-generates prompts from the facts (sandbox for test keys), only when the brand has facts', async () => {
    const { key, reportId, brandId } = await setupReport();
    const generate = () =>
      call(key, 'POST', promptsUrl(reportId), { auto_generate: { count: 5, categories: ['Buying'] } });
    expectError(await generate(), 422, 'brand_facts_required');
    await setBrandFacts(brandId, '   ');
    expectError(await generate(), 422, 'brand_facts_required');
    await setBrandFacts(brandId, 'CRM maker');
    const generated = await generate();
    assert.equal(generated.status, 201);
    const data = generated.body.data as Array<{ prompt_text: string; category: string; report_id: string }>;
    assert.equal(data.length, 5);
    assert.equal(new Set(data.map((prompt) => prompt.prompt_text)).size, 5);
    assert.deepEqual(new Set(data.map((prompt) => prompt.category)), new Set(['Buying']));
    assert.equal((await storedPrompts(reportId)).length, 5);
    await setReport(reportId, { status: 'processing' });
    expectError(await generate(), 409, 'report_not_modifiable');
    assert.equal((await storedPrompts(reportId)).length, 5);
  });
});

describe('report prompts: update and delete', () => {
  it('updates the fields sent and deletes a prompt with its results', async () => {
    const { key, reportId } = await setupReport();
    const [first = '', second = ''] = await addPrompts(key, reportId, ['best crm', 'cheap crm']);
    const url = `${promptsUrl(reportId)}/${first}`;
    const updated = await call<Prompt>(key, 'PATCH', url, { category: 'Pricing' });
    assert.equal(updated.status, 200);
    const { created_at, ...rest } = updated.body;
    assert.match(created_at, ISO);
    assert.deepEqual(rest, {
      id: first,
      object: 'report_prompt',
      report_id: reportId,
      prompt_text: 'best crm',
      category: 'Pricing',
    });
    const renamed = await call(key, 'PATCH', url, { prompt_text: 'top crm', category: null });
    assert.deepEqual(renamed.body, { ...updated.body, prompt_text: 'top crm', category: null });
    expectError(await call(key, 'PATCH', url, { prompt_text: '' }), 422, 'body_validation_error');
    expectError(await call(key, 'PATCH', url, { report_id: reportId }), 422, 'body_validation_error');
    expectError(await call(key, 'PATCH', `${promptsUrl(reportId)}/nope`, {}), 400, 'validation_error');

    await insertResult(reportId, second);
    await setReport(reportId, { status: 'failed' });
    const deleted = await call(key, 'DELETE', `${promptsUrl(reportId)}/${second}`);
    assert.equal(deleted.status, 204);
    assert.deepEqual(await storedPrompts(reportId), [{ text: 'top crm', category: null }]);
    assert.deepEqual(await (await testDb()).select().from(results).where(eq(results.promptId, second)), []);
    expectError(await call(key, 'DELETE', `${promptsUrl(reportId)}/${second}`), 404, 'not_found');
  });

  it('answers 404 for a prompt of another report', async () => {
    const { key, reportId, brandId } = await setupReport();
    const other = await call(key, 'POST', '/v1/reports', { brand_id: brandId });
    const [foreign = ''] = await addPrompts(key, String(other.body.id), ['elsewhere']);
    const url = `${promptsUrl(reportId)}/${foreign}`;
    expectError(await call(key, 'PATCH', url, { prompt_text: 'x' }), 404, 'not_found');
    expectError(await call(key, 'DELETE', url), 404, 'not_found');
    expectError(await call(key, 'PATCH', `${promptsUrl(reportId)}/${reportId}`, {}), 404, 'not_found');
    assert.deepEqual(await storedPrompts(String(other.body.id)), [{ text: 'elsewhere', category: null }]);
  });

  it('changes prompts only on draft or failed reports', async () => {
    const { key, reportId } = await setupReport();
    const [promptId = ''] = await addPrompts(key, reportId, ['best crm']);
    const url = `${promptsUrl(reportId)}/${promptId}`;
    for (const status of ['processing', 'completed'] as const) {
      await setReport(reportId, { status });
      const add = await call(key, 'POST', promptsUrl(reportId), { prompts: [{ prompt_text: 'x' }] });
      assert.deepEqual(expectError(add, 409, 'report_not_modifiable'), { status });
      expectError(await call(key, 'PATCH', url, { prompt_text: 'x' }), 409, 'report_not_modifiable');
      expectError(await call(key, 'DELETE', url), 409, 'report_not_modifiable');
      assert.equal((await call(key, 'GET', promptsUrl(reportId))).status, 200);
    }
    await setReport(reportId, { status: 'failed' });
    assert.equal(
      (await call(key, 'POST', promptsUrl(reportId), { prompts: [{ prompt_text: 'x' }] })).status,
      201,
    );
    assert.equal((await call(key, 'PATCH', url, { prompt_text: 'y' })).status, 200);
    assert.deepEqual(await storedPrompts(reportId), [
      { text: 'y', category: null },
      { text: 'x', category: null },
    ]);
  });
});

describe('report prompts: security', () => {
  it('enforces keys, scopes, tenancy, modes and brand restrictions on every endpoint', async () => {
    const { tenant, key, reportId } = await setupReport();
    const [promptId = ''] = await addPrompts(key, reportId, ['best crm']);
    const other = await call(key, 'POST', '/v1/brands', { ...acme, name: 'Other' });
    const url = `${promptsUrl(reportId)}/${promptId}`;
    const endpoints: Array<[Method, string, unknown?]> = [
      ['GET', promptsUrl(reportId)],
      ['POST', promptsUrl(reportId), { prompts: [{ prompt_text: 'x' }] }],
      ['PATCH', url, { prompt_text: 'x' }],
      ['DELETE', url],
    ];
    const reportWriter = await tenant.keyWith({ scopes: ['write:reports'] });
    const noRead = await tenant.keyWith({ scopes: ['write:prompts'] });
    const outsiders = {
      stranger: (await setupReport()).key,
      live: await tenant.keyWith({ mode: 'live' }),
      restricted: await tenant.keyWith({ allowedBrandId: String(other.body.id) }),
    };
    // Reading prompts takes read:reports, which write:reports implies; changing them takes write:prompts.
    const readDenied = {
      key: noRead,
      details: { required_scope: 'read:reports', key_scopes: ['write:prompts'] },
    };
    const writeDenied = {
      key: reportWriter,
      details: { required_scope: 'write:prompts', key_scopes: ['write:reports'] },
    };
    for (const [method, path, body] of endpoints) {
      const reads = method === 'GET';
      await expectSecurity({ ...outsiders, unscoped: reads ? readDenied : writeDenied }, method, path, body);
      if (reads) assert.equal((await call(reportWriter, method, path)).status, 200);
    }
    assert.deepEqual(await storedPrompts(reportId), [{ text: 'best crm', category: null }]);
  });
});
