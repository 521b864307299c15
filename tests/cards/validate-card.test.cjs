// The card check itself must catch a broken card, or a passing C# card test would prove nothing.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { problems } = require('./validate-card.cjs');

const good = {
  type: 'AdaptiveCard', version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Which part?', wrap: true },
    { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'typed *as is*' }] },
    { type: 'ActionSet', actions: [{ type: 'Action.Submit', title: '1. When', data: { intakeChoice: 'when' } }] },
  ],
  actions: [{ type: 'Action.Submit', title: 'submit', data: { intakeChoice: 'submit' } }],
};

test('a well-formed 1.5 card has no problems', () => {
  assert.deepStrictEqual(problems(good), []);
});

test('an unknown element is reported', () => {
  assert.notDeepStrictEqual(problems({ ...good, body: [...good.body, { type: 'Bogus' }] }), []);
});

test('an unknown action type is reported', () => {
  assert.notDeepStrictEqual(problems({ ...good, actions: [{ type: 'Action.Teleport', title: 'x' }] }), []);
});

test('a card for a newer schema than 1.5 is reported', () => {
  assert.notDeepStrictEqual(problems({ ...good, version: '1.6' }), []);
});

test('more actions than a host shows are reported', () => {
  const actions = Array.from({ length: 7 }, (_, i) => ({ type: 'Action.Submit', title: `a${i}`, data: {} }));
  assert.notDeepStrictEqual(problems({ ...good, actions }), []);
});

test('an element with an invalid property value is reported', () => {
  assert.notDeepStrictEqual(problems({ ...good, body: [{ type: 'Input.Text' }] }), []);
});
