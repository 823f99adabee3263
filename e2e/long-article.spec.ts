import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";

// A long article's page draws its first screens with the HTML and the rest right after: the
// reader still gets every paragraph and every claim, and a claim far down opens in place.
test("a long article shows all its text and claims, and a claim at its end opens in place", async ({ page }) => {
  await signIn(page, "editor");
  await page.getByRole("link", { name: "Import article" }).click();
  const title = `Long budget story ${Date.now()}`;
  const paragraphs = Array.from(
    { length: 70 },
    (_, i) => `Paragraph ${i + 1}. Mayor Ana Ruiz said the city spent $${i + 1}.2 million on road repairs in 2023, double the 2019 figure. The council heard from residents about potholes, lighting and the bus lanes on Main Street, and asked for a report before the spring.`,
  );
  await page.getByLabel("Headline").fill(title);
  await page.getByLabel("Article text").fill(paragraphs.join("\n"));
  await page.getByRole("button", { name: "Import and detect claims" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  const body = page.getByTestId("article-body");
  await expect(body.getByText("Paragraph 70.", { exact: false })).toBeVisible();
  const heading = await page.locator("#claims-heading").textContent();
  const total = Number(/\((\d+)\)/.exec(heading ?? "")?.[1]);
  expect(total).toBeGreaterThanOrEqual(70);
  await expect(page.locator("#claim-panel ol > li")).toHaveCount(total);

  // The last claim, opened from the list and then from its address on a fresh load.
  const last = page.locator("#claim-panel ol > li a").last();
  const claimId = await last.getAttribute("data-claim-id");
  await last.click();
  await expect(page).toHaveURL(new RegExp(`claim=${claimId}`));
  const mark = body.locator(`a[data-claim-id="${claimId}"][aria-current="true"]`).first();
  await expect(mark).toBeVisible();
  await page.reload();
  await expect(mark).toBeInViewport();
});
