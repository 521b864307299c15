// Drives Microsoft 365 Agents Playground in headless Debian Chromium through a whole reporter intake,
// as a person would: types each answer or clicks a button (a suggested action, or a button on an
// Adaptive Card), waits for the bot's next question, and at the end prints the case reference from
// the receipt as JSON. Used by the browser end-to-end test.
//   node tests/browser/drive-intake.mjs <playground url> <screenshot.png>
import { chromium } from 'playwright-core';

const [url, screenshot] = process.argv.slice(2);
const steps = [
  ['report', 'Tell me what happened, in your own words'],
  ['Someone kept interrupting me in meetings and mocking my accent.', 'Add more whenever you'],
  ['done', 'comes back to you?'],
  ['skip', 'Did this happen to you'],
  [{ click: 'It happened to me' }, 'When did it happen?'],
  ['Yesterday afternoon', 'Is it still going on?'],
  ['No', 'Are you safe right now?'],
  ['Yes', 'Where did it happen'],
  ['Online', 'Where exactly?'],
  ['The weekly team call', 'Who was involved?'],
  ['skip', 'Did anyone else see or hear it?'],
  ['skip', 'how this has affected you'],
  ['I dread the weekly call now.', 'Do you have anything that shows what happened'],
  ['skip', 'Is there anything else you'],
  ['skip', 'Would you like to be contacted'],
  ['A Teams chat is fine', 'safe times or ways to reach you'],
  ['skip', 'to send it'],
  [{ click: 'submit', onCard: true }, 'Your report is submitted'],
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync',
    '--disable-background-networking', '--disable-component-update',
    // Nothing leaves this machine: every host but loopback fails to resolve.
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  // Generous: a slow CI machine, not a slow bot, is what these limits meet.
  page.setDefaultTimeout(90_000);
  await page.route('**/*', (route) => (['127.0.0.1', 'localhost'].includes(new URL(route.request().url()).hostname) ? route.continue() : route.abort()));
  await page.goto(url, { waitUntil: 'networkidle' });
  // The Playground tells the bot about the new chat first; typing before that is lost.
  await page.getByText('conversationUpdate').first().waitFor({ timeout: 90_000 });
  const box = page.getByRole('textbox');
  for (const [typed, expected] of steps) {
    // Counted the same way as the wait below counts, so a question already on the page is not taken for the answer.
    const seen = await page.evaluate((text) => document.body.innerText.split(text).length - 1, expected);
    if (typeof typed === 'string') {
      await box.click();
      await box.fill(typed);
      await page.keyboard.press('Enter');
    } else {
      // A card button is pressed on the latest card; a suggested action is the latest button of that name.
      const buttons = typed.onCard
        ? page.locator('.ac-adaptiveCard button', { hasText: new RegExp(`^\\s*${typed.click}\\s*$`, 'i') })
        : page.getByRole('button', { name: typed.click, exact: true });
      await buttons.last().click({ timeout: 90_000 });
    }
    await page.waitForFunction(
      ([text, count]) => document.body.innerText.split(text).length - 1 > count,
      [expected, seen],
      { timeout: 90_000 },
    ).catch(async (error) => {
      await page.screenshot({ path: screenshot });
      throw new Error(`After "${typeof typed === 'string' ? typed : typed.click}" the bot did not say "${expected}": ${error.message}`);
    });
  }

  const reference = (await page.locator('body').innerText()).match(/IR-[0-9A-Z]{8}/)?.[0];
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify({ reference }));
} finally {
  await browser.close();
}
