import type { Metadata } from "next";
import { formatDateTime } from "@/components/format";
import { SettingsPanel, SettingsShell } from "@/components/settings/settings-shell";
import { CreateWebhookForm, RotateSecretForm } from "@/components/settings/webhook-forms";
import { ActionForm } from "@/components/ui/action-form";
import type { WorkspaceActionFn } from "@/lib/actions/workspace-action";
import { requirePageAction } from "@/lib/auth/guards";
import { listWebhooks, type WebhookRow } from "@/lib/db/webhooks";
import { WEBHOOK_EVENTS, WEBHOOK_EVENT_LABELS, type WebhookEvent } from "@/lib/domain/webhooks";
import { eventField } from "@/lib/validation/webhooks";
import { createWebhookAction, deleteWebhookAction, retryDeliveryAction, rotateWebhookSecretAction, sendTestEventAction, setWebhookDisabledAction } from "./actions";

export const metadata: Metadata = { title: "Webhooks" };

type Delivery = WebhookRow["deliveries"][number];

function deliveryState(d: Delivery): { label: string; tone: string } {
  if (d.status === "DELIVERED") return { label: "Delivered", tone: "bg-emerald-50 text-emerald-900 border-emerald-200" };
  if (d.status === "FAILED") return { label: "Failed", tone: "bg-red-50 text-red-900 border-red-200" };
  if (d.attempts === 0) return { label: "Queued", tone: "bg-paper text-ink border-rule" };
  return { label: "Retrying", tone: "bg-amber-50 text-amber-900 border-amber-200" };
}

function DeliveryDetail({ d }: { d: Delivery }) {
  if (d.status === "PENDING" && d.attempts > 0) return <>Next try {formatDateTime(d.nextAttemptAt)}{d.lastError ? ` · ${d.lastError}` : ""}</>;
  if (d.status === "PENDING") return <>Waiting to be sent</>;
  return <>{d.lastError ?? "Receiver answered 2xx"}</>;
}

/** Webhooks (admins): where Factdesk tells other systems about published and corrected verdicts. */
export default async function WebhooksPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const member = await requirePageAction(slug, "webhook:manage");
  const hooks = await listWebhooks(member.workspace.id);
  const bound = (action: WorkspaceActionFn) => action.bind(null, slug);
  const events = WEBHOOK_EVENTS.map((e) => ({ name: eventField(e), label: WEBHOOK_EVENT_LABELS[e], hint: e }));

  return (
    <SettingsShell
      workspace={member.workspace}
      current="webhooks"
      title="Webhooks"
      wide
      intro="Factdesk sends a signed POST to each URL here when a verdict is published or corrected, so your CMS or chat can follow along. Deliveries are retried for several hours when the receiver is down."
    >
      <section aria-labelledby="hooks-heading" className="space-y-4">
        <h2 id="hooks-heading" className="text-base font-semibold">Registered webhooks</h2>
        {hooks.length === 0 ? <p className="rounded-lg border border-dashed border-rule p-5 text-sm text-muted">No webhooks yet. Register one below.</p> : null}
        <ul className="space-y-4">
          {hooks.map((hook) => {
            const label = hook.description ?? hook.url;
            return (
              <li key={hook.id} className="rounded-lg border border-rule bg-white" aria-label={`Webhook ${label}`}>
                <div className="flex flex-wrap items-start justify-between gap-3 border-b border-rule px-5 py-4">
                  <div className="min-w-0">
                    <p className="break-all font-mono text-sm">{hook.url}</p>
                    {hook.description ? <p className="mt-0.5 text-sm text-muted">{hook.description}</p> : null}
                    <p className="mt-2 flex flex-wrap gap-1.5">
                      {hook.events.map((e) => (
                        <span key={e} className="rounded border border-rule bg-paper px-1.5 py-0.5 font-mono text-xs" title={WEBHOOK_EVENT_LABELS[e as WebhookEvent] ?? e}>{e}</span>
                      ))}
                    </p>
                  </div>
                  <span className={`rounded-full border px-2.5 py-0.5 text-xs font-medium ${hook.disabledAt ? "border-rule bg-paper text-muted" : "border-emerald-200 bg-emerald-50 text-emerald-900"}`}>
                    {hook.disabledAt ? "Disabled" : "Active"}
                  </span>
                </div>
                <div className="flex flex-wrap items-start gap-2 px-5 py-3">
                  <ActionForm action={bound(sendTestEventAction)} submitLabel="Send test event" pendingLabel="Queueing…" variant="secondary" ariaLabel={`Send test event to ${label}`} disabled={hook.disabledAt !== null} className="flex flex-wrap items-center gap-2">
                    <input type="hidden" name="webhookId" value={hook.id} />
                  </ActionForm>
                  <ActionForm action={bound(setWebhookDisabledAction)} submitLabel={hook.disabledAt ? "Enable" : "Disable"} variant="secondary" ariaLabel={`${hook.disabledAt ? "Enable" : "Disable"} ${label}`} className="flex flex-wrap items-center gap-2">
                    <input type="hidden" name="webhookId" value={hook.id} />
                    <input type="hidden" name="disabled" value={hook.disabledAt ? "false" : "true"} />
                  </ActionForm>
                  <RotateSecretForm action={bound(rotateWebhookSecretAction)} webhookId={hook.id} label={label} />
                  <ActionForm action={bound(deleteWebhookAction)} submitLabel="Delete" variant="danger" ariaLabel={`Delete ${label}`} confirm="Delete this webhook and its delivery history?" className="ml-auto flex flex-wrap items-center gap-2">
                    <input type="hidden" name="webhookId" value={hook.id} />
                  </ActionForm>
                </div>
                <div className="border-t border-rule px-5 py-3">
                  <h3 className="text-xs font-medium uppercase tracking-wide text-muted">Recent deliveries</h3>
                  {hook.deliveries.length === 0 ? (
                    <p className="mt-2 text-sm text-muted">Nothing sent yet.</p>
                  ) : (
                    <table className="mt-2 w-full text-left text-sm">
                      <thead className="text-xs text-muted">
                        <tr>
                          <th scope="col" className="py-1 pr-3 font-medium">Event</th>
                          <th scope="col" className="py-1 pr-3 font-medium">Status</th>
                          <th scope="col" className="py-1 pr-3 font-medium">Code</th>
                          <th scope="col" className="py-1 pr-3 font-medium">Attempts</th>
                          <th scope="col" className="py-1 pr-3 font-medium">Last attempt</th>
                          <th scope="col" className="py-1 pr-3 font-medium">Detail</th>
                          <th scope="col" className="py-1 font-medium"><span className="sr-only">Actions</span></th>
                        </tr>
                      </thead>
                      <tbody className="divide-y divide-rule">
                        {hook.deliveries.map((d) => {
                          const state = deliveryState(d);
                          return (
                            <tr key={d.id} data-testid="webhook-delivery">
                              <td className="py-1.5 pr-3 font-mono text-xs">{d.event}</td>
                              <td className="py-1.5 pr-3"><span className={`rounded-full border px-2 py-0.5 text-xs ${state.tone}`}>{state.label}</span></td>
                              <td className="py-1.5 pr-3 tabular-nums">{d.lastStatusCode ?? "—"}</td>
                              <td className="py-1.5 pr-3 tabular-nums">{d.attempts}</td>
                              <td className="py-1.5 pr-3 text-xs text-muted">{d.lastAttemptAt ? `${formatDateTime(d.lastAttemptAt)}${d.lastDurationMs !== null ? ` · ${d.lastDurationMs} ms` : ""}` : "—"}</td>
                              <td className="max-w-72 py-1.5 pr-3 text-xs text-muted" title={d.lastError ?? undefined}><span className="line-clamp-2 break-words"><DeliveryDetail d={d} /></span></td>
                              <td className="py-1.5 text-right">
                                {d.status === "FAILED" ? (
                                  <ActionForm action={bound(retryDeliveryAction)} submitLabel="Retry" variant="ghost" ariaLabel={`Retry ${d.event} delivery`} disabled={hook.disabledAt !== null} className="inline-flex items-center gap-2">
                                    <input type="hidden" name="deliveryId" value={d.id} />
                                  </ActionForm>
                                ) : null}
                              </td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      </section>

      <SettingsPanel id="add-webhook-heading" title="Register a webhook" description="Events are sent as JSON, signed with a secret only this webhook and your receiver know.">
        <CreateWebhookForm action={bound(createWebhookAction)} events={events} />
      </SettingsPanel>
    </SettingsShell>
  );
}
