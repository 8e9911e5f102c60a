const quantityPattern = /^([+-]?[0-9.]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/;
const multipliers: Record<string, number> = {
  '': 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** Two scalars are equal, or equal as Kubernetes quantities (`1000m` == `1`, `1024Mi` == `1Gi`) as the server normalises them. */
function sameScalar(desired: unknown, live: unknown): boolean {
  if (desired === live) return true;
  if (typeof desired === 'number' || typeof live === 'number') return String(desired) === String(live);
  if (typeof desired !== 'string' || typeof live !== 'string') return false;
  const a = quantityPattern.exec(desired);
  const b = quantityPattern.exec(live);
  if (!a || !b) return false;
  return Math.abs(Number(a[1]) * multipliers[a[2] ?? '']! - Number(b[1]) * multipliers[b[2] ?? '']!) < 1e-9;
}

function isZeroValue(value: unknown): boolean {
  if (value === 0 || value === false || value === '' || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && value !== null && Object.values(value).every((child) => child === undefined || isZeroValue(child));
}

/**
 * True when every field of `desired` is present in `live` with the same
 * value (server defaults may add fields; they do not count). Lists must
 * match item by item. Used to skip applying objects that already are as
 * floe wants them, so a no-op deploy writes nothing.
 */
export function isDesiredSubset(desired: unknown, live: unknown): boolean {
  // The API server omits zero values (`omitempty`): 0, false, "", [] and {} match an absent field.
  if (live === undefined && isZeroValue(desired)) return true;
  if (Array.isArray(desired)) {
    return Array.isArray(live) && desired.length === live.length && desired.every((item, index) => isDesiredSubset(item, live[index]));
  }
  if (desired && typeof desired === 'object') {
    if (!live || typeof live !== 'object' || Array.isArray(live)) return false;
    return Object.entries(desired).every(([key, value]) => value === undefined || isDesiredSubset(value, (live as Record<string, unknown>)[key]));
  }
  return sameScalar(desired, live);
}
