import "server-only";
import { z } from "zod";

// The one reader of process.env. Parsed on first use, not at import, so `next build` works
// without a database; a missing DATABASE_URL fails the first request with a clear message.
const envSchema = z.object({
  DATABASE_URL: z.string().min(1, "DATABASE_URL is not set. Start Factdesk with `npm start`, which provides one."),
  NEXTAUTH_SECRET: z.string().min(16, "NEXTAUTH_SECRET must be at least 16 characters."),
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
});

export type Env = z.infer<typeof envSchema>;
let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= envSchema.parse({
    DATABASE_URL: process.env.DATABASE_URL,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET,
    NODE_ENV: process.env.NODE_ENV,
  });
  return cached;
}
