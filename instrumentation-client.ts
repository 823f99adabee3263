import { z } from "zod";

// Runs in the browser before the app's modules. Zod compiles object parsers with `new Function`
// when it can, and probes for that the first time a schema is made; under the Content-Security-
// Policy (no 'unsafe-eval', see proxy.ts) the probe is refused and reported as a violation. The
// browser parses only small forms, so it goes without.
z.config({ jitless: true });
