import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { runAnalyzeCli } from './cli.ts';

async function run(lines: string[]): Promise<unknown[]> {
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  await runAnalyzeCli(Readable.from([lines.join('\n')]), output);
  return chunks
    .join('')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));
}

const brand = { name: 'Acme', aliases: [], website: 'https://acme.com' };

describe('runAnalyzeCli', () => {
  it('writes one labelled line per case and an error line for a bad one', async () => {
    const records = await run([
      JSON.stringify({
        id: 'c1',
        platform: 'chatgpt',
        prompt: 'best tool?',
        brand,
        competitors: [{ name: 'Rival', aliases: [], website: 'https://rival.io' }],
        answer:
          '1. **Acme** — excellent, my top pick. See https://www.acme.com/pricing/.\n2. **Rival** — fine.',
        sources: [{ url: 'https://g2.com/acme?utm_source=x', title: 'G2' }],
        expected: { ignored: true },
      }),
      '{not json',
      '',
      JSON.stringify({ id: 'c3', brand }),
    ]);
    assert.deepEqual(records[0], {
      id: 'c1',
      brand_mentioned: true,
      mentioned: ['Acme', 'Rival'],
      other_brands: [],
      brand_position: 1,
      sentiment: 'positive',
      citations: ['https://g2.com/acme', 'https://acme.com/pricing'],
      brand_cited: true,
    });
    assert.equal((records[1] as { id: unknown }).id, null);
    assert.match((records[1] as { error: string }).error, /^invalid JSON/);
    assert.equal((records[2] as { id: unknown }).id, 'c3');
    assert.match((records[2] as { error: string }).error, /^invalid case: answer/);
    assert.equal(records.length, 3);
  });
});
