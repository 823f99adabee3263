import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { getDatabaseUrl } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type { Prisma } from "@/lib/generated/prisma/client";

// One client per process: Next's dev server re-evaluates modules, so keep it on globalThis.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

// The production server runs one instance per core and gives each its share of the connections.
function poolMax(): number {
  const n = Number(process.env.FACTDESK_DB_POOL_MAX);
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : 10;
}

function createClient(): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: getDatabaseUrl(), max: poolMax(), connectionTimeoutMillis: 5_000 }) });
}

export function getDb(): PrismaClient {
  globalForPrisma.prisma ??= createClient();
  return globalForPrisma.prisma;
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
