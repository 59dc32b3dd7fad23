import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { call, expectError } from '../../../test/harness.ts';
import { newId } from '../../clock.ts';
import { regionConfigPrompts } from '../../db/schema/index.ts';
import {
  assertSecured,
  createBrand,
  createRegionConfig,
  ISO,
  type Setup,
  setupSchedule,
  stable,
  testDb,
  UUID,
} from '../scheduled-reports/scheduled-reports.fixtures.ts';

type Prompts = { object: string; data: Array<Record<string, unknown> & { id: string }> };

async function setupConfig(): Promise<Setup & { configId: string; url: string }> {
  const setup = await setupSchedule();
  const configId = await createRegionConfig(setup);
  return { ...setup, configId, url: `/v1/region-configs/${configId}/prompts` };
}

function texts(count: number, prefix = 'prompt') {
  return Array.from({ length: count }, (_, index) => ({ prompt_text: `${prefix} ${index}` }));
}

async function storedCount(configId: string): Promise<number> {
  const db = await testDb();
  return (await db.select().from(regionConfigPrompts).where(eq(regionConfigPrompts.regionConfigId, configId)))
    .length;
}

describe('region config prompts', () => {
  it('adds prompts, lists them whole in order and counts them on the config', async () => {
    const { key, configId, url } = await setupConfig();
    const added = await call<Prompts>(key, 'POST', url, {
      prompts: [{ prompt_text: '  best crm?  ', category: 'crm' }, { prompt_text: 'is acme good?' }],
    });
    assert.equal(added.status, 201);
    assert.deepEqual(Object.keys(added.body), ['object', 'data']);
    for (const prompt of added.body.data) {
      assert.match(prompt.id, UUID);
      assert.match(String(prompt.created_at), ISO);
    }
    const expected = [
      {
        object: 'region_config_prompt',
        region_config_id: configId,
        prompt_text: 'best crm?',
        category: 'crm',
        disabled: false,
      },
      {
        object: 'region_config_prompt',
        region_config_id: configId,
        prompt_text: 'is acme good?',
        category: null,
        disabled: false,
      },
    ];
    assert.deepEqual(
      added.body.data.map((prompt) => stable(prompt)),
      expected,
    );
    const more = await call<Prompts>(key, 'POST', url, {
      prompts: [{ prompt_text: 'third', category: null }],
    });
    const listed = await call<Prompts>(key, 'GET', url);
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body, { object: 'list', data: [...added.body.data, ...more.body.data] });
    const config = await call(key, 'GET', `/v1/region-configs/${configId}`);
    assert.equal(config.body.prompts_count, 3);
    assert.equal(await storedCount(configId), 3);
  });

  it('holds at most 50 prompts per config, all or nothing per batch', async () => {
    const { key, configId, url } = await setupConfig();
    assert.equal((await call(key, 'POST', url, { prompts: texts(30) })).status, 201);
    const over = await call(key, 'POST', url, { prompts: texts(21, 'extra') });
    assert.deepEqual(expectError(over, 409, 'conflict'), { limit: 50 });
    assert.equal(await storedCount(configId), 30);
    assert.equal((await call(key, 'POST', url, { prompts: texts(15, 'more') })).status, 201);
    // Concurrent batches cannot both take the last places: the config is locked while counting.
    const racing = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        call(key, 'POST', url, { prompts: texts(1, `race ${index}`) }),
      ),
    );
    const statuses = racing.map((response) => response.status).sort();
    assert.deepEqual(statuses, [201, 201, 201, 201, 201, 409, 409, 409, 409, 409]);
    assert.deepEqual(expectError(await call(key, 'POST', url, { prompts: texts(1) }), 409, 'conflict'), {
      limit: 50,
    });
    assert.equal(await storedCount(configId), 50);
    const listed = await call<Prompts>(key, 'GET', url);
    assert.equal(listed.body.data.length, 50);
  });

  it('rejects invalid bodies and parameters with the catalog codes', async () => {
    const { key, url } = await setupConfig();
    for (const bad of [
      {},
      { prompts: [] },
      { prompts: texts(51) },
      { prompts: [{ prompt_text: '' }] },
      { prompts: [{ prompt_text: '   ' }] },
      { prompts: [{ prompt_text: 'x'.repeat(1001) }] },
      { prompts: [{ prompt_text: 'ok', category: 'x'.repeat(101) }] },
      { prompts: [{ prompt_text: 'ok', disabled: true }] },
      { prompts: [{ prompt_text: 'ok' }], auto_generate: { count: 3 } },
    ]) {
      expectError(await call(key, 'POST', url, bad), 422, 'body_validation_error');
    }
    const added = await call<Prompts>(key, 'POST', url, { prompts: [{ prompt_text: 'ok' }] });
    const one = `${url}/${added.body.data[0]?.id}`;
    for (const bad of [
      { prompt_text: '' },
      { disabled: 'yes' },
      { category: 'x'.repeat(101) },
      { region_config_id: newId() },
    ]) {
      expectError(await call(key, 'PATCH', one, bad), 422, 'body_validation_error');
    }
    expectError(await call(key, 'PATCH', `${url}/not-a-uuid`, { disabled: true }), 400, 'validation_error');
    expectError(await call(key, 'GET', '/v1/region-configs/not-a-uuid/prompts'), 400, 'validation_error');
    expectError(await call(key, 'PATCH', `${url}/${newId()}`, { disabled: true }), 404, 'not_found');
    expectError(await call(key, 'DELETE', `${url}/${newId()}`), 404, 'not_found');
    expectError(await call(key, 'GET', `/v1/region-configs/${newId()}/prompts`), 404, 'not_found');
    expectError(
      await call(key, 'POST', `/v1/region-configs/${newId()}/prompts`, { prompts: texts(1) }),
      404,
      'not_found',
    );
  });

  it('edits and disables a prompt; disabled prompts stay listed and counted', async () => {
    const { key, configId, url } = await setupConfig();
    const added = await call<Prompts>(key, 'POST', url, { prompts: [{ prompt_text: 'old', category: 'a' }] });
    const prompt = added.body.data[0];
    const one = `${url}/${prompt?.id}`;
    const disabled = await call(key, 'PATCH', one, { disabled: true });
    assert.equal(disabled.status, 200);
    assert.deepEqual(disabled.body, { ...prompt, disabled: true });
    const edited = await call(key, 'PATCH', one, { prompt_text: 'new', category: null });
    assert.deepEqual(edited.body, { ...prompt, prompt_text: 'new', category: null, disabled: true });
    const enabled = await call(key, 'PATCH', one, { disabled: false });
    assert.deepEqual(enabled.body, { ...prompt, prompt_text: 'new', category: null });
    await call(key, 'PATCH', one, { disabled: true });
    assert.deepEqual((await call<Prompts>(key, 'GET', url)).body.data, [{ ...enabled.body, disabled: true }]);
    assert.equal((await call(key, 'GET', `/v1/region-configs/${configId}`)).body.prompts_count, 1);
  });

  it('deletes a prompt; a prompt of another config is not found through this one', async () => {
    const setup = await setupConfig();
    const otherConfig = await createRegionConfig(setup, { name: 'Other' });
    const foreign = await call<Prompts>(setup.key, 'POST', `/v1/region-configs/${otherConfig}/prompts`, {
      prompts: texts(1),
    });
    const foreignId = foreign.body.data[0]?.id;
    expectError(
      await call(setup.key, 'PATCH', `${setup.url}/${foreignId}`, { disabled: true }),
      404,
      'not_found',
    );
    expectError(await call(setup.key, 'DELETE', `${setup.url}/${foreignId}`), 404, 'not_found');
    assert.equal(await storedCount(otherConfig), 1);

    const added = await call<Prompts>(setup.key, 'POST', setup.url, { prompts: texts(2) });
    const deleted = await call(setup.key, 'DELETE', `${setup.url}/${added.body.data[0]?.id}`);
    assert.equal(deleted.status, 204);
    assert.equal(deleted.body, null);
    const listed = await call<Prompts>(setup.key, 'GET', setup.url);
    assert.deepEqual(listed.body.data, [added.body.data[1]]);
    assert.equal(await storedCount(setup.configId), 1);
  });

  it('enforces keys, scopes, tenancy, modes and brand restrictions on every endpoint', async () => {
    const setup = await setupConfig();
    const otherBrandId = await createBrand(setup.key, 'Other');
    const added = await call<Prompts>(setup.key, 'POST', setup.url, { prompts: texts(1) });
    const one = `${setup.url}/${added.body.data[0]?.id}`;
    await assertSecured(setup.tenant, otherBrandId, [
      { method: 'GET', url: setup.url, scope: 'read:region-configs', status: 200 },
      { method: 'POST', url: setup.url, body: { prompts: texts(1) }, scope: 'write:prompts', status: 201 },
      { method: 'PATCH', url: one, body: { disabled: true }, scope: 'write:prompts', status: 200 },
      { method: 'DELETE', url: one, scope: 'write:prompts', status: 204 },
    ]);
    // Editing a config does not grant editing its prompts.
    const configWriter = await setup.tenant.keyWith({ scopes: ['write:region-configs'] });
    const denied = expectError(
      await call(configWriter, 'POST', setup.url, { prompts: texts(1) }),
      403,
      'insufficient_scope',
    );
    assert.equal(denied.required_scope, 'write:prompts');
    assert.equal((await call(configWriter, 'GET', setup.url)).status, 200);
  });
});
