import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@/": `${root}/`,
      // Server modules are marked `server-only`; under Vitest they run in Node, which is the server.
      "server-only": `${root}/lib/testing/server-only-stub.ts`,
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["scripts/**/*.test.ts", "lib/domain/**/*.test.ts", "lib/auth/**/*.test.ts", "lib/validation/**/*.test.ts", "lib/realtime/**/*.test.ts", "lib/api/**/*.test.ts", "lib/reports/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["lib/db/**/*.test.ts", "tests/integration/**/*.test.ts"],
          environment: "node",
          // One database for the run; tests isolate themselves by workspace, not by process.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
