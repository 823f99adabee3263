import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, RETRY_DELAYS_MS, checkWebhookUrl, isPublicAddress, nextRetryDelayMs, signatureHeader, verifySignature, type UrlRules } from "./webhooks";

const SECRET = "whsec_test-secret";
const BODY = JSON.stringify({ id: "evt_1", type: "claim.published", data: { quote: "“Cárdenas” — said" } });
const T = 1_800_000_000;

describe("signatures", () => {
  it("is t=<unix>,v1=<hex HMAC-SHA256 of '<t>.<body>'>", () => {
    const expected = createHmac("sha256", SECRET).update(`${T}.${BODY}`).digest("hex");
    expect(signatureHeader(SECRET, BODY, T)).toBe(`t=${T},v1=${expected}`);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it("verifies the body it signed, inside the tolerance", () => {
    const header = signatureHeader(SECRET, BODY, T);
    expect(verifySignature(SECRET, BODY, header, T)).toBe(true);
    expect(verifySignature(SECRET, BODY, header, T + 299)).toBe(true);
  });

  it("refuses another body, another secret, an old or future timestamp, and junk", () => {
    const header = signatureHeader(SECRET, BODY, T);
    expect(verifySignature(SECRET, `${BODY} `, header, T)).toBe(false);
    expect(verifySignature("whsec_other", BODY, header, T)).toBe(false);
    expect(verifySignature(SECRET, BODY, header, T + 301)).toBe(false);
    expect(verifySignature(SECRET, BODY, header, T - 301)).toBe(false);
    expect(verifySignature(SECRET, BODY, header.replace(`t=${T}`, `t=${T + 1}`), T)).toBe(false);
    for (const junk of [null, "", "v1=abc", `t=${T}`, `t=abc,v1=00`, `t=${T},v1=${"0".repeat(64)}`]) expect(verifySignature(SECRET, BODY, junk, T)).toBe(false);
  });

  it("accepts any of several v1 values (a receiver during a rotation)", () => {
    const good = signatureHeader(SECRET, BODY, T).split(",")[1];
    expect(verifySignature(SECRET, BODY, `t=${T},v1=${"ab".repeat(32)},${good}`, T)).toBe(true);
  });
});

describe("retries", () => {
  it("waits 1 min, 5 min, 30 min, 2 h, 6 h, then gives up", () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5].map((n) => nextRetryDelayMs(n, mid))).toEqual([...RETRY_DELAYS_MS]);
    expect(nextRetryDelayMs(MAX_ATTEMPTS, mid)).toBeNull();
    expect(nextRetryDelayMs(0, mid)).toBeNull();
  });

  it("jitters by up to ±20 %", () => {
    expect(nextRetryDelayMs(1, () => 0)).toBe(48_000);
    expect(nextRetryDelayMs(1, () => 0.999999)).toBeCloseTo(72_000, -1);
  });
});

describe("webhook URLs", () => {
  const rules: UrlRules = { allowPrivate: false, allowHttp: false, selfOrigins: ["https://desk.example.org", "factdesk.internal:3000"] };
  const refused = (url: string, r: UrlRules = rules) => {
    const result = checkWebhookUrl(url, r);
    return result.ok ? null : result.message;
  };

  it("takes a public https URL, dropping any fragment", () => {
    const result = checkWebhookUrl(" https://hooks.example.com/factdesk?x=1#frag ", rules);
    expect(result.ok && result.url.toString()).toBe("https://hooks.example.com/factdesk?x=1");
    expect(checkWebhookUrl("https://93.184.215.14/hook", rules).ok).toBe(true);
    expect(checkWebhookUrl("https://[2606:4700::1111]/hook", rules).ok).toBe(true);
  });

  it.each([
    ["http", "http://hooks.example.com/x", /https/],
    ["ftp", "ftp://hooks.example.com/x", /https/],
    ["javascript:", "javascript:alert(1)", /https/],
    ["credentials", "https://user:pass@hooks.example.com/x", /credentials/],
    ["a user name alone", "https://user@hooks.example.com/x", /credentials/],
    ["localhost", "https://localhost/x", /public address/],
    ["a .localhost name", "https://app.localhost/x", /public address/],
    ["a single-label name", "https://intranet/x", /public address/],
    ["127.0.0.1", "https://127.0.0.1/x", /public address/],
    ["127.1 (short form)", "https://127.1/x", /public address/],
    ["0x7f000001 (hex form)", "https://0x7f000001/x", /public address/],
    ["10.x", "https://10.1.2.3/x", /public address/],
    ["192.168.x", "https://192.168.0.10/x", /public address/],
    ["172.16.x", "https://172.16.5.4/x", /public address/],
    ["169.254.x (cloud metadata)", "https://169.254.169.254/latest/meta-data", /public address/],
    ["0.0.0.0", "https://0.0.0.0/x", /public address/],
    ["::1", "https://[::1]/x", /public address/],
    ["fe80:: (link-local)", "https://[fe80::1]/x", /public address/],
    ["fc00:: (unique local)", "https://[fd00::1]/x", /public address/],
    ["::ffff:127.0.0.1 (mapped)", "https://[::ffff:127.0.0.1]/x", /public address/],
    ["the app's own origin", "https://desk.example.org/api/v1/articles", /Factdesk itself/],
    ["the app's own origin, upper case", "https://DESK.example.org:443/x", /Factdesk itself/],
    ["the request's host", "https://factdesk.internal:3000/x", /Factdesk itself/],
    ["malformed", "https://", /not a valid URL/],
    ["not a URL", "hooks dot example", /not a valid URL/],
    ["empty", "   ", /Enter the URL/],
    ["too long", `https://hooks.example.com/${"a".repeat(2100)}`, /under 2000/],
  ])("refuses %s", (_name, url, message) => {
    expect(refused(url)).toMatch(message);
  });

  it("lets private addresses through only when allowed, and http only when allowed", () => {
    const loose = { ...rules, allowPrivate: true };
    expect(checkWebhookUrl("https://10.1.2.3/x", loose).ok).toBe(true);
    expect(checkWebhookUrl("https://localhost:8443/x", loose).ok).toBe(true);
    expect(refused("http://127.0.0.1:9999/x", loose)).toMatch(/https/);
    expect(checkWebhookUrl("http://127.0.0.1:9999/x", { ...loose, allowHttp: true }).ok).toBe(true);
    // The app itself stays refused whatever is allowed.
    expect(refused("https://desk.example.org/x", { ...loose, allowHttp: true })).toMatch(/Factdesk itself/);
  });

  it("a different port on the app's host is another service", () => {
    expect(checkWebhookUrl("https://desk.example.org:8443/x", rules).ok).toBe(true);
  });

  it("classifies addresses", () => {
    expect(isPublicAddress("8.8.8.8")).toBe(true);
    expect(isPublicAddress("100.64.0.1")).toBe(false);
    expect(isPublicAddress("not-an-ip")).toBe(false);
  });
});
