import { Agent, createServer, request } from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RawHttpClient, rawSink } from './rawHttp.ts';

/** The benches' load client must read what real servers send, or every figure it measures is wrong. */
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function listen(server: Server): Promise<URL> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/track`);
}

describe('RawHttpClient', () => {
  it('posts over a few keep-alive connections and reads answers framed by length, chunks or neither', async () => {
    let connections = 0;
    const bodies: string[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        bodies.push(`${req.method} ${req.url} ${req.headers.authorization} ${body}`);
        const n = bodies.length % 3;
        if (n === 0) res.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true}'); // chunked: no length
        else if (n === 1) res.writeHead(200, { 'content-length': '2' }).end('ok');
        else res.writeHead(204).end();
      });
    });
    server.on('connection', () => connections++);
    const client = new RawHttpClient(await listen(server), 'Basic a2V5Og==', 4);
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => client.post(JSON.stringify({ i, text: 'é' }))));
    client.close();
    expect(answers.every(Boolean)).toBe(true);
    expect(bodies).toHaveLength(60);
    expect(bodies).toContain('POST /v1/track Basic a2V5Og== {"i":59,"text":"é"}');
    expect(connections).toBe(4);
  });

  it('reports 4xx and 5xx answers and lost connections as failures, and reconnects after them', async () => {
    let calls = 0;
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        calls++;
        if (calls === 1) res.writeHead(400, { 'content-length': '0' }).end();
        else if (calls === 2) res.writeHead(503, { 'content-length': '0' }).end();
        else if (calls === 3) req.socket.destroy();
        else res.writeHead(200, { 'content-length': '0' }).end();
      });
    });
    const client = new RawHttpClient(await listen(server), 'x', 1);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await client.post('{}'));
    client.close();
    expect(answers).toEqual([false, false, false, true]);
  });

  it('answers false, without waiting for ever, when nothing listens', async () => {
    const url = await listen(createServer());
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const client = new RawHttpClient(url, 'x', 2);
    expect(await client.post('{}')).toBe(false);
    expect(await client.post('{}')).toBe(false);
    client.close();
  });
});

describe('rawSink', () => {
  it('hands over each body and answers 204 on a kept-alive connection', async () => {
    const received: string[] = [];
    const sink = rawSink((body) => received.push(body.toString()));
    const url = await listen(sink);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const post = (body: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end(body);
      });
    expect(await post('{"userId":"a"}')).toBe(204);
    expect(await post('{"userId":"b"}')).toBe(204);
    agent.destroy();
    expect(received).toEqual(['{"userId":"a"}', '{"userId":"b"}']);
  });
});
