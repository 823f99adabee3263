import type { Metadata } from "next";
import type { ReactNode } from "react";
import { factdeskSans, factdeskSerif } from "./fonts";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Factdesk", template: "%s · Factdesk" },
  description: "The fact-check workspace for newsroom desks.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className={`${factdeskSans.variable} ${factdeskSerif.variable}`}>
      <body className="min-h-screen font-sans text-[15px] leading-normal antialiased">{children}</body>
    </html>
  );
}
