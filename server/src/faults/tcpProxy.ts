import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export interface TcpProxy {
  /** The port clients connect to: it stays the same across `cut`, `restore` and `retarget`. */
  readonly port: number;
  /** Sends new connections to another upstream port (a restarted server listening elsewhere). */
  retarget(upstreamPort: number): void;
  /**
   * The network to the upstream goes away: new connections are refused at once, bytes on open ones stop
   * flowing for `freezeMs` (so requests are caught mid-flight), then every open connection is reset.
   */
  cut(freezeMs?: number): Promise<void>;
  /** Accepts and forwards connections again, on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A TCP forwarder on 127.0.0.1 standing between a client and a server (Waymark and PostgreSQL, or a load
 * generator and Waymark), so a test can cut the network between them without touching either. Either side of
 * a forwarded connection failing ends both: the other side sees a reset connection. Test support only.
 */
export async function startTcpProxy(upstreamPort: number, upstreamHost = '127.0.0.1'): Promise<TcpProxy> {
  let upstream = upstreamPort;
  let frozen = false;
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };

  const server = createServer((client) => {
    const far = connect(upstream, upstreamHost);
    track(client);
    track(far);
    client.setNoDelay(true);
    far.setNoDelay(true);
    // Forwarded by hand rather than piped, so a frozen link drops bytes the way a dead network does.
    client.on('data', (chunk) => void (frozen || far.destroyed || far.write(chunk)));
    far.on('data', (chunk) => void (frozen || client.destroyed || client.write(chunk)));
    const end = () => {
      if (!client.destroyed) client.resetAndDestroy();
      if (!far.destroyed) far.resetAndDestroy();
    };
    // Every error, not only the first: a reset socket can report one for reading and one for writing.
    client.on('error', end).once('close', end);
    far.on('error', end).once('close', end);
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.removeListener('error', reject);
        resolve();
      });
    });
  const stopListening = () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  const resetAll = () => {
    for (const socket of sockets) if (!socket.destroyed) socket.resetAndDestroy();
  };

  await listen(0);
  const { port } = server.address() as AddressInfo;

  return {
    port,
    retarget(upstreamPort) {
      upstream = upstreamPort;
    },
    async cut(freezeMs = 0) {
      const stopped = stopListening();
      frozen = true;
      if (freezeMs > 0) await new Promise((r) => setTimeout(r, freezeMs));
      resetAll();
      await stopped;
    },
    async restore() {
      frozen = false;
      await listen(port);
    },
    async close() {
      const stopped = stopListening();
      resetAll();
      await stopped;
    },
  };
}
