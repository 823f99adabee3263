"use client";

import { ActionForm } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/field";
import type { PersonalActionFn } from "@/lib/actions/workspace-action";
import { MIN_PASSWORD } from "@/lib/validation/member";

/** Change your own password: the current one, then the new one twice. */
export function PasswordForm({ action, email }: { action: PersonalActionFn; email: string }) {
  return (
    <ActionForm action={action} submitLabel="Change password" pendingLabel="Changing…" resetOnSuccess className="max-w-md space-y-4">
      {/* For password managers: whose password this is. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField name="currentPassword" label="Current password" type="password" autoComplete="current-password" required />
      <TextField
        name="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        hint={`At least ${MIN_PASSWORD} characters. A few unrelated words make a good one; common passwords are refused.`}
      />
      <TextField name="confirmPassword" label="New password again" type="password" autoComplete="new-password" required />
    </ActionForm>
  );
}

/** Ends every session, this one included; the server then sends the browser to sign in. */
export function SignOutEverywhereForm({ action }: { action: PersonalActionFn }) {
  return (
    <ActionForm
      action={action}
      submitLabel="Sign out everywhere"
      pendingLabel="Signing out…"
      variant="danger"
      confirm="Sign out of every browser and device, this one included? You will need your password to sign in again."
    />
  );
}
