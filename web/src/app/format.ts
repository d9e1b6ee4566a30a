/** Number and time formatting, in one place so every screen reads the same. */

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const money = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', maximumFractionDigits: 2 });

export function formatCount(n: number): string {
  return Math.abs(n) >= 10_000 ? compact.format(n) : integer.format(n);
}

/** 0.4567 → "45.7%"; a rate of nothing entered reads as a dash rather than a misleading 0%. */
export function formatRate(rate: number, whole?: number): string {
  if (whole === 0) return '—';
  const pct = rate * 100;
  return `${pct === 0 || pct >= 10 ? pct.toFixed(0) : pct.toFixed(1)}%`;
}

export function formatMoney(amount: number): string {
  return money.format(amount);
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Infinity],
];

/** "3 minutes ago", "yesterday". */
export function formatAgo(at: number, now = Date.now()): string {
  let value = (at - now) / 1000;
  if (Math.abs(value) < 45) return 'just now';
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return relative.format(Math.round(value), unit);
    value /= size;
  }
  return relative.format(Math.round(value), 'year');
}

const dateTime = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit' });

export function formatDateTime(at: number): string {
  return dateTime.format(at);
}

const clock = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit', second: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

/** "5:32:07 AM" today, "Nov 3, 5:32 AM" before: events often arrive in bursts, so "2 minutes ago" ×10 says little. */
export function formatClock(at: number, now = Date.now()): string {
  return new Date(at).toDateString() === new Date(now).toDateString() ? clock.format(at) : dayAndTime.format(at);
}
