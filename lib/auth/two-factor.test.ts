import { Secret } from "otpauth";
import { describe, expect, it } from "vitest";
import {
  formatSecretForTyping,
  generateRecoveryCodes,
  generateTotpSecret,
  hashRecoveryCode,
  isReplayedTotp,
  matchTotp,
  normaliseRecoveryCode,
  normaliseTotpInput,
  totpCode,
  totpCodeForStep,
  totpStep,
  totpUri,
  type TotpAlgorithm,
} from "./two-factor";

// RFC 6238, Appendix B: the test keys are ASCII digits, 20, 32 and 64 bytes long for SHA-1,
// SHA-256 and SHA-512; the expected codes have eight digits.
const KEYS: Record<TotpAlgorithm, Secret> = {
  SHA1: Secret.fromUTF8("12345678901234567890"),
  SHA256: Secret.fromUTF8("12345678901234567890123456789012"),
  SHA512: Secret.fromUTF8("1234567890123456789012345678901234567890123456789012345678901234"),
};
const VECTORS: Array<[number, TotpAlgorithm, string]> = [
  [59, "SHA1", "94287082"],
  [59, "SHA256", "46119246"],
  [59, "SHA512", "90693936"],
  [1111111109, "SHA1", "07081804"],
  [1111111109, "SHA256", "68084774"],
  [1111111109, "SHA512", "25091201"],
  [1111111111, "SHA1", "14050471"],
  [1111111111, "SHA256", "67062674"],
  [1111111111, "SHA512", "99943326"],
  [1234567890, "SHA1", "89005924"],
  [1234567890, "SHA256", "91819424"],
  [1234567890, "SHA512", "93441116"],
  [2000000000, "SHA1", "69279037"],
  [2000000000, "SHA256", "90698825"],
  [2000000000, "SHA512", "38618901"],
  [20000000000, "SHA1", "65353130"],
  [20000000000, "SHA256", "77737706"],
  [20000000000, "SHA512", "47863826"],
];

describe("RFC 6238 test vectors", () => {
  it.each(VECTORS)("at %i s with %s: %s", (seconds, algorithm, expected) => {
    expect(totpCode(KEYS[algorithm], seconds * 1000, { algorithm, digits: 8 })).toBe(expected);
  });

  it("the step is the number of whole 30-second periods since 1970", () => {
    expect(totpStep(59_000)).toBe(1);
    expect(totpStep(1111111109_000)).toBe(0x23523ec);
    expect(totpStep(new Date(20000000000_000))).toBe(0x27bc86aa);
  });

  it("six-digit codes are the last six digits of the eight-digit ones (same truncation)", () => {
    expect(totpCode(KEYS.SHA1, 59_000)).toBe("287082");
    expect(totpCode(KEYS.SHA1, 1111111109_000)).toBe("081804");
  });
});

describe("matching a typed code", () => {
  const secret = generateTotpSecret();
  const now = Date.UTC(2026, 10, 29, 5, 0, 10);
  const step = totpStep(now);

  it("accepts the current step and one step either side, and says which", () => {
    expect(matchTotp(secret, totpCodeForStep(secret, step), now)).toBe(step);
    expect(matchTotp(secret, totpCodeForStep(secret, step - 1), now)).toBe(step - 1);
    expect(matchTotp(secret, totpCodeForStep(secret, step + 1), now)).toBe(step + 1);
  });

  it("refuses two steps away, a wrong code, and things that are not codes", () => {
    expect(matchTotp(secret, totpCodeForStep(secret, step - 2), now)).toBeNull();
    expect(matchTotp(secret, totpCodeForStep(secret, step + 2), now)).toBeNull();
    const right = totpCodeForStep(secret, step);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    expect(matchTotp(secret, wrong, now)).toBeNull();
    for (const junk of ["", "12345", "1234567", "abcdef", "12 34 5x"]) expect(matchTotp(secret, junk, now)).toBeNull();
  });

  it("accepts spaces as apps show them", () => {
    const code = totpCodeForStep(secret, step);
    expect(matchTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBe(step);
    expect(normaliseTotpInput(" 123 456 ")).toBe("123456");
  });

  it("a code whose step was already used is refused, and recognised as a replay", () => {
    const code = totpCodeForStep(secret, step);
    expect(matchTotp(secret, code, now, step)).toBeNull();
    expect(isReplayedTotp(secret, code, now, step)).toBe(true);
    // An older code after a newer one was used is refused too.
    expect(matchTotp(secret, totpCodeForStep(secret, step - 1), now, step)).toBeNull();
    // The next step's code still works.
    expect(matchTotp(secret, totpCodeForStep(secret, step + 1), now, step)).toBe(step + 1);
    // A wrong code is wrong, not replayed.
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    if (![step - 1, step, step + 1].some((s) => totpCodeForStep(secret, s) === wrong)) expect(isReplayedTotp(secret, wrong, now, step)).toBe(false);
  });
});

describe("secrets and the QR address", () => {
  it("secrets are 160 random bits in base32", () => {
    const a = generateTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(generateTotpSecret()).not.toBe(a);
    expect(formatSecretForTyping("ABCDEFGHIJKL")).toBe("ABCD EFGH IJKL");
  });

  it("the otpauth address names the issuer and the account", () => {
    const uri = totpUri("JBSWY3DPEHPK3PXP", "ana@example.org");
    expect(uri).toMatch(/^otpauth:\/\/totp\/Factdesk:ana%40example\.org\?/);
    const params = new URL(uri).searchParams;
    expect(params.get("secret")).toBe("JBSWY3DPEHPK3PXP");
    expect(params.get("issuer")).toBe("Factdesk");
    expect(params.get("digits")).toBe("6");
    expect(params.get("period")).toBe("30");
  });
});

describe("recovery codes", () => {
  it("ten distinct codes in the form xxxxx-xxxxx, without look-alike characters", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
  });

  it("typing ignores case, spaces and dashes; the hash is of the canonical form", () => {
    const [code] = generateRecoveryCodes(1);
    if (!code) throw new Error("no code");
    expect(normaliseRecoveryCode(` ${code.toUpperCase().replace("-", " ")} `)).toBe(code.replace("-", ""));
    expect(hashRecoveryCode(code)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode(code.replace("-", ""))).toBe(hashRecoveryCode(code));
    expect(hashRecoveryCode("not-a-code")).toBeNull();
    expect(hashRecoveryCode("123456")).toBeNull();
  });
});
