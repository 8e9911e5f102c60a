/**
 * The parse context of every spec parse: without zod's compiled fast path.
 * zod compiles each object schema into a function (`new Function`) on its
 * first parse; that pays off after many parses of one schema, but a spec is
 * parsed a few times per process, where compiling cost more than it saved:
 * loading the example platform in a fresh process took 43 ms with it and
 * 29 ms without (issue 17). Per parse, so the setting does not leak into
 * other code's zod.
 */
export const oneShotParse = { jitless: true } as const;
