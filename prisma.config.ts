import { defineConfig } from "prisma/config";

// The Prisma CLI reads this file. `npm start` and `npm test` apply migrations themselves
// (scripts/lib/migrate.ts), so DATABASE_URL is only needed for `prisma migrate` on a machine
// that runs the CLI directly.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/factdesk" },
});
