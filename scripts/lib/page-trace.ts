// The browser's main-thread work while a page loads, from a Chromium performance trace (the
// DevTools "timeline" categories, read over CDP): comparable from run to run on a shared machine
// where whole Lighthouse scores swing. Drives the Chromium named by CHROME_PATH (default
// /usr/bin/chromium) through Playwright.
import { existsSync, writeFileSync } from "node:fs";
import { chromium } from "@playwright/test";

export type PageTrace = {
  /** Script evaluation, compilation, function calls, microtasks, timers and events (top level). */
  scriptingMs: number;
  /** Every main-thread task, from navigation until the page has settled. */
  mainThreadMs: number;
  longestTaskMs: number;
  /** As Lighthouse's total blocking time: each task's time beyond 50 ms, from the first contentful paint on. */
  blockingMs: number;
  /** The longest task from the first contentful paint on (the first layout and paint come before). */
  longestAfterPaintMs: number;
  /** Compressed script the page fetched. */
  scriptBytes: number;
  scripts: number;
};

export type TraceEvent = { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; cat?: string; args?: { name?: string; data?: { frame?: string; url?: string } } };

// The DevTools categories' "scripting" events (nested ones are counted once, at the top).
const SCRIPTING = new Set(["EvaluateScript", "v8.compile", "v8.compileModule", "v8.evaluateModule", "FunctionCall", "RunMicrotasks", "v8.run", "TimerFire", "EventDispatch", "FireAnimationFrame", "FireIdleCallback", "V8.Execute", "v8.produceCache", "CompileScript", "CompileCode"]);

const chromePath = () => process.env.CHROME_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

/**
 * Loads `url` once in a fresh browser (cold cache, as Lighthouse does) with the given cookie,
 * traces it until `settleMs` after the load event, and sums the renderer's main-thread work.
 * `cpuSlowdown` is Chromium's CPU throttling (Lighthouse's mobile run uses 4); `saveTo` writes
 * the trace there, with the JavaScript profiler's samples (it opens in the DevTools Performance
 * panel).
 */
export async function tracePageLoad(url: string, cookie: string | null, options: { settleMs?: number; cpuSlowdown?: number; saveTo?: string } = {}): Promise<PageTrace> {
  const browser = await chromium.launch({ executablePath: chromePath(), args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const context = await browser.newContext({ viewport: { width: 1350, height: 940 } });
    if (cookie) {
      const origin = new URL(url);
      await context.addCookies(cookie.split("; ").map((pair) => {
        const at = pair.indexOf("=");
        return { name: pair.slice(0, at), value: pair.slice(at + 1), domain: origin.hostname, path: "/" };
      }));
    }
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    let scriptBytes = 0;
    let scripts = 0;
    const scriptRequests = new Set<string>();
    await cdp.send("Network.enable");
    cdp.on("Network.responseReceived", (event) => {
      if (event.type === "Script") scriptRequests.add(event.requestId);
    });
    cdp.on("Network.loadingFinished", (event) => {
      if (!scriptRequests.has(event.requestId)) return;
      scripts += 1;
      scriptBytes += event.encodedDataLength;
    });
    if (options.cpuSlowdown && options.cpuSlowdown > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: options.cpuSlowdown });
    const events: TraceEvent[] = [];
    cdp.on("Tracing.dataCollected", (event) => void events.push(...(event.value as unknown as TraceEvent[])));
    const done = new Promise<void>((resolve) => cdp.once("Tracing.tracingComplete", () => resolve()));
    await cdp.send("Tracing.start", {
      traceConfig: { includedCategories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "v8", "toplevel", "blink.user_timing", "loading", "__metadata", ...(options.saveTo ? ["disabled-by-default-v8.cpu_profiler"] : [])] },
      transferMode: "ReportEvents",
    });
    await page.goto(url, { waitUntil: "load" });
    await page.waitForTimeout(options.settleMs ?? 3000);
    await cdp.send("Tracing.end");
    await done;
    if (options.saveTo) writeFileSync(options.saveTo, JSON.stringify({ traceEvents: events }));

    return { ...summarizeTrace(events), scriptBytes, scripts };
  } finally {
    await browser.close();
  }
}

/** The renderer main thread's work in a trace's events (a saved trace's `traceEvents`). */
export function summarizeTrace(events: TraceEvent[]): Omit<PageTrace, "scriptBytes" | "scripts"> {
  // The page's renderer main thread: of the renderers' main threads, the one with the most work.
  const mains = events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain");
  const busiest = mains
    .map((m) => ({ pid: m.pid, tid: m.tid, work: events.filter((e) => e.pid === m.pid && e.tid === m.tid && e.ph === "X" && e.name === "RunTask").reduce((sum, e) => sum + (e.dur ?? 0), 0) }))
    .sort((a, b) => b.work - a.work)[0];
  if (!busiest) throw new Error("no renderer main thread in the trace");
  const onMain = events.filter((e) => e.pid === busiest.pid && e.tid === busiest.tid && e.ph === "X" && e.dur !== undefined).sort((a, b) => a.ts - b.ts);
  const tasks = onMain.filter((e) => e.name === "RunTask");
  let scripting = 0;
  let until = -1;
  for (const e of onMain) {
    if (!SCRIPTING.has(e.name) || e.ts < until) continue;
    scripting += e.dur ?? 0;
    until = e.ts + (e.dur ?? 0);
  }
  const durations = tasks.map((t) => (t.dur ?? 0) / 1000);
  const paint = events.filter((e) => e.name === "firstContentfulPaint" && e.pid === busiest.pid).sort((a, b) => a.ts - b.ts)[0]?.ts ?? 0;
  const afterPaint = tasks.filter((t) => t.ts + (t.dur ?? 0) > paint).map((t) => (t.ts + (t.dur ?? 0) - Math.max(t.ts, paint)) / 1000);
  return {
    scriptingMs: scripting / 1000,
    mainThreadMs: durations.reduce((a, b) => a + b, 0),
    longestTaskMs: Math.max(0, ...durations),
    blockingMs: afterPaint.reduce((sum, d) => sum + Math.max(0, d - 50), 0),
    longestAfterPaintMs: Math.max(0, ...afterPaint),
  };
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : ((sorted[mid - 1]! + sorted[mid]!) / 2);
};
