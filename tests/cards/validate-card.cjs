// Parses Adaptive Cards with Microsoft's own library (npm "adaptivecards", pinned in package.json) as a
// host on schema 1.5 would, and reports every parse and validation event: errors and warnings alike.
// Used by the C# card tests (cards on stdin, a JSON array) and by validate-card.test.cjs.
'use strict';

// The package's ES module build imports paths without extensions, which Node cannot resolve; its
// bundled build loads as CommonJS and needs no DOM to parse and validate.
const AC = require('adaptivecards/dist/adaptivecards.js');

/** Every problem the library reports for one card, as readable strings; empty when it parses cleanly. */
function problems(json) {
  const found = [];
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return ['not a JSON object'];
  }
  if (json.type !== 'AdaptiveCard') {
    found.push(`type is ${JSON.stringify(json.type)}, not "AdaptiveCard"`);
  }
  if (json.version !== '1.5') {
    found.push(`version is ${JSON.stringify(json.version)}, not "1.5"`);
  }
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const card = new AC.AdaptiveCard();
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    found.push(`parse: ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  for (const e of card.validateProperties().validationEvents) {
    found.push(`validate: ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  return found;
}

module.exports = { problems };

if (require.main === module) {
  let input = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', chunk => { input += chunk; });
  process.stdin.on('end', () => {
    const cards = JSON.parse(input);
    const report = cards.map(problems);
    process.stdout.write(JSON.stringify(report));
    process.exitCode = report.some(p => p.length > 0) ? 1 : 0;
  });
}
