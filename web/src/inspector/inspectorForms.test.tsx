import { nodeRegistry, nodeTypes, type JourneyDocument } from '@waymark/shared';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createJourneyStore } from '../store/journeyStore.ts';
import { JourneyStoreContext } from '../store/useJourneyStore.ts';
import { inspectorForms } from './inspectorForms.ts';
import { entryMode } from './TriggerForm.tsx';

const doc: JourneyDocument = {
  schemaVersion: 1,
  name: 'Forms',
  settings: { reentry: 'never' },
  nodes: nodeTypes.map((type, i) => ({ id: `n${i}`, type, position: { x: 0, y: 0 }, data: { ...nodeRegistry[type].defaults } })),
  edges: [],
};

function render(type: (typeof nodeTypes)[number], data: Record<string, unknown>, errors: Record<string, string> = {}) {
  const store = createJourneyStore();
  store.getState().load('j1', doc);
  const Form = inspectorForms[type];
  return renderToStaticMarkup(
    <JourneyStoreContext value={store}>
      <Form nodeId="n0" data={data} errors={errors} onChange={() => {}} />
    </JourneyStoreContext>,
  );
}

/** The labels end-to-end tests type into; renaming one breaks them, so it should be on purpose. */
const LABELS: Record<(typeof nodeTypes)[number], string[]> = {
  trigger: ['When an event happens', 'When a user goes quiet', 'When a tag is added', 'Event name', 'Add a filter'],
  wait: ['For a while', 'Until an event', 'Wait for'],
  branch: ['Has the tag'],
  split: ['Variants', 'Variant 1 id', 'Variant 1 weight', 'Add a variant', 'Holdout', 'How assignment works'],
  offer: ['Offer code', 'Email', 'Webhook', 'Subject', 'Message', 'Cost per send', 'Preview'],
  tag: ['Tags to add', 'Tags to remove'],
  goal: ['Event name', 'Add a filter'],
  exit: ['nothing to set up'],
};

describe('inspector forms', () => {
  it.each(nodeTypes)('renders the %s form for its defaults, with its labels', (type) => {
    const html = render(type, { ...nodeRegistry[type].defaults });
    for (const label of LABELS[type]) expect(html).toContain(label);
  });

  it('shows each problem beside its field', () => {
    const html = render('offer', { offer: '', channel: 'webhook', template: '' }, { url: 'Enter a full web address.' });
    expect(html).toContain('Webhook URL');
    expect(html).toContain('Enter a full web address.');
    expect(html).toContain('aria-invalid="true"');
  });

  it('shows the wait-until fields for a wait with an event', () => {
    const html = render('wait', { until: { event: 'purchase' }, timeout: '3d' });
    expect(html).toContain('Give up after');
    expect(html).toContain('value="purchase"');
    expect(html).toContain('Users who have not done purchase within 3 days go down the Timeout exit.');
  });

  it('reads the trigger mode as the shared trigger does', () => {
    expect(entryMode({ event: 'signed_up' })).toBe('event');
    expect(entryMode({ inactiveFor: '14d', event: 'app_open' })).toBe('quiet');
    expect(entryMode({ tagAdded: 'vip' })).toBe('tag');
  });
});
