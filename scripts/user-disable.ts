// npm run user:disable -- --email E
// Disables an account in every workspace (the person is signed out at their next request); the
// account, its memberships and its history stay. `npm run user:enable` is the only way back.
import { runSetAccountDisabled } from "./lib/user-cli";

await runSetAccountDisabled(true);
