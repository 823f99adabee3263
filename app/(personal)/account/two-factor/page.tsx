import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import QRCode from "qrcode";
import { ConfirmTwoFactorForm, TwoFactorProofForm } from "@/components/account/two-factor-forms";
import { formatDate } from "@/components/format";
import { ActionForm } from "@/components/ui/action-form";
import { getSessionUser } from "@/lib/auth/guards";
import { formatSecretForTyping, totpUri } from "@/lib/auth/two-factor";
import { getTwoFactorStatus } from "@/lib/db/two-factor";
import { getMembership } from "@/lib/db/workspaces";
import { beginTwoFactorAction, cancelTwoFactorAction, confirmTwoFactorAction, disableTwoFactorAction, regenerateRecoveryCodesAction } from "./actions";

export const metadata: Metadata = { title: "Two-factor sign-in" };

/** The QR code, drawn here on the server as SVG and sent as a data: image (no request leaves the page). */
async function qrImage(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#111111", light: "#ffffff" } });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

/**
 * A person's two-factor sign-in: set it up with an authenticator app (QR code or the key typed
 * by hand, confirmed with a first code, then recovery codes shown once), make new recovery codes,
 * or turn it off. A workspace that requires it sends its members here (`?workspace=slug`).
 */
export default async function TwoFactorPage({ searchParams }: { searchParams: Promise<{ workspace?: string; done?: string }> }) {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  const { workspace: slug, done } = await searchParams;
  const required = typeof slug === "string" && slug ? await getMembership(slug, user.id) : null;
  const requiredBy = required?.workspace.requireTwoFactor ? required.workspace : null;
  const status = await getTwoFactorStatus(user.id);
  const qr = status.state === "pending" ? await qrImage(totpUri(status.secret, user.email)) : null;
  const back = requiredBy ? `/w/${requiredBy.slug}` : "/account/two-factor";

  return (
    <main className="mx-auto max-w-3xl px-4 py-8 sm:px-6">
      <p className="text-sm text-muted">
        <Link href="/account" className="underline-offset-2 hover:underline">Your account</Link> · {user.email}
      </p>
      <h1 className="mt-2 font-serif text-3xl font-semibold tracking-tight">Two-factor sign-in</h1>
      <p className="mt-2 max-w-2xl text-muted">
        With two-factor sign-in, signing in takes your password and a code from an authenticator app on your phone (such as 1Password, Google Authenticator, Microsoft Authenticator or
        Aegis). Someone who learns your password still cannot get in.
      </p>

      {done === "off" && status.state === "off" ? (
        <p className="mt-6 rounded-md border border-rule bg-white px-4 py-3 text-sm" role="status">
          Two-factor sign-in is off. Your password alone signs you in now.
        </p>
      ) : null}
      {requiredBy && status.state !== "on" ? (
        <div className="mt-6 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950" role="status">
          <p className="font-medium">{requiredBy.name} requires two-factor sign-in.</p>
          <p className="mt-1">Set it up below to keep working there. It takes a minute.</p>
        </div>
      ) : null}
      {requiredBy && status.state === "on" ? (
        <p className="mt-6 text-sm">
          <Link href={`/w/${requiredBy.slug}`} className="text-accent underline underline-offset-2">Continue to {requiredBy.name}</Link>
        </p>
      ) : null}

      <div className="mt-8 space-y-8">
        {status.state === "off" ? (
          <section aria-labelledby="setup-heading" className="rounded-lg border border-rule bg-white p-5">
            <h2 id="setup-heading" className="text-base font-semibold">Set up two-factor sign-in</h2>
            <p className="mt-1 text-sm text-muted">You need an authenticator app on your phone. You will scan a QR code, enter the code the app then shows, and save ten recovery codes.</p>
            <div className="mt-4">
              <ActionForm action={beginTwoFactorAction} submitLabel="Set up two-factor sign-in" pendingLabel="Starting…" />
            </div>
          </section>
        ) : null}

        {status.state === "pending" ? (
          <section aria-labelledby="setup-heading" className="rounded-lg border border-rule bg-white p-5">
            <h2 id="setup-heading" className="text-base font-semibold">Set up two-factor sign-in</h2>
            <ConfirmTwoFactorForm
              action={confirmTwoFactorAction}
              doneHref={back}
              doneLabel={requiredBy ? `I have saved them: continue to ${requiredBy.name}` : "I have saved them"}
              scan={
                <>
                  <h3 className="text-sm font-semibold">1. Scan this QR code with your authenticator app</h3>
                  <div className="mt-3 flex flex-wrap items-start gap-6">
                    {/* eslint-disable-next-line @next/next/no-img-element -- a data: image made on the server */}
                    <img src={qr ?? ""} alt={`QR code to add Factdesk (${user.email}) to an authenticator app`} width={176} height={176} className="rounded-md border border-rule" />
                    <div className="min-w-0 max-w-md text-sm">
                      <p className="font-medium">Cannot scan it?</p>
                      <p className="mt-1 text-muted">Choose to enter a setup key in your app, and type this key. It is time-based, 6 digits, every 30 seconds.</p>
                      <p className="mt-3 text-xs font-medium uppercase tracking-wide text-muted" id="setup-key-label">Setup key</p>
                      <p className="mt-1 select-all break-all rounded-md bg-paper px-3 py-2 font-mono text-base tracking-wide" aria-labelledby="setup-key-label" data-testid="totp-secret">
                        {formatSecretForTyping(status.secret)}
                      </p>
                      <p className="mt-1 text-xs text-muted">Account: {user.email}</p>
                    </div>
                  </div>
                </>
              }
              cancel={
                <div className="mt-6 border-t border-rule pt-4">
                  <ActionForm action={cancelTwoFactorAction} submitLabel="Cancel set-up" pendingLabel="Cancelling…" variant="secondary" />
                </div>
              }
            />
          </section>
        ) : null}

        {status.state === "on" ? (
          <>
            <section aria-labelledby="status-heading" className="rounded-lg border border-emerald-200 bg-emerald-50 p-5">
              <h2 id="status-heading" className="text-base font-semibold text-emerald-950">Two-factor sign-in is on</h2>
              <p className="mt-1 text-sm text-emerald-950">
                Since {formatDate(status.enabledAt)}. You have {status.recoveryCodesLeft} unused recovery {status.recoveryCodesLeft === 1 ? "code" : "codes"}
                {status.recoveryCodesLeft <= 3 ? ": make new ones soon." : "."}
              </p>
            </section>

            <section aria-labelledby="recovery-heading" className="rounded-lg border border-rule bg-white p-5">
              <h2 id="recovery-heading" className="text-base font-semibold">New recovery codes</h2>
              <p className="mt-1 text-sm text-muted">Makes ten new codes and stops the old ones working. Confirm with your password or a current code.</p>
              <div className="mt-4">
                <TwoFactorProofForm action={regenerateRecoveryCodesAction} submitLabel="Make new recovery codes" pendingLabel="Making…" variant="secondary" showsCodes idPrefix="regenerate" />
              </div>
            </section>

            <section aria-labelledby="disable-heading" className="rounded-lg border border-rule bg-white p-5">
              <h2 id="disable-heading" className="text-base font-semibold">Turn off two-factor sign-in</h2>
              <p className="mt-1 text-sm text-muted">
                Your password alone will sign you in again. Workspaces that require two-factor sign-in will ask you to set it up again before you can work there.
              </p>
              <div className="mt-4">
                <TwoFactorProofForm
                  action={disableTwoFactorAction}
                  submitLabel="Turn off two-factor sign-in"
                  pendingLabel="Turning off…"
                  variant="danger"
                  confirm="Turn off two-factor sign-in? Your password alone will sign you in."
                  idPrefix="disable"
                />
              </div>
            </section>
          </>
        ) : null}
      </div>
    </main>
  );
}
