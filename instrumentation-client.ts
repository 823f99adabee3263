import { makeZodJitless } from "@/lib/validation/zod-jitless";

// Runs in the browser before the app's modules. Zod compiles object parsers with `new Function`
// when it can, and probes for that the first time a schema is made; under the Content-Security-
// Policy (no 'unsafe-eval', see proxy.ts) the probe is refused and reported as a violation. The
// browser parses only small forms, so it goes without; the flag is set without importing zod,
// so pages that parse nothing in the browser (the article page) do not load it.
makeZodJitless();
