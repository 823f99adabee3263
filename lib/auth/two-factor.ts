import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { HOTP, Secret, TOTP } from "otpauth";

// PURE: the arithmetic of two-factor sign-in. Time-based one-time passwords (TOTP, RFC 6238) as
// every authenticator app computes them: HMAC-SHA1 over the number of 30-second steps since
// 1970, six digits. The codes themselves come from the `otpauth` library; this module decides
// which steps count (the current one and one either side, for a phone's clock that drifts) and
// says which step a code matched, so the caller can refuse it the next time (replay).
// Recovery codes: ten random codes of 50 bits each, shown once and kept as SHA-256 hashes.

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of the current one. */
export const TOTP_DRIFT_STEPS = 1;
export const TOTP_ISSUER = "Factdesk";
export const RECOVERY_CODE_COUNT = 10;

export type TotpAlgorithm = "SHA1" | "SHA256" | "SHA512";

/** A new shared secret: 160 random bits (RFC 4226's recommended length), in base32 as apps take it. */
export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The 30-second step a moment falls in. */
export function totpStep(at: Date | number): number {
  const ms = typeof at === "number" ? at : at.getTime();
  return Math.floor(ms / 1000 / TOTP_PERIOD_SECONDS);
}

type CodeOptions = { algorithm?: TotpAlgorithm; digits?: number };

/** The code for one step; `secret` is base32 unless given as a Secret (the RFC's test keys are ASCII). */
export function totpCodeForStep(secret: string | Secret, step: number, options: CodeOptions = {}): string {
  return HOTP.generate({
    secret: typeof secret === "string" ? Secret.fromBase32(secret) : secret,
    counter: step,
    algorithm: options.algorithm ?? "SHA1",
    digits: options.digits ?? TOTP_DIGITS,
  });
}

/** The code an authenticator app shows at this moment. */
export function totpCode(secret: string | Secret, at: Date | number = Date.now(), options: CodeOptions = {}): string {
  return totpCodeForStep(secret, totpStep(at), options);
}

/** Six digits, spaces allowed (apps often show "123 456"); anything else is not a code. */
export function normaliseTotpInput(raw: string): string | null {
  const digits = raw.replace(/[\s-]/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The step a code matches, within one step of `at` either way, or null. Later steps are tried
 * only after earlier ones fail, and every candidate is compared in constant time. A step at or
 * before `afterStep` (the last one accepted for this person) never matches: a code works once.
 */
export function matchTotp(secret: string, input: string, at: Date | number, afterStep: number | null = null): number | null {
  const code = normaliseTotpInput(input);
  if (!code) return null;
  const now = totpStep(at);
  let matched: number | null = null;
  for (let step = now - TOTP_DRIFT_STEPS; step <= now + TOTP_DRIFT_STEPS; step += 1) {
    // No early return: the same work whichever step matches.
    if (sameText(totpCodeForStep(secret, step), code) && matched === null) matched = step;
  }
  if (matched === null) return null;
  return afterStep !== null && matched <= afterStep ? null : matched;
}

/** Whether a code matched a step already used (for the message: "that code was already used"). */
export function isReplayedTotp(secret: string, input: string, at: Date | number, afterStep: number | null): boolean {
  return afterStep !== null && matchTotp(secret, input, at, null) !== null && matchTotp(secret, input, at, afterStep) === null;
}

/** The otpauth:// address a QR code carries: issuer, the person's email, and the secret. */
export function totpUri(secret: string, accountName: string): string {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label: accountName,
    secret: Secret.fromBase32(secret),
    algorithm: "SHA1",
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  }).toString();
}

/** The secret in groups of four, easier to type into an app by hand. */
export function formatSecretForTyping(secret: string): string {
  return secret.replace(/(.{4})/g, "$1 ").trim();
}

// Recovery codes: lowercase letters and digits without the look-alikes (0/o, 1/l/i), ten
// characters (about 50 bits) shown as xxxxx-xxxxx.
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const RECOVERY_LENGTH = 10;

export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    const bytes = randomBytes(RECOVERY_LENGTH * 2);
    let raw = "";
    // Rejection sampling keeps every character equally likely.
    for (const byte of bytes) {
      if (byte >= 256 - (256 % RECOVERY_ALPHABET.length)) continue;
      raw += RECOVERY_ALPHABET[byte % RECOVERY_ALPHABET.length];
      if (raw.length === RECOVERY_LENGTH) break;
    }
    if (raw.length === RECOVERY_LENGTH) codes.add(`${raw.slice(0, 5)}-${raw.slice(5)}`);
  }
  return [...codes];
}

/** A typed recovery code in its canonical form (case, spaces and dashes ignored), or null. */
export function normaliseRecoveryCode(raw: string): string | null {
  const compact = raw.toLowerCase().replace(/[\s-]/g, "");
  if (compact.length !== RECOVERY_LENGTH || ![...compact].every((c) => RECOVERY_ALPHABET.includes(c))) return null;
  return compact;
}

/** What is stored: the SHA-256 of the canonical code (the codes are random, so no salt or slow hash is needed). */
export function hashRecoveryCode(raw: string): string | null {
  const code = normaliseRecoveryCode(raw);
  return code ? createHash("sha256").update(code).digest("hex") : null;
}
