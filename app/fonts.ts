import localFont from "next/font/local";

// The app's two faces, self-hosted from their npm packages. next/font preloads the Latin files
// and declares a fallback face sized to their metrics, so text drawn before they arrive takes
// the same room and nothing moves when they swap in. Other scripts (Latin Extended, Cyrillic,
// Greek, Vietnamese) come from the packages' own stylesheets, by unicode-range, when a page
// needs them.
export const sans = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  weight: "100 900",
  style: "normal",
  display: "swap",
  variable: "--font-inter",
  adjustFontFallback: "Arial",
  fallback: ["Inter Variable", "ui-sans-serif", "system-ui", "sans-serif"],
});

export const serif = localFont({
  src: [
    { path: "../node_modules/@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-normal.woff2", weight: "200 900", style: "normal" },
    { path: "../node_modules/@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-italic.woff2", weight: "200 900", style: "italic" },
  ],
  display: "swap",
  variable: "--font-source-serif",
  adjustFontFallback: "Times New Roman",
  fallback: ["Source Serif 4 Variable", "Georgia", "Times New Roman", "serif"],
});
