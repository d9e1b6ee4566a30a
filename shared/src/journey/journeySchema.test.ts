import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJourney } from './parseJourney.ts';
import { JOURNEY_SCHEMA_VERSION } from './journeySchema.ts';

const readExample = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../examples/${name}.json`, import.meta.url), 'utf8'));

const minimal = () => ({
  name: 'Welcome',
  nodes: [
    { id: 't1', type: 'trigger', data: { event: 'signed_up' } },
    { id: 'x1', type: 'exit' },
  ],
  edges: [{ id: 'e1', source: 't1', target: 'x1' }],
});

/** The problems of a document that should not parse, as `field: message` lines. */
function problemsOf(raw: unknown): string[] {
  const result = parseJourney(raw);
  if (result.ok) throw new Error('expected the document to be rejected');
  return result.problems.map((p) => `${p.field}: ${p.message}`);
}

describe('parseJourney', () => {
  it.each(['activation', 'winback'])('parses the %s example unchanged', (name) => {
    const raw = readExample(name);
    const result = parseJourney(raw);
    expect(result).toEqual({ ok: true, value: raw });
  });

  it('fills in the version, settings, positions, node data and the "next" handle', () => {
    const result = parseJourney(minimal());
    expect(result).toEqual({
      ok: true,
      value: {
        schemaVersion: JOURNEY_SCHEMA_VERSION,
        name: 'Welcome',
        settings: { reentry: 'never' },
        nodes: [
          { id: 't1', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'signed_up' } },
          { id: 'x1', type: 'exit', position: { x: 0, y: 0 }, data: {} },
        ],
        edges: [{ id: 'e1', source: 't1', target: 'x1', sourceHandle: 'next' }],
      },
    });
  });

  it('reads a null source handle, as React Flow saves it, as "next"', () => {
    const result = parseJourney({ ...minimal(), edges: [{ id: 'e1', source: 't1', target: 'x1', sourceHandle: null, targetHandle: null }] });
    expect(result.ok && result.value.edges[0]?.sourceHandle).toBe('next');
  });

  it('refuses unknown fields by name at every level, but takes any key in a node\'s data', () => {
    const doc = { name: 'typos', settigns: { reentry: 'always' }, nodes: [{ id: 'x1', type: 'exit', postion: { x: 1, y: 2 }, data: { anything: 1 } }], edges: [{ id: 'e1', source: 'x1', target: 'x1', lable: 'yes' }] };
    const result = parseJourney(doc);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toHaveLength(3);
    expect(problems).toEqual(expect.arrayContaining([
      { field: '', message: 'unknown field "settigns": expected only schemaVersion, name, description, settings, nodes, edges' },
      { field: 'nodes.0', message: 'unknown field "postion": expected only id, type, position, data' },
      { field: 'edges.0', message: 'unknown field "lable": expected only id, source, target, sourceHandle, targetHandle' },
    ]));
  });

  it('trims the journey name and rejects a blank one', () => {
    const result = parseJourney({ ...minimal(), name: '  Welcome  ' });
    expect(result.ok && result.value.name).toBe('Welcome');
    expect(problemsOf({ ...minimal(), name: '   ' })).toEqual(['name: expected a journey name']);
  });

  it('rejects an unknown node type, naming nodes.N.type and the types it accepts', () => {
    const doc = minimal();
    doc.nodes[1] = { id: 'x1', type: 'sms' };
    const problems = problemsOf(doc);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toBe('nodes.1.type: expected a node type: trigger, wait, branch, split, offer, tag, goal, exit');
  });

  it.each([
    ['an id with a space', 'has space'],
    ['an empty id', ''],
    ['an id with a dot, which would break state paths', 'a.b'],
    ['an id longer than 64 characters', 'x'.repeat(65)],
  ])('rejects %s', (_case, badId) => {
    expect(problemsOf({ ...minimal(), nodes: [{ id: badId, type: 'exit' }], edges: [] })).toEqual([
      'nodes.0.id: expected an id of 1-64 letters, digits, "_" or "-"',
    ]);
  });

  it('checks the ids an edge points at as well as its own', () => {
    const problems = problemsOf({ ...minimal(), edges: [{ id: 'e 1', source: 't1', target: '(end)' }] });
    expect(problems.map((p) => p.split(':')[0])).toEqual(['edges.0.id', 'edges.0.target']);
  });

  it('accepts a 64-character id with letters, digits, "_" and "-"', () => {
    const id = `${'a'.repeat(60)}_-9Z`;
    expect(parseJourney({ ...minimal(), nodes: [{ id, type: 'exit' }], edges: [] }).ok).toBe(true);
  });

  it('asks for a cooldown when reentry is "cooldown"', () => {
    expect(problemsOf({ ...minimal(), settings: { reentry: 'cooldown' } })).toEqual([
      'settings.cooldown: expected a cooldown such as "30d" when reentry is "cooldown"',
    ]);
    expect(parseJourney({ ...minimal(), settings: { reentry: 'cooldown', cooldown: '30d' } }).ok).toBe(true);
  });

  it('leaves node data to the validator, so a half-typed draft still parses', () => {
    const result = parseJourney({ ...minimal(), nodes: [{ id: 'w1', type: 'wait', data: { for: 'soon' } }], edges: [] });
    expect(result.ok).toBe(true);
  });

  it('treats a document without a version as version 1, and names a version it does not know', () => {
    expect(parseJourney(minimal()).ok).toBe(true);
    expect(problemsOf({ ...minimal(), schemaVersion: 2 }).map((p) => p.split(':')[0])).toEqual(['schemaVersion']);
  });

  it('rejects what is not a journey document at all', () => {
    expect(parseJourney(null).ok).toBe(false);
    expect(parseJourney([]).ok).toBe(false);
    expect(problemsOf({ name: 'No graph' }).map((p) => p.split(':')[0])).toEqual(['nodes', 'edges']);
  });
});
