// @ts-check

// A page's Content-Security-Policy (with a per-request nonce for scripts) and HSTS are set by
// the page guard (lib/http/page-guard.mjs: scripts/serve.mjs in production, proxy.ts under
// next dev), which sees each request; these headers are the same for every answer. The API's
// answers (JSON, files, streams) get a fixed policy under which nothing runs.
const permissionsPolicy = ["accelerometer=()", "autoplay=()", "browsing-topics=()", "camera=()", "display-capture=()", "geolocation=()", "gyroscope=()", "magnetometer=()", "microphone=()", "midi=()", "payment=()", "usb=()"].join(", ");

// A workspace backup is uploaded through a server action: FACTDESK_BACKUP_UPLOAD_MB (default 20)
// plus room for the form's envelope, never below the 3 MB article imports need.
const backupUploadMb = Number(process.env.FACTDESK_BACKUP_UPLOAD_MB) > 0 ? Number(process.env.FACTDESK_BACKUP_UPLOAD_MB) : 20;
const bodySizeLimit = `${Math.max(3, Math.ceil(backupUploadMb) + 1)}mb`;

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Article text may be up to 1 MB; leave room so the import form can say so itself.
  // The proxy (proxy.ts, under next dev) buffers request bodies too; it gets the same limit.
  experimental: { serverActions: { bodySizeLimit }, proxyClientMaxBodySize: bodySizeLimit },
  // Native and WASM-backed packages stay as Node requires instead of being bundled.
  serverExternalPackages: ["@node-rs/argon2", "@prisma/client", "@prisma/adapter-pg", "pg", "pdfkit"],
  async headers() {
    return [
      { source: "/api/v1/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" }] },
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: permissionsPolicy },
        ],
      },
    ];
  },
};

export default nextConfig;
