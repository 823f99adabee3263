// npm run user:enable -- --email E
// Re-enables a disabled account: the one explicit step that does (adding it to a workspace
// or accepting an invitation never does).
import { runSetAccountDisabled } from "./lib/user-cli";

await runSetAccountDisabled(false);
