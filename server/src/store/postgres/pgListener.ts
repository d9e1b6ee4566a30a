import pg from 'pg';

/** How long to wait before connecting again after the LISTEN connection was lost, or failed to connect. */
const RETRY_MS = 1_000;

export interface PgListener {
  stop(): Promise<void>;
}

/**
 * A dedicated connection LISTENing on `channel`, kept alive for as long as the process runs: when the database
 * restarts or the network drops it, it connects again (every second until it succeeds, however long the
 * outage), and then calls `onNotify` once, since whatever was announced meanwhile was lost. Notifications
 * whose payload is `ownPayload` (this process's own announcements) are ignored.
 * The first connection is made before this resolves, so a database that cannot be reached fails the start.
 */
export async function listenForChanges(url: string, channel: string, ownPayload: string, onNotify: () => void): Promise<PgListener> {
  let stopped = false;
  let current: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (first: boolean): Promise<void> => {
    // keepAlive: a connection whose peer vanished without a reset is noticed, not listened on for ever.
    const client = new pg.Client({ connectionString: url, keepAlive: true });
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      if (current === client) current = undefined;
      void client.end().catch(() => {});
      if (!stopped) retry = setTimeout(() => void connect(false), RETRY_MS).unref();
    };
    client.on('notification', (n) => {
      if (n.payload !== ownPayload) onNotify();
    });
    client.on('error', onLost);
    client.on('end', onLost);
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
    } catch (error) {
      if (first) {
        lost = true;
        await client.end().catch(() => {});
        throw error;
      }
      onLost();
      return;
    }
    if (stopped || lost) {
      lost = true;
      await client.end().catch(() => {});
      return;
    }
    current = client;
    if (!first) onNotify();
  };

  await connect(true);
  return {
    async stop() {
      stopped = true;
      clearTimeout(retry);
      const client = current;
      current = undefined;
      await client?.end().catch(() => {});
    },
  };
}
