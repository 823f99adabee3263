// npm run user:reset-two-factor -- --email E
// Turns off a person's two-factor sign-in (they lost their phone and their recovery codes), after
// the operator has made sure who is asking. Their password alone signs them in again; a workspace
// that requires two-factor sign-in asks them to set it up again.
import { z } from "zod";
import { emailArg, parseCommand, withDatabase } from "./lib/user-cli";

const args = parseCommand("Usage: npm run user:reset-two-factor -- --email EMAIL", { email: { type: "string" } }, z.object({ email: emailArg }));

await withDatabase(async () => {
  const { resetTwoFactorByEmail } = await import("../lib/db/two-factor");
  const result = await resetTwoFactorByEmail(args.email);
  if (result === null) {
    console.error(`No account has the email ${args.email}.`);
    return 1;
  }
  console.log(result ? `Two-factor sign-in turned off for ${args.email}.` : `${args.email} did not have two-factor sign-in on; nothing changed.`);
});
