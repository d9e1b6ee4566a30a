import { parseJourney, type JourneyDocument, type Violation } from '@waymark/shared';
import { describe, expect, it } from 'vitest';
import winback from '../../../examples/winback.json';
import { publishState } from './publishState.ts';

const draft = (() => {
  const parsed = parseJourney(winback);
  if (!parsed.ok) throw new Error('example does not parse');
  return parsed.value;
})();
const problem: Violation = { code: 'no-trigger', message: 'The journey has no trigger.' };
const publishedAs = (document: JourneyDocument, version = 2) => ({ publishedVersion: version, published: { version, publishedAt: 0, document, machine: { id: 'journey', initial: 't1', states: {} } } });

describe('publishState', () => {
  it('blocks publishing while the draft has problems, and says how many', () => {
    expect(publishState({ publishedVersion: null, published: null }, draft, [problem, problem])).toMatchObject({
      canPublish: false,
      note: 'Fix 2 problems to publish',
    });
  });

  it('offers a first publish for a valid draft', () => {
    expect(publishState({ publishedVersion: null, published: null }, draft, [])).toMatchObject({ canPublish: true, label: 'Publish' });
  });

  it('has nothing to publish when the live version is the draft', () => {
    expect(publishState(publishedAs(draft), draft, [])).toMatchObject({ canPublish: false, label: 'Published' });
  });

  it('names the version a changed draft will become', () => {
    const changed = { ...draft, name: 'Win back, take two' };
    expect(publishState(publishedAs(draft), changed, [])).toMatchObject({ canPublish: true, note: 'Goes live as v3' });
  });
});
