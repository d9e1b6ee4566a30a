import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PromoteDialog, type PromoteDialogProps } from './PromoteDialog.tsx';

const render = (props: Partial<PromoteDialogProps>) =>
  renderToStaticMarkup(
    <PromoteDialog
      choice={{ variant: 'B', isControl: false, conclusive: true }}
      kind="split"
      hasHoldout={false}
      draftDiffers={false}
      busy={false}
      error={null}
      onConfirm={() => {}}
      onCancel={() => {}}
      {...props}
    />,
  );

describe('PromoteDialog', () => {
  it('says a split promotion publishes a new version of the journey', () => {
    const html = render({});
    expect(html).toContain('Every user who reaches the split from now on follows <strong>B</strong>');
    expect(html).toContain('This publishes a new version of the journey.');
  });

  it("says a journey experiment's promotion sends new entrants to the winner's journey and changes no journey", () => {
    const html = render({ kind: 'journeys', hasHoldout: true, choice: { variant: 'B', isControl: false, conclusive: true, journeyName: 'Welcome: free shipping' } });
    expect(html).toContain('enters <strong>B</strong>&#x27;s journey, “Welcome: free shipping”, including those who would have been held out.');
    expect(html).toContain('The experiment ends; no journey is changed.');
    expect(html).not.toContain('publishes a new version');
  });

  it('warns before promoting a variant the evidence does not back', () => {
    const html = render({ choice: { variant: 'A', isControl: true, conclusive: false, caution: 'There are too few users or conversions for a verdict yet.' } });
    expect(html).toContain('Promote A without a verdict?');
    expect(html).toContain('data-testid="promote-caution"');
    expect(html).toContain('Promote A anyway');
  });
});
