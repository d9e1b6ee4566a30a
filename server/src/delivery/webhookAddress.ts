import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Server-side request forgery guard for webhook targets. A journey's offer URL is written by a marketer, so
 * without a guard it could point the runtime at the cloud metadata service (169.254.169.254), the database,
 * or anything else on the private network. Only public unicast addresses are allowed unless
 * `ALLOW_PRIVATE_WEBHOOKS=true` (tests and local setups, where the target is on this machine).
 *
 * The check runs twice: on the URL at publish time (a literal private address or `localhost`), and on every
 * address the host name resolves to at connect time, through the socket's own `lookup`, so a name that
 * resolves (or re-resolves, DNS rebinding) to a private address is refused at the moment it would be used.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'unicast';
}

function isLoopbackAddress(address: string): boolean {
  return ipaddr.isValid(address) && ipaddr.parse(address).range() === 'loopback';
}

const LOCAL_NAMES = /^(localhost|.*\.localhost|.*\.local|.*\.internal)$/i;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether `target` is this server's own demo inbox (`http://localhost:<its port>/sink/…`), where the seeded demo
 * journeys post: the one loopback target allowed without ALLOW_PRIVATE_WEBHOOKS. Nothing else on the machine is,
 * not even another path or port of this server.
 */
export function isOwnInbox(target: URL, ownPort: number | undefined): boolean {
  return ownPort !== undefined && target.protocol === 'http:' && LOOPBACK_HOSTS.has(target.hostname) && Number(target.port || 80) === ownPort && target.pathname.startsWith('/sink/');
}

/**
 * Why this URL may not receive webhooks, in words; undefined when it may. Names are checked again when resolved.
 * `ownPort`: the port this server listens on, whose demo inbox is allowed (`isOwnInbox`).
 */
export function webhookUrlProblem(url: string, allowPrivate: boolean, ownPort?: number): string | undefined {
  const target = URL.canParse(url) ? new URL(url) : undefined;
  if (!target || (target.protocol !== 'http:' && target.protocol !== 'https:')) return 'expected an http:// or https:// URL';
  if (target.username || target.password) return 'expected a URL without credentials; sign requests with WEBHOOK_SECRET instead';
  if (allowPrivate || isOwnInbox(target, ownPort)) return undefined;
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) ? !isPublicAddress(host) : LOCAL_NAMES.test(host))
    return `"${target.hostname}" is a private or loopback address; webhooks go to public addresses only (set ALLOW_PRIVATE_WEBHOOKS=true for local targets)`;
  return undefined;
}

/** The error a refused address fails the connection with; the channel reports it as not retryable. */
export class PrivateAddressError extends Error {
  readonly code = 'EPRIVATEADDRESS';
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request that refuses private addresses (for names; literal addresses are checked by the URL).
 * `ownInboxAllowed`: whether this server's demo inbox may be reached, so `localhost` may resolve to loopback (the
 * URL was checked first: only the inbox's own port and path pass `isOwnInbox`).
 */
export function guardedLookup(allowPrivate: boolean, ownInboxAllowed: () => boolean = () => false) {
  return (hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const usable = allowPrivate ? addresses : addresses.filter((a) => isPublicAddress(a.address) || (LOOPBACK_HOSTS.has(hostname) && ownInboxAllowed() && isLoopbackAddress(a.address)));
      if (usable.length === 0) return callback(new PrivateAddressError(`${hostname} resolves only to private or loopback addresses`), []);
      if (options.all) return callback(null, usable);
      const first = usable[0]!;
      callback(null, first.address, first.family);
    });
  };
}
