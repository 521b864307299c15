// Drives Microsoft 365 Agents Playground in headless Debian Chromium through a whole reporter intake,
// as a person would: types each answer or clicks a button (a suggested action, or a button on an
// Adaptive Card), waits for the bot's next question, and prints the case reference from the receipt.
// Then it uses "Report this message" twice on the person's own messages, as the Playground offers it
// ("Show more information" on a message, "Action Command", command id): the first kept message is
// declined with "Not now", the second added to the submitted report. It prints, as JSON, the
// reference and what the bot answered each action's invoke. Used by the browser end-to-end test.
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
  ['skip', 'Here is your report'],
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
  if (!reference) {
    throw new Error('The receipt named no case reference.');
  }

  const answers = [];
  for (const [message, choice, expected] of [
    ['Yesterday afternoon', 'Not now', 'removed from this chat'],
    ['I dread the weekly call now.', `Add it to ${reference}`, `Added the message you kept to ${reference}`],
  ]) {
    answers.push(await reportMessage(page, message));
    await pressOnCard(page, choice, expected);
  }

  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify({ reference, answers }));
} finally {
  await browser.close();
}

/** How often the page shows <text>, counted the same way for "seen before" and "seen now". */
function countOnPage(page, text) {
  return page.evaluate((t) => document.body.innerText.split(t).length - 1, text);
}

async function waitForMore(page, text, count, after) {
  await page.waitForFunction(
    ([t, c]) => document.body.innerText.split(t).length - 1 > c,
    [text, count],
    { timeout: 90_000 },
  ).catch(async (error) => {
    await page.screenshot({ path: screenshot });
    throw new Error(`After ${after} the bot did not say "${text}": ${error.message}`);
  });
}

/** "Report this message" on the person's own message <text>, as the Playground offers it; returns
 *  what the bot answered the invoke (composeExtension/fetchTask, as Teams sends for a command with
 *  fetchTask), and waits for the offer in the 1:1 chat (the Playground's own connector). */
async function reportMessage(page, text) {
  const offer = 'kept in my storage for this private chat only';
  const offered = await countOnPage(page, offer);
  // A message is a block with a header; the person's own messages have no author in the header.
  const message = page.locator('div:has(> [aria-label="Message header"])')
    .filter({ hasText: text })
    .filter({ hasNot: page.locator('[aria-label="Message author"]') })
    .last();
  await message.hover({ timeout: 90_000 });
  await message.getByRole('button', { name: 'Show more information' }).click({ timeout: 90_000 });
  await page.getByRole('menuitem', { name: 'Action Command' }).click({ timeout: 90_000 });
  const invoked = page.waitForResponse(
    (r) => r.url().endsWith('/_conversation/v1/invoke') && (r.request().postData() ?? '').includes('composeExtension/fetchTask'),
    { timeout: 90_000 },
  );
  await page.getByPlaceholder('Input command id or leave blanks').fill('reportMessage', { timeout: 90_000 });
  await page.getByRole('button', { name: 'Create', exact: true }).click({ timeout: 90_000 });
  const answer = await (await invoked).json();
  // Playground 0.2.28 shows only an Adaptive Card (type "continue") for a fetchTask answer; Teams also
  // shows a plain message (type "message"), which is what the bot answers. The empty pop-up is closed.
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click({ timeout: 90_000 });
  await page.getByRole('dialog').waitFor({ state: 'detached', timeout: 90_000 });
  await waitForMore(page, offer, offered, `"Report this message" on "${text}"`);
  return answer?.task?.type === 'message' ? answer.task.value : JSON.stringify(answer);
}

/** Presses <title> on the latest card that has it (a choice card numbers its buttons, "4. Not now"),
 *  and waits for the bot to say <expected>. */
async function pressOnCard(page, title, expected) {
  const before = await countOnPage(page, expected);
  await page.locator('.ac-adaptiveCard button', { hasText: new RegExp(`^\\s*(\\d+\\.\\s+)?${title}\\s*$`, 'i') }).last().click({ timeout: 90_000 });
  await waitForMore(page, expected, before, `"${title}"`);
}
