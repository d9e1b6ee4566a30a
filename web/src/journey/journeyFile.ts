import { parseJourney, type FieldProblem, type JourneyDocument } from '@waymark/shared';

/** The file name a journey is exported as: its name (without characters file systems refuse) + `.waymark.json`. */
export function journeyFileName(name: string): string {
  const safe = name
    .replace(/[\\/:*?"<>|]+|\p{Cc}+/gu, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.-]+|[.-]+$/g, '');
  return `${safe.slice(0, 120) || 'journey'}.waymark.json`;
}

/** The document as the exported file holds it: the same JSON the API stores, indented for people and diffs. */
export function journeyFileText(document: JourneyDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

export type ReadFileResult = { ok: true; document: JourneyDocument } | { ok: false; problems: FieldProblem[] };

/** Reads an imported file through the one journey schema (migrating older versions); problems name the field. */
export function readJourneyFile(text: string): ReadFileResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ field: '', message: `The file is not JSON (${(error as Error).message}).` }] };
  }
  const parsed = parseJourney(raw);
  return parsed.ok ? { ok: true, document: parsed.value } : { ok: false, problems: parsed.problems };
}
