import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JourneyService } from '../journeys/JourneyService.ts';
import type { Store } from '../store/storeTypes.ts';

/** Where the example journeys live; they are both documentation and the demo seed. */
export const EXAMPLES_DIR = join(import.meta.dirname, '../../../examples');

/**
 * On a first start (no journeys yet), creates and publishes every `examples/*.json`. Their webhooks point at
 * `http://localhost:3000/sink/webhook`; that origin is rewritten to this server's own, so offers land in the
 * demo inbox whatever the port.
 */
export async function seedDemoJourneys(store: Store, journeys: JourneyService, baseUrl: string): Promise<string[]> {
  if ((await store.listJourneys()).length > 0) return [];
  const seeded: string[] = [];
  for (const file of readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json')).sort()) {
    const text = readFileSync(join(EXAMPLES_DIR, file), 'utf8').replaceAll('http://localhost:3000', baseUrl);
    const { id } = await journeys.create(JSON.parse(text));
    await journeys.publish(id);
    seeded.push(id);
  }
  return seeded;
}
