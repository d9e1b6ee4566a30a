import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileJourney } from '../compile/compileJourney.ts';
import { advanceRun, startRun } from '../engine/advanceRun.ts';
import { journeyMachine } from '../engine/journeyMachine.ts';
import { simulateJourney } from '../engine/simulateJourney.ts';
import type { JourneyDocument } from '../journey/journeySchema.ts';
import { parseJourney } from '../journey/parseJourney.ts';
import { junkJourney, plausibleJourney, script, user } from '../testing/journeyArbitraries.ts';
import { runDiscrepancies } from '../testing/runDiscrepancies.ts';
import { validateJourney } from './validateJourney.ts';
import { violationCodes } from './violation.ts';

/*
 * Property tests: whatever a marketer (or a broken client) sends as a journey document, the parser, validator
 * and compiler answer instead of throwing; and every journey that validates runs, on a simulated clock, for any
 * user and any events, exactly as drawn, to an end or to a wait whose timer will move it.
 */

const ALL_DOCUMENTS = fc.oneof(
  junkJourney,
  fc.anything({ maxDepth: 3 }),
  plausibleJourney({ forwardOnly: false, sparse: true }),
  plausibleJourney({ forwardOnly: true, sparse: true }),
);

/** Parses and validates; checks what every parsed document must satisfy. Returns the document and its violations. */
function parseAndValidate(raw: unknown): { doc: JourneyDocument; violations: ReturnType<typeof validateJourney> } | undefined {
  const parsed = parseJourney(raw);
  if (!parsed.ok) {
    expect(parsed.problems.length).toBeGreaterThan(0);
    return undefined;
  }
  const doc = parsed.value;
  const violations = validateJourney(doc);
  const nodeIds = new Set(doc.nodes.map((n) => n.id));
  const edgeIds = new Set(doc.edges.map((e) => e.id));
  for (const v of violations) {
    expect(violationCodes).toContain(v.code);
    if (v.nodeId !== undefined && v.code !== 'dangling-edge') expect(nodeIds).toContain(v.nodeId);
    if (v.edgeId !== undefined) expect(edgeIds).toContain(v.edgeId);
  }
  return { doc, violations };
}

describe('journey documents, by property', () => {
  it('never crash the parser, validator or compiler, whatever their shape', () => {
    fc.assert(
      fc.property(ALL_DOCUMENTS, (raw) => {
        const checked = parseAndValidate(raw);
        if (!checked) return;
        // The compiler promises to compile any parsed document (the canvas shows a draft's machine), into plain JSON
        // xstate accepts: what the server stores and reloads is the same machine.
        const machine = compileJourney(checked.doc);
        for (const node of checked.doc.nodes) expect(Object.hasOwn(machine.states, node.id), `state ${node.id}`).toBe(true);
        expect(JSON.parse(JSON.stringify(machine))).toEqual(machine);
        journeyMachine(machine);
      }),
      { numRuns: 700 },
    );
  });

  it('survive the store: a parsed document parses again from its JSON to the same document and violations', () => {
    fc.assert(
      fc.property(ALL_DOCUMENTS, (raw) => {
        const checked = parseAndValidate(raw);
        if (!checked) return;
        const again = parseJourney(JSON.parse(JSON.stringify(checked.doc)));
        expect(again.ok).toBe(true);
        if (!again.ok) return;
        expect(JSON.stringify(again.value)).toBe(JSON.stringify(checked.doc));
        expect(validateJourney(again.value)).toEqual(checked.violations);
      }),
      { numRuns: 300 },
    );
  });

  it('keep a draft with problems from getting stuck: a simulated run ends or waits on a timer', () => {
    fc.assert(
      fc.property(plausibleJourney({ forwardOnly: false, sparse: true }), user, script, (raw, u, steps) => {
        const checked = parseAndValidate(raw);
        if (!checked) return;
        const result = simulateJourney(checked.doc, { user: u, script: steps, maxSteps: 100 });
        if (result.status === 'active') expect(result.pending.length, `stuck at ${result.state}`).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('run a valid journey without cycles exactly as drawn, to an end, for any user and events', () => {
    let valid = 0;
    fc.assert(
      fc.property(plausibleJourney({ forwardOnly: true }), user, script, (raw, u, steps) => {
        const checked = parseAndValidate(raw);
        if (!checked || checked.violations.length > 0) return;
        valid++;
        const result = simulateJourney(checked.doc, { user: u, script: steps, maxSteps: 1_000 });
        expect(runDiscrepancies(checked.doc, u, steps, result)).toEqual([]);
        // Without cycles every step is passed at most once per scripted event or timer: the run must finish.
        expect(result.stoppedBy).toBe('finished');
        expect(result.status).not.toBe('active');
        expect(result.steps.length).toBeLessThanOrEqual(1 + steps.length + checked.doc.nodes.length);
      }),
      { numRuns: 500 },
    );
    // The generator must produce valid journeys often enough for the property to say something.
    expect(valid).toBeGreaterThan(180);
  });

  it('run a valid journey with cycles as drawn, ending or resting at a wait whose timer is set', () => {
    let valid = 0;
    fc.assert(
      fc.property(plausibleJourney({ forwardOnly: false }), user, script, (raw, u, steps) => {
        const checked = parseAndValidate(raw);
        if (!checked || checked.violations.length > 0) return;
        valid++;
        // A loop through a wait may go round for ever on the clock (a "0s" wait, say): the step limit stops it.
        const result = simulateJourney(checked.doc, { user: u, script: steps, maxSteps: 200 });
        expect(runDiscrepancies(checked.doc, u, steps, result)).toEqual([]);
        expect(result.stoppedBy).not.toBe('idle');
      }),
      { numRuns: 400 },
    );
    expect(valid).toBeGreaterThan(50);
  });
});

/** The shrunk counterexamples the properties above found, kept as plain examples. */
describe('journey documents: counterexamples found by the properties', () => {
  const ada = { id: 'ada', traits: {}, tags: [] };
  const DAY = 86_400_000;

  it('refuses "__proto__" as a node id, which xstate took for the prototype of its states (the run was lost there)', () => {
    const raw = {
      name: 'proto',
      nodes: [
        { id: 'A', type: 'trigger', data: { tagAdded: 'vip' } },
        { id: '_', type: 'wait', data: { for: '0s' } },
        { id: '__proto__', type: 'exit' },
      ],
      edges: [
        { id: 'e0', source: 'A', target: '_' },
        { id: 'e1', source: '_', target: '__proto__' },
      ],
    };
    const parsed = parseJourney(raw);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems.map((p) => `${p.field}: ${p.message}`)).toEqual([
      'nodes.2.id: expected an id other than "__proto__"',
      'edges.1.target: expected an id other than "__proto__"',
    ]);
  });

  it('waits again when a wait’s timeout leads back to itself, instead of resting there with no timer', () => {
    const doc = parseJourney({
      name: 'nag daily',
      nodes: [
        { id: 't', type: 'trigger', data: { event: 'signed_up' } },
        { id: 'w', type: 'wait', data: { until: { event: 'purchase' }, timeout: '1d' } },
        { id: 'x', type: 'exit' },
      ],
      edges: [
        { id: 'e0', source: 't', target: 'w' },
        { id: 'e1', source: 'w', target: 'x', sourceHandle: 'event' },
        { id: 'e2', source: 'w', target: 'w', sourceHandle: 'timeout' },
      ],
    });
    if (!parsed(doc)) return;
    expect(validateJourney(doc.value)).toEqual([]);
    const waiting = simulateJourney(doc.value, { user: ada, until: 3.5 * DAY });
    expect(waiting).toMatchObject({ status: 'active', state: 'w', path: ['t', 'w', 'w', 'w', 'w'], pending: [{ node: 'w', dueAt: 4 * DAY }] });
    const bought = simulateJourney(doc.value, { user: ada, script: [{ at: 2.5 * DAY, event: { name: 'purchase' } }] });
    expect(bought).toMatchObject({ status: 'exited', state: 'x', endedAt: 2.5 * DAY });
  });

  it('takes event names ending in ".*" literally, not as xstate wildcards', () => {
    const doc = parseJourney({
      name: 'literal names',
      nodes: [
        { id: 't', type: 'trigger', data: { event: 'signed_up' } },
        { id: 'w', type: 'wait', data: { until: { event: 'a.b.*' }, timeout: '90d' } },
        { id: 'got', type: 'exit' },
        { id: 'late', type: 'exit' },
        { id: 'g', type: 'goal', data: { event: 'order.*' } },
      ],
      edges: [
        { id: 'e0', source: 't', target: 'w' },
        { id: 'e1', source: 'w', target: 'got', sourceHandle: 'event' },
        { id: 'e2', source: 'w', target: 'late', sourceHandle: 'timeout' },
      ],
    });
    if (!parsed(doc)) return;
    const others = ['a.b.c', 'a.b', 'order', 'order.placed'].map((name, i) => ({ at: i * DAY, event: { name } }));
    expect(simulateJourney(doc.value, { user: ada, script: others })).toMatchObject({ status: 'exited', state: 'late', endedAt: 90 * DAY });
    expect(simulateJourney(doc.value, { user: ada, script: [{ at: DAY, event: { name: 'a.b.*' } }] })).toMatchObject({ state: 'got' });
    expect(simulateJourney(doc.value, { user: ada, script: [{ at: DAY, event: { name: 'order.*' } }] })).toMatchObject({ status: 'converted', state: 'g' });
  });

  it('still runs machines compiled before guards named their event', () => {
    const doc = parseJourney({
      name: 'old machine',
      nodes: [
        { id: 't', type: 'trigger', data: { event: 'signed_up' } },
        { id: 'w', type: 'wait', data: { until: { event: 'purchase' }, timeout: '1d' } },
        { id: 'x', type: 'exit' },
        { id: 'g', type: 'goal', data: { event: 'purchase' } },
      ],
      edges: [
        { id: 'e0', source: 't', target: 'w' },
        { id: 'e1', source: 'w', target: 'g', sourceHandle: 'event' },
        { id: 'e2', source: 'w', target: 'x', sourceHandle: 'timeout' },
      ],
    });
    if (!parsed(doc)) return;
    const old = JSON.parse(JSON.stringify(compileJourney(doc.value)).replaceAll('"event":"purchase",', ''));
    expect(JSON.stringify(old)).not.toContain('"event":"purchase"');
    const machine = journeyMachine(old);
    const input = { machine, journey: { id: 'j', name: 'old' }, now: 0 };
    const start = startRun(input, ada, { name: 'signed_up', properties: {} });
    expect(advanceRun(input, start.run, ada, { type: 'track:purchase', name: 'purchase', properties: {} }).status).toBe('converted');
  });
});

function parsed<T>(result: { ok: true; value: T } | { ok: false; problems: unknown }): result is { ok: true; value: T } {
  expect(result.ok, JSON.stringify(result)).toBe(true);
  return result.ok;
}
