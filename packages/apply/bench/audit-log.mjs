// Counts API requests per tool from the kube-apiserver audit log (JSON lines,
// level Metadata, stages ResponseStarted/ResponseComplete: one or two events
// per request, so requests are counted by unique auditID).
import { open, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

const writeVerbs = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);

/** Who sent a request: floe's client sends `floe`, kubectl `kubectl/v1.35.4 (...)`. */
export const userAgents = {
  floe: (agent) => agent === 'floe',
  kubectl: (agent) => agent.startsWith('kubectl/'),
};

/** The audit log's current size: the start of a measurement window. */
export async function auditOffset(path) {
  return (await stat(path)).size;
}

/**
 * Requests in the audit log between `from` (an earlier auditOffset) and now
 * whose user agent `matches`. The API server writes an event when the
 * request has finished (blocking mode), so a short pause first lets the
 * last ones land. Lines cut at either edge of the window belong to other
 * clients (the measured tool was not running then) and are skipped.
 */
export async function countRequests(path, from, matches, { settleMs = 300 } = {}) {
  await sleep(settleMs);
  const to = (await stat(path)).size;
  const handle = await open(path, 'r');
  let text;
  try {
    const buffer = Buffer.alloc(to - from);
    await handle.read(buffer, 0, buffer.length, from);
    text = buffer.toString('utf8');
  } finally {
    await handle.close();
  }
  const requests = new Map();
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    let event;
    try {
      event = JSON.parse(line);
    } catch {
      continue;
    }
    if (!matches(event.userAgent ?? '')) continue;
    requests.set(event.auditID, event);
  }
  const byVerb = {};
  let writes = 0;
  let dryRunWrites = 0;
  for (const event of requests.values()) {
    byVerb[event.verb] = (byVerb[event.verb] ?? 0) + 1;
    if (writeVerbs.has(event.verb)) {
      writes++;
      if (/[?&]dryRun=All/.test(event.requestURI)) dryRunWrites++;
    }
  }
  return { total: requests.size, writes, dryRunWrites, byVerb, auditBytes: [from, to] };
}
