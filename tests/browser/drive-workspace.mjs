// Drives the case owners' workspace tab in headless Debian Chromium, outside Teams: the Teams SDK the
// page loads (lib/MicrosoftTeams.min.js) is answered by a stand-in that says "personal tab, default
// theme" and hands out the token the test gave, as Teams single sign-on would. It reads the list and its
// flags, opens one case, acknowledges it, waits for the page to show the change, saves a screenshot and
// prints, as JSON, each listed case's reference and flags, and the case's status line and action buttons
// after the click.
//   node tests/browser/drive-workspace.mjs <host url> <token> <reference to acknowledge> <screenshot.png>
import { chromium } from 'playwright-core';

const [url, token, reference, screenshot] = process.argv.slice(2);
const teams = `window.microsoftTeams = {
  app: {
    initialize: async () => {},
    getContext: async () => ({ app: { theme: 'default' }, page: { id: 'workspace' } }),
    registerOnThemeChangeHandler: () => {},
  },
  authentication: { getAuthToken: async () => ${JSON.stringify(token)} },
};`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync',
    '--disable-background-networking', '--disable-component-update',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
  ],
});
try {
  // About the width of a Teams personal tab beside the app bar.
  const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
  page.setDefaultTimeout(60_000);
  const blocked = [];
  page.on('console', (message) => { if (message.type() === 'error') blocked.push(message.text()); });
  await page.route('**/*', (route) => {
    const target = new URL(route.request().url());
    if (!['127.0.0.1', 'localhost'].includes(target.hostname)) return route.abort();
    if (target.pathname === '/workspace/lib/MicrosoftTeams.min.js') {
      return route.fulfill({ status: 200, contentType: 'text/javascript', body: teams });
    }
    return route.continue();
  });
  await page.goto(`${url}/workspace/`);
  await page.locator('#status').filter({ hasText: /\d/ }).waitFor();
  const rows = await page.locator('#cases li button').evaluateAll((buttons) => buttons.map((b) => ({
    reference: b.dataset.reference,
    flags: [...b.querySelectorAll('.flag')].map((f) => f.textContent),
  })));

  await page.locator(`#cases button[data-reference="${reference}"]`).click();
  await page.locator('#case h2', { hasText: reference }).waitFor();
  await page.locator('#case .actions button', { hasText: 'Acknowledge' }).click();
  await page.locator('#status', { hasText: 'Done.' }).waitFor();
  await page.locator('#case p .muted', { hasText: 'acknowledged' }).waitFor();
  const status = await page.locator('#case p .muted').first().textContent();
  const actions = await page.locator('#case .actions button').allTextContents();
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify({ rows, status, actions, errors: blocked }));
} finally {
  await browser.close();
}
