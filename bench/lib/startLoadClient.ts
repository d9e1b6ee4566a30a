import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Arrivals, BodySpec, ClosedResult, LoadCommand, OpenResult } from './loadProtocol.ts';

export interface LoadClient {
  /** Where the sink listens: an offer URL answering 204. */
  sinkUrl: string;
  closed(c: { target: string; auth: string; concurrency: number; requests: number; body: BodySpec; timeoutMs: number }): Promise<ClosedResult>;
  open(c: { target: string; auth: string; ratePerSec: number; durationMs: number; body: BodySpec }): Promise<OpenResult>;
  /** Waits (bounded) until `expect` distinct users' offers have arrived at the sink. */
  arrivals(expect: number, timeoutMs: number, list?: boolean): Promise<Arrivals>;
  close(): void;
}

/** Forks `loadClient.ts` (load generator + webhook sink) as its own process and starts its sink. */
export async function startLoadClient(): Promise<LoadClient> {
  const child = fork(fileURLToPath(new URL('./loadClient.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (value: never) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  child.on('message', (m: { id: number; result?: unknown; error?: string }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error !== undefined) p?.reject(new Error(`load client: ${m.error}`));
    else p?.resolve(m.result as never);
  });
  child.on('exit', (code) => {
    for (const p of pending.values()) p.reject(new Error(`load client exited with code ${code}`));
  });
  const send = <T>(command: LoadCommand): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, command });
    });

  const { url } = await send<{ url: string }>({ type: 'sink' });
  return {
    sinkUrl: url,
    closed: (c) => send({ type: 'closed', ...c }),
    open: (c) => send({ type: 'open', ...c }),
    arrivals: (expect, timeoutMs, list = false) => send({ type: 'arrivals', expect, timeoutMs, list }),
    close: () => child.kill(),
  };
}
