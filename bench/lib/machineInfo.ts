import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';

/** One line naming the machine the figures were measured on: CPU model, cores, RAM, Node version, date. */
export function machineInfo(date = new Date()): string {
  let model = cpus()[0]?.model ?? 'unknown CPU';
  try {
    model = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? model;
  } catch {
    // not Linux: os.cpus() already named it
  }
  const ram = `${(totalmem() / 1024 ** 3).toFixed(1)} GB RAM`;
  return `${model}, ${availableParallelism()} cores, ${ram}, Node ${process.version}, ${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
