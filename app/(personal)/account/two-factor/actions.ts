"use server";

import { z } from "zod";
import { personalAction } from "@/lib/actions/workspace-action";
import { beginTwoFactorEnrolment, cancelTwoFactorEnrolment, confirmTwoFactorEnrolment, disableTwoFactor, regenerateRecoveryCodes } from "@/lib/db/two-factor";
import { confirmTwoFactorSchema, twoFactorProofSchema } from "@/lib/validation/two-factor";

// A person's own two-factor sign-in: signed in and validated by the pipeline; lib/db acts only on
// the caller's own rows. Recovery codes go back once, to the form that asked (`secret`), one per
// line; only their hashes are kept. Confirming and making new codes do not re-render the page, so
// the codes stay on screen until the person says they have saved them.

const PAGE = "/account/two-factor";
const nothing = z.object({});

export const beginTwoFactorAction = personalAction({ schema: nothing }, async (_input, { user }) => {
  await beginTwoFactorEnrolment(user.id);
  return { message: "Scan the code with your authenticator app.", revalidate: PAGE };
});

export const cancelTwoFactorAction = personalAction({ schema: nothing }, async (_input, { user }) => {
  await cancelTwoFactorEnrolment(user.id);
  return { message: "Set-up cancelled.", revalidate: PAGE };
});

export const confirmTwoFactorAction = personalAction({ schema: confirmTwoFactorSchema }, async (input, { user }, client) => {
  const codes = await confirmTwoFactorEnrolment(user.id, input.code, client);
  return { message: "Two-factor sign-in is on.", secret: codes.join("\n") };
});

export const regenerateRecoveryCodesAction = personalAction({ schema: twoFactorProofSchema }, async (input, { user }, client) => {
  const codes = await regenerateRecoveryCodes(user.id, input, client);
  return { message: "New recovery codes made. The old ones no longer work.", secret: codes.join("\n") };
});

export const disableTwoFactorAction = personalAction({ schema: twoFactorProofSchema }, async (input, { user }, client) => {
  await disableTwoFactor(user.id, input, client);
  return { message: "Two-factor sign-in is off.", revalidate: PAGE, redirectTo: `${PAGE}?done=off` };
});
