import type { JourneyDocument, JourneyEdge, JourneyNode } from '@waymark/shared';

/**
 * A valid journey of about `size` nodes for performance checks (tests, and loading by hand in the browser): a
 * trigger, then blocks of wait → branch on a tag → an offer on "yes" and a tag on "no" → a tag both rejoin,
 * then a goal. Laid out left to right on a 20 px grid.
 */
export function largeJourney(size = 300): JourneyDocument {
  const nodes: JourneyNode[] = [{ id: 't1', type: 'trigger', position: { x: 0, y: 200 }, data: { event: 'signed_up' } }];
  const edges: JourneyEdge[] = [];
  let edgeN = 0;
  const link = (source: string, target: string, sourceHandle = 'next') => edges.push({ id: `e${++edgeN}`, source, target, sourceHandle });

  let previous = 't1';
  let column = 1;
  for (let block = 1; nodes.length + 5 <= size - 1; block++) {
    const x = (k: number) => (column + k) * 300;
    const w = `w${block}`, b = `b${block}`, o = `o${block}`, g = `tg${block}`;
    nodes.push(
      { id: w, type: 'wait', position: { x: x(0), y: 200 }, data: { for: `${block}h` } },
      { id: b, type: 'branch', position: { x: x(1), y: 200 }, data: { tag: `segment-${block}` } },
      { id: o, type: 'offer', position: { x: x(2), y: 60 }, data: { offer: `CODE${block}`, channel: 'webhook', url: 'http://localhost:3000/sink/webhook', template: 'Hi {{ userId }}', cost: 1 } },
      { id: g, type: 'tag', position: { x: x(2), y: 340 }, data: { add: [`seen-${block}`] } },
    );
    link(previous, w);
    link(w, b);
    link(b, o, 'yes');
    link(b, g, 'no');
    previous = `m${block}`;
    nodes.push({ id: previous, type: 'tag', position: { x: x(3), y: 200 }, data: { add: [`passed-${block}`] } });
    link(o, previous);
    link(g, previous);
    column += 4;
  }
  // Whatever the blocks leave over becomes a short run of tags before the goal, so the size is exact.
  for (let n = 1; nodes.length < size - 1; n++, column++) {
    const id = `r${n}`;
    nodes.push({ id, type: 'tag', position: { x: column * 300, y: 200 }, data: { add: [`rest-${n}`] } });
    link(previous, id);
    previous = id;
  }
  nodes.push({ id: 'goal', type: 'goal', position: { x: column * 300, y: 200 }, data: { event: 'purchased' } });
  link(previous, 'goal');
  return { schemaVersion: 1, name: `Large journey (${size} steps)`, settings: { reentry: 'never' }, nodes, edges };
}
