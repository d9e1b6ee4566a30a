import { compileJourney, journeyDocumentSchema, journeyMachine, startRun, validateJourney, type JourneyDocumentInput } from '@waymark/shared';
import { report } from './lib/benchResult.ts';
import { median, percentile } from './lib/percentile.ts';

/**
 * Figure 6: the cost of publishing a large journey: validate, compile, and build the xstate machine the
 * runtime loads. Pure CPU, no server. The journey is a 1,000-node graph that mixes every kind: a spine of
 * waits, tags, branches and offers, whose side exits end in exits and goals or jump forward to rejoin it.
 */
const NODES = 1_000;
const RUNS = 20;
const WARMUP = 5;
const TARGET_MS = 50;

type Node = JourneyDocumentInput['nodes'][number];
type Edge = JourneyDocumentInput['edges'][number];

function largeJourney(size: number): JourneyDocumentInput {
  const nodes: Node[] = [];
  const edges: Edge[] = [];
  const add = (type: Node['type'], data: Record<string, unknown>) => {
    const id = `n${nodes.length}`;
    nodes.push({ id, type, position: { x: nodes.length * 40, y: 0 }, data });
    return id;
  };
  const link = (source: string, target: string, sourceHandle = 'next') => edges.push({ id: `e${edges.length}`, source, target, sourceHandle });
  const terminal = () => (nodes.length % 2 ? add('exit', {}) : add('goal', { event: `goal_${nodes.length % 7}` }));

  // Side exits waiting for a spine node that does not exist yet: handle → connected to the next spine node made.
  const forward: Array<[source: string, handle: string]> = [];
  let last = add('trigger', { event: 'signed_up' });
  let lastHandle = 'next';
  for (let step = 0; nodes.length < size - 2; step++) {
    const kind = step % 6;
    const id =
      kind === 0 ? add('wait', { for: `${1 + (step % 48)}h` })
      : kind === 1 ? add('tag', { add: [`t${step % 13}`] })
      : kind === 2 ? add('branch', { tag: `t${step % 13}` })
      : kind === 3 ? add('offer', { offer: `OFF${step}`, channel: 'webhook', url: `https://hooks.example.com/${step}`, template: 'Hi {{ user.id }}: {{ offer.code }}', cost: 1 })
      : kind === 4 ? add('wait', { until: { event: 'clicked', where: [{ property: 'step', op: 'eq', value: step }] }, timeout: '3d' })
      : add('offer', { offer: `MAIL${step}`, channel: 'email', subject: 'For you', template: 'Hello {{ traits.name | default: "there" }}' });
    link(last, id, lastHandle);
    for (const [source, handle] of forward.splice(0)) link(source, id, handle);
    [last, lastHandle] = [id, kind === 2 ? 'yes' : kind === 4 ? 'event' : 'next'];
    // Branches and event waits have a second exit: end there, or rejoin the spine further on.
    if (kind === 2) link(id, terminal(), 'no');
    if (kind === 4) forward.push([id, 'timeout']);
  }
  const end = terminal();
  link(last, end, lastHandle);
  for (const [source, handle] of forward.splice(0)) link(source, end, handle);
  return { name: `Generated ${size}-node journey`, nodes, edges };
}

const doc = journeyDocumentSchema.parse(largeJourney(NODES));
const violations = validateJourney(doc);
if (violations.length > 0) throw new Error(`generated journey is invalid: ${JSON.stringify(violations.slice(0, 3))}`);

const samples: Record<'parse' | 'validate' | 'compile' | 'machine' | 'total', number[]> = { parse: [], validate: [], compile: [], machine: [], total: [] };
let machine: ReturnType<typeof journeyMachine> | undefined;
for (let i = 0; i < WARMUP + RUNS; i++) {
  const t0 = performance.now();
  journeyDocumentSchema.parse(doc);
  const t1 = performance.now();
  validateJourney(doc);
  const t2 = performance.now();
  const config = compileJourney(doc);
  const t3 = performance.now();
  machine = journeyMachine(config);
  const t4 = performance.now();
  if (i < WARMUP) continue;
  samples.parse.push(t1 - t0);
  samples.validate.push(t2 - t1);
  samples.compile.push(t3 - t2);
  samples.machine.push(t4 - t3);
  samples.total.push(t4 - t1);
}
// The machine built is a working one: a new user enters and comes to rest in the first wait.
const entered = startRun({ machine: machine as NonNullable<typeof machine>, journey: { id: 'j', name: doc.name }, now: 0 }, { id: 'u', traits: {}, tags: [] }, { name: 'signed_up', properties: {} });
if (entered.run.value !== 'n1') throw new Error(`the generated machine did not stop in the first wait: ${entered.run.value}`);

const m = (k: keyof typeof samples) => median(samples[k]);
const kinds = ['trigger', 'wait', 'tag', 'branch', 'offer', 'exit', 'goal'].map((t) => `${doc.nodes.filter((n) => n.type === t).length} ${t}`);
report({
  figure: '6. Compile a 1,000-node journey',
  result:
    `${m('total').toFixed(1)} ms median (validate ${m('validate').toFixed(1)} + compile ${m('compile').toFixed(1)} + machine ${m('machine').toFixed(1)}); ` +
    `slowest run ${Math.max(...samples.total).toFixed(1)} ms`,
  target: `≤ ${TARGET_MS} ms`,
  met: m('total') <= TARGET_MS,
  notes:
    `${doc.nodes.length} nodes (${kinds.join(', ')}), ${doc.edges.length} edges, every handle connected; ` +
    `validateJourney + compileJourney + journeyMachine, median of ${RUNS} runs after ${WARMUP} warm-up runs; ` +
    `parsing the document (not included) adds ${m('parse').toFixed(1)} ms.`,
  raw: { median: m('total'), p90: percentile(samples.total, 90), validate: m('validate'), compile: m('compile'), machine: m('machine'), parse: m('parse') },
});
