import { readFileSync } from 'node:fs';
import type { JourneyDocument, JourneyDocumentInput } from '../journey/journeySchema.ts';
import { parseJourney } from '../journey/parseJourney.ts';

/** Parses a test journey (named "Test journey" unless given), failing loudly when the fixture itself is wrong. */
export function testJourney(input: Omit<JourneyDocumentInput, 'name'> & { name?: string }): JourneyDocument {
  const parsed = parseJourney({ name: 'Test journey', ...input });
  if (!parsed.ok) throw new Error(`fixture does not parse: ${JSON.stringify(parsed.problems)}`);
  return parsed.value;
}

/** One of the shipped `examples/*.json`, parsed. */
export function exampleJourney(name: 'activation' | 'winback'): JourneyDocument {
  const parsed = parseJourney(JSON.parse(readFileSync(new URL(`../../../examples/${name}.json`, import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error(`example ${name} does not parse`);
  return parsed.value;
}
