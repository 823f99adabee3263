import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { factdeskSans, factdeskSerif } from "./fonts";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Factdesk", template: "%s · Factdesk" },
  description: "The fact-check workspace for newsroom desks.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: its scripts carry the nonce proxy.ts put in this request's
  // Content-Security-Policy, which a page built ahead of time could not know.
  await connection();
  return (
    <html lang="en" className={`${factdeskSans.variable} ${factdeskSerif.variable}`}>
      <body className="min-h-screen font-sans text-[15px] leading-normal antialiased">{children}</body>
    </html>
  );
}
