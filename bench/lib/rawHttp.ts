import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A lean HTTP/1.1 client and server for the load client: bytes on keep-alive sockets, messages framed by
 * Content-Length or chunks, as wrk or autocannon do. Node's own `http` cost the load client ~146 µs of CPU per
 * figure-1 event (request out, webhook in) on the 2-core benchmark machine, CPU the server under test then did
 * not get; this costs ~42 µs. It is for the benches only: it pipelines nothing (one request in flight per
 * connection, as a real client) and reads no trailers.
 */

/** Splits a byte stream into HTTP messages: the head (start line and headers, as text) and the body. */
class MessageReader {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly onMessage: (head: string, body: Buffer) => void) {}

  push(chunk: Buffer) {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    for (;;) {
      const end = this.pending.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = this.pending.toString('latin1', 0, end);
      const framed = /\r\ntransfer-encoding:[^\r]*chunked/i.test(head)
        ? dechunk(this.pending, end + 4)
        : byLength(this.pending, end + 4, Number(/\r\ncontent-length:[ \t]*(\d+)/i.exec(head)?.[1] ?? 0));
      if (!framed) return;
      this.pending = this.pending.subarray(framed.next);
      this.onMessage(head, framed.body);
    }
  }
}

/** Reads the HTTP messages arriving on `socket`; bytes that cannot be framed close it. */
function readMessages(socket: Socket, onMessage: (head: string, body: Buffer) => void) {
  socket.setNoDelay(true);
  const reader = new MessageReader(onMessage);
  socket.on('data', (chunk: Buffer) => {
    try {
      reader.push(chunk);
    } catch {
      socket.destroy();
    }
  });
  socket.on('error', () => {});
}

type Framed = { body: Buffer; next: number } | undefined;

function byLength(bytes: Buffer, start: number, length: number): Framed {
  return bytes.length < start + length ? undefined : { body: bytes.subarray(start, start + length), next: start + length };
}

/** A chunked body starting at `start`, once all of it has arrived (trailers are not read: nobody here sends them). */
function dechunk(bytes: Buffer, start: number): Framed {
  const parts: Buffer[] = [];
  let at = start;
  for (;;) {
    const line = bytes.indexOf('\r\n', at);
    if (line < 0) return undefined;
    const size = parseInt(bytes.toString('latin1', at, line), 16);
    if (!Number.isFinite(size)) throw new Error('malformed chunk size');
    if (bytes.length < line + 2 + size + 2) return undefined;
    if (size === 0) return { body: Buffer.concat(parts), next: line + 4 };
    parts.push(bytes.subarray(line + 2, line + 2 + size));
    at = line + 2 + size + 2;
  }
}

/** One keep-alive connection with at most one request in flight. */
class Connection {
  private answer: ((status: number) => void) | undefined;
  private readonly ready: Promise<void>;
  dead = false;

  constructor(private readonly socket: Socket) {
    // Settled by the connection or by its failure (a refused connection never connects).
    this.ready = new Promise((resolve) => {
      socket.once('connect', () => resolve());
      socket.once('close', () => resolve());
    });
    readMessages(socket, (head) => this.settle(Number(head.slice(9, 12))));
    socket.on('close', () => {
      this.dead = true;
      this.settle(0);
    });
  }

  /** Sends one request; resolves with the answer's status, or 0 if the connection failed. */
  async send(request: string): Promise<number> {
    await this.ready;
    if (this.dead) return 0;
    return new Promise((resolve) => {
      this.answer = resolve;
      this.socket.write(request);
    });
  }

  close() {
    this.socket.destroy();
  }

  private settle(status: number) {
    const answer = this.answer;
    this.answer = undefined;
    answer?.(status);
  }
}

/**
 * POSTs JSON bodies to one URL over a pool of keep-alive connections (opened as needed, up to `maxConnections`,
 * and reopened after a failure). Resolves with whether the answer was 2xx; never throws.
 */
export class RawHttpClient {
  private readonly idle: Connection[] = [];
  private readonly queued: Array<(c: Connection) => void> = [];
  private open = 0;
  private readonly prefix: string;

  constructor(private readonly target: URL, auth: string, private readonly maxConnections: number) {
    this.prefix = `POST ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\nAuthorization: ${auth}\r\nContent-Type: application/json\r\n`;
  }

  async post(body: string): Promise<boolean> {
    const connection = await this.acquire();
    const status = await connection.send(`${this.prefix}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    this.release(connection);
    return status >= 200 && status < 300;
  }

  close() {
    for (const c of this.idle.splice(0)) c.close();
  }

  private acquire(): Promise<Connection> {
    const connection = this.idle.pop();
    if (connection) return Promise.resolve(connection);
    if (this.open < this.maxConnections) {
      this.open++;
      return Promise.resolve(new Connection(connect(Number(this.target.port), this.target.hostname)));
    }
    return new Promise((resolve) => this.queued.push(resolve));
  }

  private release(connection: Connection) {
    if (connection.dead) {
      this.open--;
      if (this.queued.length > 0) void this.acquire().then(this.queued.shift()!);
      return;
    }
    const waiter = this.queued.shift();
    if (waiter) waiter(connection);
    else this.idle.push(connection);
  }
}

/** A server that hands each request's body to `onBody` and answers 204 No Content. */
export function rawSink(onBody: (body: Buffer) => void): Server {
  return createServer((socket) =>
    readMessages(socket, (_head, body) => {
      onBody(body);
      socket.write('HTTP/1.1 204 No Content\r\n\r\n');
    }),
  );
}
