import localFont from "next/font/local";

// The app's two faces, self-hosted from their npm packages. next/font preloads the Latin files
// and declares a fallback face sized to their metrics, so text drawn before they arrive takes
// the same room and nothing moves when they swap in. Other scripts (Latin Extended, Cyrillic,
// Greek, Vietnamese) come from the packages' own stylesheets, by unicode-range, when a page
// needs them.
// next/font names each face after its constant: keep the names clear of CSS's generic families
// (a face called "serif" is taken for the generic serif). The rest of each stack is in
// globals.css: next/font writes fallback names unquoted, and "Source Serif 4 Variable" unquoted
// is not a valid family name, which voids the whole font-family.
export const factdeskSans = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  weight: "100 900",
  style: "normal",
  display: "swap",
  variable: "--font-inter",
  adjustFontFallback: "Arial",
});

export const factdeskSerif = localFont({
  src: [
    { path: "../node_modules/@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-normal.woff2", weight: "200 900", style: "normal" },
    { path: "../node_modules/@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-italic.woff2", weight: "200 900", style: "italic" },
  ],
  display: "swap",
  variable: "--font-source-serif",
  adjustFontFallback: "Times New Roman",
});
