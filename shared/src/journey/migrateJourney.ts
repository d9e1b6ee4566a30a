import { JOURNEY_SCHEMA_VERSION } from './journeySchema.ts';

/**
 * Brings an older journey document up to the current `schemaVersion` before it is parsed. Version 1 is the
 * first; a document without a version is a version-1 document. Each future step is one pure function here.
 */
export function migrateJourney(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const doc = raw as Record<string, unknown>;
  const version = doc.schemaVersion ?? 1;
  if (version === JOURNEY_SCHEMA_VERSION) return { ...doc, schemaVersion: JOURNEY_SCHEMA_VERSION };
  return doc; // an unknown version: let the schema name it
}
