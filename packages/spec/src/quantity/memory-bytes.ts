const units: Readonly<Record<string, number>> = {
  '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
  m: 1e-3, u: 1e-6, n: 1e-9,
};
const memoryPattern = /^\+?(\d+(?:\.\d*)?|\.\d+)(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?$/;

/**
 * The bytes of a Kubernetes memory quantity (`512Mi`, `2Gi`, `1.5G`, `1e9`),
 * rounded up to a whole byte as the API server does; undefined when the text
 * is not a quantity.
 */
export function memoryBytes(quantity: string): number | undefined {
  const match = memoryPattern.exec(quantity.trim());
  if (!match) return undefined;
  const [, digits, exponent, suffix] = match;
  const value = Number(digits) * (exponent ? 10 ** Number(exponent.slice(1)) : (units[suffix ?? ''] ?? 1));
  return Number.isFinite(value) ? Math.ceil(value) : undefined;
}

/**
 * A memory quantity for `bytes`, in the largest binary unit (Gi, Mi, Ki)
 * that divides it exactly, so `2Gi * 2` reads `4Gi` and odd results stay exact.
 */
export function formatMemory(bytes: number): string {
  for (const [suffix, size] of [['Ei', 2 ** 60], ['Pi', 2 ** 50], ['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${suffix}`;
  }
  return String(bytes);
}
