// Zod, in the browser, probes once for `new Function` to compile faster object parsers; under the
// Content-Security-Policy (no 'unsafe-eval', see proxy.ts) the probe is refused and reported as a
// violation. `z.config({ jitless: true })` turns the probe off, but importing zod for that put all
// of zod (29 KB compressed) into every page's first script. Zod keeps its settings in one object
// on `globalThis` (`__zod_globalConfig`, made by whichever loads first), so this sets the flag
// there without importing zod: before zod loads, zod adopts the object; after, it is the same
// object zod reads at every parse. A unit test checks zod still sees it.
type ZodGlobal = { __zod_globalConfig?: { jitless?: boolean } };

export function makeZodJitless(): void {
  const scope = globalThis as ZodGlobal;
  scope.__zod_globalConfig ??= {};
  scope.__zod_globalConfig.jitless = true;
}
