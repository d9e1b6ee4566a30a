import { parseJourney } from '@waymark/shared';
import { describe, expect, it } from 'vitest';
import activation from '../../../examples/activation.json';
import { journeyFileName, journeyFileText, readJourneyFile } from './journeyFile.ts';

const doc = (() => {
  const result = parseJourney(activation);
  if (!result.ok) throw new Error('example does not parse');
  return result.value;
})();

describe('journey files', () => {
  it('names the file after the journey, without characters a file system refuses', () => {
    expect(journeyFileName('Activate new sign-ups')).toBe('Activate new sign-ups.waymark.json');
    expect(journeyFileName('Q3: win/back "VIP"?')).toBe('Q3- win-back -VIP.waymark.json');
    expect(journeyFileName('  ...  ')).toBe('journey.waymark.json');
  });

  it('reads back exactly what it exported', () => {
    const read = readJourneyFile(journeyFileText(doc));
    expect(read).toEqual({ ok: true, document: doc });
  });

  it('names the field and what was expected when a file is not a journey', () => {
    const read = readJourneyFile(JSON.stringify({ ...doc, name: '', nodes: [{ id: 'a b', type: 'teleport' }] }));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.map((p) => p.field)).toEqual(expect.arrayContaining(['name', 'nodes.0.id', 'nodes.0.type']));
  });

  it('says a file that is not JSON is not JSON', () => {
    const read = readJourneyFile('{ nope');
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problems[0]?.message).toMatch(/not JSON/);
  });
});
