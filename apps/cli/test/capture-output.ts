import type { Output } from '../src/output.js';

/** An Output that keeps what was written, for assertions. */
export function captureOutput(): Output & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (text) => { out += text.endsWith('\n') ? text : `${text}\n`; },
    err: (text) => { err += text.endsWith('\n') ? text : `${text}\n`; },
    stdout: () => out,
    stderr: () => err,
  };
}
