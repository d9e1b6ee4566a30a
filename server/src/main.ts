import { loadConfig, DEV_DEFAULTS } from './config.ts';
import { startWaymark } from './createWaymark.ts';
import { missingNodeFlags } from './nodeFlags.ts';

/** Process entry: start Waymark, print how to reach it, and shut down cleanly on SIGINT/SIGTERM. */
async function main() {
  const config = loadConfig();
  const waymark = await startWaymark(config);
  const missing = missingNodeFlags();
  if (missing.length > 0)
    waymark.log.warn({ missing }, "node was started without Waymark's V8 flags (npm start passes them): bursts after a quiet spell start slower");
  // Secrets are shown only while they are the printed development defaults; a real one never reaches the log.
  const show = (name: 'ADMIN_TOKEN' | 'WRITE_KEY', value: string) => (config.defaulted.includes(name) ? value : `(set by ${name})`);
  const lines = [
    '',
    `  Waymark is running at ${waymark.url}`,
    `  Canvas sign-in token (ADMIN_TOKEN): ${show('ADMIN_TOKEN', config.adminToken)}`,
    `  Ingestion write key (WRITE_KEY):     ${show('WRITE_KEY', config.writeKey)}`,
    `  Database: ${config.database.kind === 'sqlite' ? config.database.file : 'postgres'}`,
    `  Email: ${config.smtpUrl ? 'SMTP_URL' : waymark.smtpUrl ? `dev mailbox at ${waymark.smtpUrl} (see GET /api/sink)` : 'not configured'}`,
    ...(waymark.seeded.length ? [`  Seeded demo journeys: ${waymark.seeded.join(', ')}`] : []),
    ...(config.defaulted.length
      ? [`  Development defaults in use for ${config.defaulted.join(', ')} (${Object.keys(DEV_DEFAULTS).join(', ')} can be set); not for production.`]
      : []),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    waymark.log.info({ signal }, 'shutting down');
    await waymark.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // The server never crashes on a stray rejection: log it and keep serving.
  process.on('unhandledRejection', (reason) => waymark.log.error({ err: reason }, 'unhandled rejection'));
}

main().catch((error: Error) => {
  process.stderr.write(`Waymark failed to start: ${error.message}\n`);
  process.exit(1);
});
