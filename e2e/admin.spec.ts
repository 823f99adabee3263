import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { signIn } from "./fixtures";

// An admin runs the desk: invites someone by link, who joins with the invited role; changes
// their role; disables them. Every settings screen and the invitation page pass axe.

const snap = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

test("every settings screen reads well and passes axe", async ({ page }) => {
  await signIn(page, "admin");
  const screens: Array<[string, string]> = [
    ["", "General"],
    ["/members", "Members"],
    ["/invitations", "Invitations"],
    ["/ratings", "Rating scale"],
    ["/audit", "Audit log"],
    ["/new-workspace", "New workspace"],
  ];
  for (const [path, title] of screens) {
    await page.goto(`/w/demo/settings${path}`);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: title })).toHaveAttribute("aria-current", "page");
    await expectNoAxeViolations(page);
    await snap(page, `settings-${path.slice(1) || "general"}`);
  }
  // Out of range at the field, nothing saved.
  await page.goto("/w/demo/settings");
  await page.getByLabel("Independent sources").fill("11");
  await page.getByRole("button", { name: "Save rules" }).click();
  await expect(page.getByText("Independent sources must be between 0 and 10.")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("an editor does not get the settings", async ({ page }) => {
  await signIn(page, "editor");
  await page.goto("/w/demo/settings/members");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("an admin invites by link; the invitee joins, gets a new role, and is disabled", async ({ page: admin, browser }) => {
  const stamp = Date.now().toString(36);
  const name = `Invited Person ${stamp}`;
  const email = `invited-${stamp}@factdesk.test`;

  await signIn(admin, "admin");
  await admin.goto("/w/demo/settings/invitations");
  await admin.getByLabel("Role").selectOption({ label: "Reviewer" });
  await admin.getByLabel(/^For/).fill(email);
  await admin.getByRole("button", { name: "Create invitation link" }).click();
  await expect(admin.getByText("Invitation link created. Copy it now")).toBeVisible();
  const link = await admin.getByRole("textbox", { name: "Invitation link" }).inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await expect(admin.getByRole("list").getByText(`for ${email}`)).toBeVisible();
  await expectNoAxeViolations(admin);
  await snap(admin, "invitation-created");

  // The invitee, in a browser of their own.
  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { level: 1, name: "Join Demo Desk" })).toBeVisible();
  await expect(invitee.getByText("as a reviewer")).toBeVisible();
  await expectNoAxeViolations(invitee);
  await snap(invitee, "invite-page");
  await invitee.getByLabel("Your name").fill(name);
  await invitee.getByLabel("Email").fill(email);
  await invitee.getByLabel("Password").fill("short");
  await invitee.getByRole("button", { name: "Create account and join" }).click();
  await expect(invitee.getByText("Password must be at least 12 characters.")).toBeVisible();
  await expect(invitee.getByLabel("Your name")).toHaveValue(name);
  await invitee.getByLabel("Password").fill("correct horse battery staple");
  await invitee.getByRole("button", { name: "Create account and join" }).click();
  await expect(invitee).toHaveURL(/\/w\/demo$/);
  const personal = invitee.getByRole("navigation", { name: "Personal" });
  await expect(personal).toContainText(name);
  await expect(personal).toContainText("Reviewer");

  // The link worked once.
  const strangerContext = await browser.newContext();
  const stranger = await strangerContext.newPage();
  await stranger.goto(link);
  await expect(stranger.getByRole("heading", { level: 1, name: "This invitation link is no longer valid" })).toBeVisible();
  await expectNoAxeViolations(stranger);
  await snap(stranger, "invite-used");
  await strangerContext.close();

  // The admin makes them an editor: it shows at the invitee's next page.
  await admin.goto("/w/demo/settings/members");
  const row = admin.getByRole("row", { name: new RegExp(name) });
  await row.getByLabel(`Role of ${name}`).selectOption({ label: "Editor" });
  await row.getByRole("button", { name: "Change role" }).click();
  await expect(row.getByText("Role changed.")).toBeVisible();
  await invitee.reload();
  await expect(personal).toContainText("Editor");

  // The admin disables them: refused at their next request.
  admin.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: `Disable ${name}` }).click();
  await expect(row.getByText("Disabled", { exact: true })).toBeVisible();
  await expectNoAxeViolations(admin);
  await snap(admin, "members-after");
  await invitee.reload();
  await expect(invitee.getByRole("heading", { name: "Not found" })).toBeVisible();
  await inviteeContext.close();

  // Everything is in the audit log, in words.
  await admin.goto("/w/demo/settings/audit?kind=member");
  await expect(admin.getByText(`disabled ${name}`).first()).toBeVisible();
  await expect(admin.getByText(`changed ${name}'s role`).first()).toBeVisible();
  await expect(admin.getByText(`${name} joined the workspace`).first()).toBeVisible();
  await expectNoAxeViolations(admin);
  await snap(admin, "audit-members");
});
