// Prints the failed tests of the .trx files under a folder, with their messages, so that a CI log
// that keeps only its last lines still names what failed.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const folder = process.argv[2] ?? "TestResults";
const decode = (s) =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

let failed = 0;
for (const name of readdirSync(folder, { recursive: true })) {
  if (!String(name).endsWith(".trx")) continue;
  const trx = readFileSync(join(folder, String(name)), "utf8");
  for (const [, attributes, body] of trx.matchAll(/<UnitTestResult\b([^>]*)>([\s\S]*?)<\/UnitTestResult>/g)) {
    if (!/outcome="Failed"/.test(attributes)) continue;
    failed++;
    const test = decode(/testName="([^"]*)"/.exec(attributes)?.[1] ?? "?");
    const message = decode(/<Message>([\s\S]*?)<\/Message>/.exec(body)?.[1] ?? "");
    const stack = decode(/<StackTrace>([\s\S]*?)<\/StackTrace>/.exec(body)?.[1] ?? "");
    console.log(`FAILED ${test}\n  ${message.trim().split("\n").join("\n  ")}`);
    console.log(stack.trim().split("\n").slice(0, 8).map((l) => `    ${l.trim()}`).join("\n"));
  }
}
console.log(failed === 0 ? "No failed tests in the test results." : `${failed} failed test(s), listed above.`);
