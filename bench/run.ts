import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './lib/benchResult.ts';
import { SERVER_NODE_FLAGS } from '../server/src/nodeFlags.ts';
import { machineInfo } from './lib/machineInfo.ts';

/**
 * Runs every bench in sequence, each in a fresh Node process (so memory figures start clean and one bench's
 * JIT or garbage cannot colour the next), then prints the table and writes it to `bench/results.md`.
 * `npm run bench -- latency compile` runs only the benches named (and leaves `results.md` alone).
 */
const BENCHES: Array<{ name: string; nodeFlags?: string[]; storeFree?: boolean }> = [
  { name: 'httpFloor', storeFree: true },
  { name: 'ingestTrack' },
  { name: 'ingestBatch' },
  { name: 'latency' },
  { name: 'waitingMemory', nodeFlags: ['--expose-gc'] },
  { name: 'wakeupLateness' },
  { name: 'compile', storeFree: true },
];
/** Every bench runs on each store (`BENCH_STORES=sqlite` for one); the targets are the SQLite ones. */
const STORES = (process.env.BENCH_STORES ?? 'sqlite,postgres').split(',').map((s) => s.trim()).filter(Boolean);
// Each bench stops itself within 3 minutes; this only catches one that hangs.
const KILL_AFTER_MS = 200_000;

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

function runBench(name: string, store: string, nodeFlags: string[] = []): Promise<BenchResult> {
  const failed = (why: string): BenchResult => ({ figure: name, result: `did not finish: ${why}`, target: '', met: false, notes: '' });
  return new Promise((resolve) => {
    // The server runs inside the bench's process, so that process gets the flags `npm start` gives the server.
    const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...nodeFlags, '--import', 'tsx', here(`./${name}.ts`)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, BENCH_STORE: store },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const guard = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      const line = stdout.trim().split('\n').reverse().find((l) => l.startsWith('{'));
      try {
        if (line) return resolve(JSON.parse(line) as BenchResult);
      } catch {
        // fall through: report the exit instead
      }
      resolve(failed(signal ? `killed by ${signal} after ${KILL_AFTER_MS / 1000} s` : `exited with code ${code} and no result`));
    });
  });
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function table(results: Array<BenchResult & { store: string }>, machine: string): string {
  const rows = results.map((r) => {
    const verdict = r.reference ? 'reference' : r.met ? 'met' : '**missed**';
    return `| ${cell(r.figure)} | ${r.store} | ${cell(r.result)} | ${cell(r.target)} (${verdict}) | ${cell(r.notes)} |`;
  });
  return ['| figure | store | result | target | machine notes |', '|---|---|---|---|---|', ...rows, '', `Machine: ${machine}`].join('\n');
}

const wanted = process.argv.slice(2);
const selected = wanted.length ? BENCHES.filter((b) => wanted.includes(b.name)) : BENCHES;
if (selected.length === 0) throw new Error(`no such bench: ${wanted.join(', ')} (have ${BENCHES.map((b) => b.name).join(', ')})`);

/** The commit measured, and whether server/ or shared/ had uncommitted changes: the code moves under the figures. */
function codeVersion(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = git('status', '--porcelain', '--', 'server', 'shared') !== '';
    return `commit ${git('rev-parse', '--short', 'HEAD')}${dirty ? ' with uncommitted changes in server/ or shared/' : ''}`;
  } catch {
    return 'commit unknown';
  }
}

// Measured before the benches, so their own load does not show in it.
const machine = `${machineInfo()}; ${codeVersion()}`;
const results: Array<BenchResult & { store: string }> = [];
for (const store of STORES) {
  for (const bench of selected) {
    if (bench.storeFree && store !== STORES[0]) continue;
    process.stderr.write(`running ${bench.name} on ${store} …\n`);
    const result = await runBench(bench.name, store, bench.nodeFlags);
    process.stderr.write(`  ${result.reference ? 'reference' : result.met ? 'met' : 'MISSED'}: ${result.result}\n`);
    results.push({ ...result, store: bench.storeFree ? '—' : store });
  }
}

const output = table(results, machine);
process.stdout.write(`\n${output}\n`);
// Only a full run replaces the published table; a partial one would drop the other figures from it.
if (wanted.length === 0 && STORES.length > 1) {
  writeFileSync(here('./results.md'), `# Benchmark results\n\nProduced by \`npm run bench\`; each figure runs in a fresh Node process.\n\n${output}\n`);
} else process.stderr.write('partial run: bench/results.md left as it was\n');
