import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * End-to-end tests drive Debian's Chromium (Playwright's own browser download cannot work on these machines).
 * Finds it, or installs it with apt-get when running as root; otherwise says exactly what to do.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
  if (process.getuid?.() !== 0) {
    process.stderr.write(`Chromium not found at ${CHROMIUM}. Install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH.\n`);
    process.exit(1);
  }
  process.stdout.write('Installing Debian chromium for the end-to-end tests…\n');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}
process.stdout.write(`${execFileSync(CHROMIUM, ['--version']).toString().trim()}\n`);
