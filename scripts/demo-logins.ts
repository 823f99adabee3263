// npm run demo:logins: prints the Demo Desk's logins again. Passwords are stored only as hashes,
// so the old ones cannot be shown: each demo account that still exists gets a new password,
// printed once (and the old one stops working). Accounts of real people are never touched.
import { withDatabase } from "./lib/user-cli";

await withDatabase(async () => {
  const { hashPassword } = await import("../lib/auth/password");
  const { resetAccountPassword } = await import("../lib/db/members");
  const { DEMO_MEMBERS, DEMO_WORKSPACE, generatePassword } = await import("../prisma/seed");
  const lines: string[] = [];
  for (const member of DEMO_MEMBERS) {
    const password = generatePassword();
    if (await resetAccountPassword(member.email, await hashPassword(password))) lines.push(`    ${member.role.padEnd(8)} ${member.email.padEnd(26)} ${password}`);
  }
  if (lines.length === 0) {
    console.error(`No demo accounts exist (they are created by the first \`npm start\` on an empty database).`);
    return 1;
  }
  console.log(`New passwords for the "${DEMO_WORKSPACE.name}" demo accounts (the old ones no longer work); shown once:`);
  for (const line of lines) console.log(line);
});
