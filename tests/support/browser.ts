// Debian's Chromium driven by playwright-core (Playwright cannot download its own browser here).
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean) as string[];

export async function launchBrowser(): Promise<Browser> {
  const executablePath = CANDIDATES.find((p) => existsSync(p));
  if (!executablePath) throw new Error("Chromium not found: install it with `apt-get install -y chromium` (npm test does this)");
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Collects what would mean a broken page: uncaught errors (a missing catalog
 * string throws in strict mode), i18n console errors, and the missing-string
 * marker ⟦…⟧ in the rendered text.
 */
export function watchPage(page: Page): { problems: string[]; check(): Promise<string[]> } {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && /MISSING_MESSAGE|\[i18n\]|INVALID_MESSAGE|FORMATTING_ERROR/.test(message.text()))
      problems.push(`console: ${message.text()}`);
  });
  return {
    problems,
    async check() {
      const text = await page.locator("body").innerText();
      const markers = text.match(/⟦[^⟧]*⟧/g) ?? [];
      if (/Application error|Internal Server Error/.test(text)) problems.push(`error page at ${page.url()}`);
      return [...problems, ...markers.map((m) => `missing string ${m} at ${page.url()}`)];
    },
  };
}

export async function signIn(page: Page, appUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${appUrl}/signin`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"), { timeout: 20_000 });
}
