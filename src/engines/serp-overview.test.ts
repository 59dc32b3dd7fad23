import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readAiOverview } from './serp-overview.ts';

describe('readAiOverview', () => {
  it('renders every block type as Markdown', () => {
    const { text, sources } = readAiOverview({
      text_blocks: [
        { type: 'paragraph', snippet: 'Top CRMs  for startups:' },
        { type: 'heading', snippet: 'Options' },
        {
          type: 'list',
          list: [
            { title: 'HubSpot:', snippet: 'Free tier.', list: [{ snippet: 'Good onboarding.' }] },
            { snippet: 'Pipedrive is simple.' },
          ],
        },
        {
          type: 'table',
          table: [
            ['Name', 'Price'],
            ['A|B', '$0'],
          ],
        },
        { type: 'expandable', title: 'More', text_blocks: [{ type: 'paragraph', snippet: 'Hidden text.' }] },
        { type: 'video', snippet: 'Unknown kinds keep their snippet.' },
      ],
      references: [
        { link: 'https://hubspot.com', title: 'HubSpot' },
        { link: null, title: 'No link' },
      ],
    });
    assert.equal(
      text,
      [
        'Top CRMs for startups:',
        '### Options',
        '- **HubSpot**: Free tier.\n  - Good onboarding.\n- Pipedrive is simple.',
        '| Name | Price |\n| --- | --- |\n| A\\|B | $0 |',
        '**More**\n\nHidden text.',
        'Unknown kinds keep their snippet.',
      ].join('\n\n'),
    );
    assert.deepEqual(sources, [{ url: 'https://hubspot.com', title: 'HubSpot' }]);
  });

  it('an absent overview is empty', () => {
    assert.deepEqual(readAiOverview(undefined), { text: '', sources: [] });
  });
});
