import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DeadLetterList, type DeadLetterView } from './DeadLetterList.tsx';
import { deadOffer } from './deadOfferFixture.ts';
import { stepName } from './deliveryText.ts';

const offer = deadOffer(7, 'ann', { runId: 'r1', createdAt: Date.UTC(2026, 10, 24, 9, 30) });

const offerStep = { type: 'offer' as const, data: { offer: 'WINBACK20', channel: 'webhook', url: 'https://example.com/hook', template: 'Hi' } };

const render = (view: Partial<DeadLetterView>, withUsers = true) =>
  renderToStaticMarkup(
    <DeadLetterList
      view={{ offers: [], error: null, retrying: {}, rowErrors: {}, progress: null, note: null, ...view }}
      stepOf={(id) => stepName(id === 'o1' ? offerStep : undefined, id)}
      onReload={() => {}}
      onRetry={() => {}}
      onRetryAll={() => {}}
      onFocusStep={() => {}}
      {...(withUsers ? { onOpenUser: () => {} } : {})}
    />,
  );

const rows = (html: string) => html.match(/data-testid="dead-row"/g)?.length ?? 0;

describe('DeadLetterList', () => {
  it('explains the dead letter when nothing failed', () => {
    const html = render({ offers: [] });
    expect(html).toContain('No failed deliveries');
    expect(html).toContain('Offers that keep failing after 8 attempts land here so you can fix the target and send them again.');
    expect(rows(html)).toBe(0);
    expect(html).not.toContain('Retry all');
  });

  it('shows a skeleton while loading, and a way to try again when loading failed', () => {
    expect(render({ offers: null })).toContain('aria-busy="true"');
    const failed = render({ offers: null, error: new Error('the server is down') });
    expect(failed).toContain('role="alert"');
    expect(failed).toContain('Failed deliveries could not be loaded. The server is down');
    expect(failed).toContain('>Try again</button>');
  });

  it('lists each failed offer with its user, step, attempts, time and last error, and a Retry for it', () => {
    const second = { ...offer, id: 8, userId: 'bob', node: 'gone', attempts: 1, lastError: null };
    const html = render({ offers: [offer, second] });
    expect(rows(html)).toBe(2);
    expect(html).toContain('2 failed offers');
    expect(html).toContain('>WINBACK20</span>');
    expect(html).toContain('>webhook</span>');
    expect(html).toMatch(/<button[^>]*class="link-button dead__user"[^>]*>ann<\/button>/);
    expect(html).toMatch(/<button[^>]*class="link-button dead__step"[^>]*>Offer · Send WINBACK20 by webhook<\/button>/);
    // A step deleted from the draft since cannot be focused: plain text.
    expect(html).toContain('<span class="dead__step">gone (no longer on the canvas)</span>');
    expect(html).toContain('8 attempts');
    expect(html).toContain('1 attempt<');
    expect(html).toContain(`dateTime="${new Date(offer.createdAt).toISOString()}"`);
    expect(html).toContain('HTTP 500 from 127.0.0.1');
    expect(html).toContain('No error was recorded.');
    expect(html).toContain('aria-label="Retry WINBACK20 for ann"');
    expect(html).toContain('aria-label="Retry WINBACK20 for bob"');
    expect(html).toMatch(/data-testid="dead-retry-all">Retry all</);
  });

  it('shows user ids as plain text when there is no user view to open', () => {
    expect(render({ offers: [offer] }, false)).toContain('<span class="dead__user">ann</span>');
  });

  it('marks a row on its way, shows why a retry was refused, and holds every button while a retry-all runs', () => {
    const busy = render({ offers: [offer, { ...offer, id: 8 }], retrying: { 7: true }, rowErrors: { 8: 'Id: no dead-lettered offer 8' } });
    expect(busy).toMatch(/<button[^>]*disabled=""[^>]*aria-label="Retry WINBACK20 for ann"[^>]*>Retrying…<\/button>/);
    expect(busy).toContain('Couldn’t retry: Id: no dead-lettered offer 8');
    expect(busy).toMatch(/disabled=""[^>]*data-testid="dead-retry-all"/);

    const running = render({ offers: [offer], progress: { done: 2, total: 12, failed: 0, running: true } });
    expect(running).toMatch(/role="status"[^>]*>Retrying 3 of 12…</);
    expect(running).toMatch(/<button[^>]*disabled=""[^>]*aria-label="Retry WINBACK20 for ann"/);
  });

  it('confirms a retry with a note, and sums up a retry-all', () => {
    expect(render({ offers: [], note: 'WINBACK20 for ann is queued to be sent again.' })).toMatch(/role="status"[^>]*>WINBACK20 for ann is queued to be sent again.</);
    const partly = render({ offers: [offer], progress: { done: 3, total: 3, failed: 1, running: false } });
    expect(partly).toContain('panel-note panel-note--error');
    expect(partly).toContain('2 of 3 queued again; 1 could not be retried (see each row).');
  });

  it('keeps the last list on screen when a refresh fails', () => {
    const html = render({ offers: [offer], error: new Error('timeout') });
    expect(rows(html)).toBe(1);
    expect(html).toContain('Reconnecting…');
  });
});
