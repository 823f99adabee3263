import { describe, expect, it } from "vitest";
import { createApiTokenSchema, expiryDate, tokenStatus } from "./api-token";

const now = new Date("2026-03-01T12:00:00Z");

describe("createApiTokenSchema", () => {
  it("takes a trimmed name, a scope and an expiry", () => {
    expect(createApiTokenSchema.parse({ name: "  Newsroom CMS ", scope: "READ", expiry: "90" })).toEqual({ name: "Newsroom CMS", scope: "READ", expiry: "90" });
  });

  it("refuses an empty or oversized name, an unknown scope and an unknown expiry, field by field", () => {
    const result = createApiTokenSchema.safeParse({ name: " ", scope: "ADMIN", expiry: "7" });
    expect(result.success).toBe(false);
    const fields = result.error?.issues.map((i) => i.path[0]);
    expect(fields).toEqual(["name", "scope", "expiry"]);
    expect(createApiTokenSchema.safeParse({ name: "x".repeat(81), scope: "READ", expiry: "never" }).success).toBe(false);
  });
});

describe("expiryDate", () => {
  it("adds whole days, or never", () => {
    expect(expiryDate("30", now)?.toISOString()).toBe("2026-03-31T12:00:00.000Z");
    expect(expiryDate("365", now)?.toISOString()).toBe("2027-03-01T12:00:00.000Z");
    expect(expiryDate("never", now)).toBeNull();
  });
});

describe("tokenStatus", () => {
  it("is revoked, then expired, else active", () => {
    const past = new Date(now.getTime() - 1);
    expect(tokenStatus({ revokedAt: past, expiresAt: past }, now)).toBe("revoked");
    expect(tokenStatus({ revokedAt: null, expiresAt: now }, now)).toBe("expired");
    expect(tokenStatus({ revokedAt: null, expiresAt: null }, now)).toBe("active");
  });
});
