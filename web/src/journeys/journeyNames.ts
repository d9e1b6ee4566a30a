/** The longest name a journey document accepts. */
export const MAX_NAME_LENGTH = 200;

/**
 * "Copy of Win back", or "Copy of Win back (2)", (3), … so the copy never shares a name with a journey in the
 * list; a long original is shortened so the copy still fits the name limit.
 */
export function copyName(name: string, existing: readonly string[]): string {
  const taken = new Set(existing);
  const fit = (suffix: string) => {
    const room = MAX_NAME_LENGTH - 'Copy of '.length - suffix.length;
    const base = name.length > room ? `${name.slice(0, room - 1).trimEnd()}…` : name;
    return `Copy of ${base}${suffix}`;
  };
  if (!taken.has(fit(''))) return fit('');
  let n = 2;
  while (taken.has(fit(` (${n})`))) n++;
  return fit(` (${n})`);
}

/** Why a typed journey name cannot be saved, or undefined when it can. */
export function nameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'Enter a name.';
  if (name.trim().length > MAX_NAME_LENGTH) return `Keep the name to ${MAX_NAME_LENGTH} characters.`;
  return undefined;
}
