// Lighthouse on one page, in a headless Chromium (CHROME_PATH, else /usr/bin/chromium when it
// exists, else chrome-launcher's own search), with the scores and the few figures the desk's
// goals name.
import { existsSync } from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

export type LighthouseSummary = {
  performance: number;
  accessibility: number;
  bestPractices: number;
  lcp: number;
  tbt: number;
  cls: number;
  scriptBytes: number;
  consoleErrors: string[];
  /** Audits of the three categories that did not pass, by id. */
  failing: string[];
  /** The page as Lighthouse last saw it, a data: URL (JPEG). */
  screenshot: string | null;
};

const chromePath = () => process.env.CHROME_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export async function runLighthouse(url: string, formFactor: "desktop" | "mobile", cookie: string | null): Promise<LighthouseSummary> {
  const chrome = await chromeLauncher.launch({ chromePath: chromePath(), chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"] });
  try {
    const result = await lighthouse(
      url,
      { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility", "best-practices"], ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}) },
      formFactor === "desktop" ? desktopConfig : undefined,
    );
    if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
    const { categories, audits } = result.lhr;
    const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
    const numeric = (id: string) => audits[id]?.numericValue ?? NaN;
    type Item = { resourceType?: string; transferSize?: number; description?: string; source?: string };
    const items = (id: string) => ((audits[id]?.details as { items?: Item[] } | undefined)?.items ?? []);
    return {
      performance: score("performance"),
      accessibility: score("accessibility"),
      bestPractices: score("best-practices"),
      lcp: numeric("largest-contentful-paint"),
      tbt: numeric("total-blocking-time"),
      cls: numeric("cumulative-layout-shift"),
      scriptBytes: items("resource-summary").find((i) => i.resourceType === "script")?.transferSize ?? 0,
      consoleErrors: items("errors-in-console").map((i) => `${i.source ?? ""}: ${i.description ?? ""}`.slice(0, 160)),
      screenshot: (audits["final-screenshot"]?.details as { data?: string } | undefined)?.data ?? null,
      failing: [...new Set(Object.values(categories).flatMap((c) => c.auditRefs.filter((r) => r.weight > 0 && (audits[r.id]?.score ?? 1) < 0.9).map((r) => r.id)))].map((id) =>
        // Which issues Chromium reported, e.g. a cookie or a form field.
        id === "inspector-issues" ? `${id} (${items(id).map((i) => (i as { issueType?: string }).issueType).join(", ")})` : id,
      ),
    };
  } finally {
    chrome.kill();
  }
}
