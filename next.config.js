// @ts-check

// Next inlines its bootstrap scripts, hence 'unsafe-inline' for scripts; nothing else may load
// from anywhere but this origin.
const contentSecurityPolicy = [
  "default-src 'self'",
  // The development server evaluates modules at run time; production never does.
  process.env.NODE_ENV === "development" ? "script-src 'self' 'unsafe-inline' 'unsafe-eval'" : "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join("; ");

// A workspace backup is uploaded through a server action: FACTDESK_BACKUP_UPLOAD_MB (default 20)
// plus room for the form's envelope, never below the 3 MB article imports need.
const backupUploadMb = Number(process.env.FACTDESK_BACKUP_UPLOAD_MB) > 0 ? Number(process.env.FACTDESK_BACKUP_UPLOAD_MB) : 20;
const bodySizeLimit = `${Math.max(3, Math.ceil(backupUploadMb) + 1)}mb`;

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Article text may be up to 1 MB; leave room so the import form can say so itself.
  // The proxy (proxy.ts) buffers request bodies too; it gets the same limit.
  experimental: { serverActions: { bodySizeLimit }, proxyClientMaxBodySize: bodySizeLimit },
  // Native and WASM-backed packages stay as Node requires instead of being bundled.
  serverExternalPackages: ["@node-rs/argon2", "@prisma/client", "@prisma/adapter-pg", "pg", "pdfkit"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Content-Security-Policy", value: contentSecurityPolicy },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
