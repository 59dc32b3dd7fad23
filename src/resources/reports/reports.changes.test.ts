import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { call, expectError, expectSecurity, type Method } from '../../../test/harness.ts';
import { jobs, reportPrompts, reports, results } from '../../db/schema/index.ts';
import {
  acme,
  addPrompts,
  insertResult,
  insertRunJob,
  setReport,
  setupReport,
  testDb,
} from './reports.fixtures.ts';

const allFields = {
  name: 'Renamed',
  ai_platforms: ['perplexity'],
  country: 'Mexico',
  language: 'Portuguese',
  location: 'Monterrey',
  samples: 5,
};

describe('reports: update', () => {
  it('changes every field of a draft and only the fields sent', async () => {
    const { key, reportId, report } = await setupReport();
    const url = `/v1/reports/${reportId}`;
    const updated = await call(key, 'PATCH', url, allFields);
    assert.equal(updated.status, 200);
    assert.deepEqual(updated.body, { ...report, ...allFields });
    const { prompts, metrics, ...read } = (await call(key, 'GET', url)).body;
    assert.deepEqual(read, updated.body);
    const cleared = await call(key, 'PATCH', url, { country: null, location: null, language: 'de' });
    assert.deepEqual(cleared.body, { ...updated.body, country: null, location: null, language: 'German' });
    const same = await call(key, 'PATCH', url, {});
    assert.deepEqual(same.body, cleared.body);
    const [row] = await (await testDb()).select().from(reports).where(eq(reports.id, reportId));
    assert.deepEqual(row?.aiPlatforms, ['perplexity']);
    assert.equal(row?.samples, 5);
  });

  it('allows only the name once the report has run, and nothing while it runs', async () => {
    const { key, reportId } = await setupReport();
    const url = `/v1/reports/${reportId}`;
    for (const status of ['completed', 'failed'] as const) {
      await setReport(reportId, { status });
      const renamed = await call(key, 'PATCH', url, { name: `Done ${status}` });
      assert.equal(renamed.status, 200);
      assert.equal(renamed.body.name, `Done ${status}`);
      const details = expectError(
        await call(key, 'PATCH', url, { name: 'x', samples: 2, country: null }),
        409,
        'report_not_modifiable',
      );
      assert.deepEqual(details, { status, fields: ['country', 'samples'] });
    }
    await setReport(reportId, { status: 'processing' });
    const details = expectError(await call(key, 'PATCH', url, { name: 'x' }), 409, 'report_not_modifiable');
    assert.deepEqual(details, { status: 'processing' });
    expectError(await call(key, 'PATCH', url, {}), 409, 'report_not_modifiable');
    const [row] = await (await testDb()).select().from(reports).where(eq(reports.id, reportId));
    assert.equal(row?.name, 'Done failed');
    assert.equal(row?.samples, 1);
  });

  it('rejects invalid bodies', async () => {
    const { key, reportId } = await setupReport();
    const url = `/v1/reports/${reportId}`;
    const bad = [
      { samples: 9 },
      { name: null },
      { ai_platforms: null },
      { language: null },
      { ai_platforms: ['claude', 'claude'] },
      { brand_id: reportId },
      { status: 'completed' },
    ];
    for (const body of bad) expectError(await call(key, 'PATCH', url, body), 422, 'body_validation_error');
    const details = expectError(await call(key, 'PATCH', url, { samples: 9 }), 422, 'body_validation_error');
    assert.deepEqual((details.errors as Array<{ loc: unknown[] }>)[0]?.loc, ['body', 'samples']);
    expectError(await call(key, 'PATCH', '/v1/reports/nope', { name: 'x' }), 400, 'validation_error');
  });
});

describe('reports: delete', () => {
  it('deletes a processing report with its prompts and results and cancels its run', async () => {
    const { key, reportId, tenant } = await setupReport();
    const [promptId = ''] = await addPrompts(key, reportId, ['best crm']);
    await insertResult(reportId, promptId);
    const jobId = await insertRunJob(tenant.accountId, reportId);
    await setReport(reportId, { status: 'processing' });
    const deleted = await call(key, 'DELETE', `/v1/reports/${reportId}`);
    assert.equal(deleted.status, 204);
    assert.equal(deleted.body, null);
    expectError(await call(key, 'GET', `/v1/reports/${reportId}`), 404, 'not_found');
    expectError(await call(key, 'DELETE', `/v1/reports/${reportId}`), 404, 'not_found');
    const db = await testDb();
    assert.deepEqual(await db.select().from(reportPrompts).where(eq(reportPrompts.reportId, reportId)), []);
    assert.deepEqual(await db.select().from(results).where(eq(results.reportId, reportId)), []);
    const [job] = await db.select().from(jobs).where(eq(jobs.id, jobId));
    assert.equal(job?.status, 'cancelled');
    assert.equal(job?.reportId, null);
  });
});

describe('reports: security', () => {
  it('enforces keys, scopes, tenancy, modes and brand restrictions on every endpoint', async () => {
    const { tenant, key, brandId, reportId } = await setupReport();
    const other = await call(key, 'POST', '/v1/brands', { ...acme, name: 'Other' });
    const otherReport = await call(key, 'POST', '/v1/reports', { brand_id: other.body.id });
    const url = `/v1/reports/${reportId}`;
    const endpoints: Array<[Method, string, unknown?]> = [
      ['GET', `/v1/reports?brand_id=${brandId}`],
      ['POST', '/v1/reports', { brand_id: brandId }],
      ['GET', url],
      ['PATCH', url, { name: 'x' }],
      ['DELETE', url],
    ];
    const readOnly = await tenant.keyWith({ scopes: ['read:reports'] });
    const restricted = await tenant.keyWith({ allowedBrandId: String(other.body.id) });
    const outsiders = {
      stranger: (await setupReport()).key,
      live: await tenant.keyWith({ mode: 'live' }),
      restricted,
    };
    const writeDenied = {
      key: readOnly,
      details: { required_scope: 'write:reports', key_scopes: ['read:reports'] },
    };
    for (const [method, path, body] of endpoints) {
      const reads = method === 'GET';
      await expectSecurity({ ...outsiders, unscoped: reads ? undefined : writeDenied }, method, path, body);
      if (reads) assert.equal((await call(readOnly, method, path)).status, 200);
    }
    const noReports = await tenant.keyWith({ scopes: ['read:brands'] });
    expectError(await call(noReports, 'GET', url), 403, 'insufficient_scope');
    assert.equal((await call(restricted, 'GET', `/v1/reports/${otherReport.body.id}`)).status, 200);
    assert.equal((await call(key, 'GET', url)).status, 200);
  });
});
