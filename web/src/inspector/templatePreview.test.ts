import { describe, expect, it } from 'vitest';
import { defaultSampleUser, previewScope, renderPreview } from './templatePreview.ts';

const ctx = { offerCode: 'WINBACK20', journey: { id: 'j1', name: 'Win back' }, eventName: 'app_open' };

describe('offer template preview', () => {
  it('renders with the sample user, the offer code and the trigger event', () => {
    const scope = previewScope(defaultSampleUser, ctx);
    expect(renderPreview('Hi {{ traits.name }}, use {{ offer.code }} ({{ event.name }}, {{ tags | join: "+" }})', scope, false)).toEqual({
      ok: true,
      text: 'Hi Ada, use WINBACK20 (app_open, vip+beta)',
    });
  });

  it('leaves empty sample fields out, so defaults show', () => {
    const scope = previewScope({ ...defaultSampleUser, name: ' ' }, ctx);
    expect(renderPreview('{{ traits.name | default: "there" }}', scope, false)).toEqual({ ok: true, text: 'there' });
  });

  it('escapes HTML for email', () => {
    const scope = previewScope({ ...defaultSampleUser, name: '<b>Ann & Bob</b>' }, ctx);
    expect(renderPreview('Hi {{ traits.name }}', scope, true)).toEqual({ ok: true, text: 'Hi &lt;b&gt;Ann &amp; Bob&lt;/b&gt;' });
    expect(renderPreview('Hi {{ traits.name }}', scope, false)).toEqual({ ok: true, text: 'Hi <b>Ann & Bob</b>' });
  });

  it('answers why a template cannot be read or rendered', () => {
    const scope = previewScope(defaultSampleUser, ctx);
    const unclosed = renderPreview('Hi {{ traits.name', scope, false);
    expect(unclosed.ok).toBe(false);
    const unknownFilter = renderPreview('{{ traits.name | shout }}', scope, false);
    expect(unknownFilter).toMatchObject({ ok: false, problem: expect.stringMatching(/shout/) });
  });
});
