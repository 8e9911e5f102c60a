/**
 * True when `candidate` is strictly newer than `current`. Resource versions
 * are opaque, but etcd-backed servers use increasing integers; when either
 * is not an integer nothing is assumed (treated as newer).
 */
export function isNewerResourceVersion(candidate: string | undefined, current: string | undefined): boolean {
  if (!candidate || !current || !/^\d+$/.test(candidate) || !/^\d+$/.test(current)) return true;
  return BigInt(candidate) > BigInt(current);
}
