import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fill, validate, validateLanguages, languageFiles, pngSize, newestSchemaVersion, here } from './manifest.mjs';
import { packageApp } from './package.mjs';

const require = createRequire(import.meta.url);
const JSZip = require('jszip');

const settings = {
  MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
  Manifest: {
    AppId: '66666666-7777-8888-9999-000000000000',
    DeveloperName: 'Contoso Conduct Team',
    WebsiteUrl: 'https://conduct.contoso.example',
    PrivacyUrl: 'https://conduct.contoso.example/privacy',
    TermsOfUseUrl: 'https://conduct.contoso.example/terms',
    BotDomain: 'intakebot.contoso.example',
  },
  AzureAd: {
    ClientId: '0d4f9a6b-3c2e-4f71-8a5d-6e9b1c7f2a34',
    Audience: 'api://intakebot.contoso.example/0d4f9a6b-3c2e-4f71-8a5d-6e9b1c7f2a34',
  },
};

test('with AzureAd configured the personal workspace tab and its single sign-on are in the manifest, and without it neither is', () => {
  const manifest = fill(settings);
  const withoutWorkspace = fill({ ...settings, AzureAd: {} });

  const tab = manifest.staticTabs.find((t) => t.entityId === 'workspace');
  assert.equal(tab.contentUrl, 'https://intakebot.contoso.example/workspace/');
  assert.deepEqual(tab.scopes, ['personal']);
  assert.ok(manifest.staticTabs.some((t) => t.entityId === 'conversations'));
  assert.deepEqual(manifest.webApplicationInfo, { id: settings.AzureAd.ClientId, resource: settings.AzureAd.Audience });
  assert.equal(withoutWorkspace.staticTabs, undefined);
  assert.equal(withoutWorkspace.webApplicationInfo, undefined);
  assert.deepEqual(validate(withoutWorkspace), []);
});

test('the filled manifest is valid against the newest official schema shipped offline', () => {
  const manifest = fill(settings);

  assert.equal(manifest.manifestVersion, newestSchemaVersion());
  assert.deepEqual(validate(manifest), []);
  assert.equal(manifest.bots[0].botId, settings.MicrosoftAppId);
  assert.equal(manifest.developer.privacyUrl, settings.Manifest.PrivacyUrl);
  assert.equal(manifest.bots[0].supportsFiles, true);
});

test('every message offers "Report this message", an action of the bot itself that the bot answers (fetchTask)', () => {
  const manifest = fill(settings);
  const extension = manifest.composeExtensions[0];

  assert.equal(extension.botId, settings.MicrosoftAppId);
  const command = extension.commands.find((c) => c.id === 'reportMessage');
  assert.equal(command.type, 'action');
  assert.equal(command.title, 'Report this message');
  assert.deepEqual(command.context, ['message']);
  assert.equal(command.fetchTask, true);
  const broken = fill(settings);
  broken.composeExtensions[0].commands[0].context = ['somewhere'];
  assert.ok(validate(broken).some((e) => e.startsWith('/composeExtensions/0/commands/0/context')), validate(broken).join('\n'));
});

test('the icons are a 192x192 colour PNG and a 32x32 transparent outline PNG', () => {
  const color = pngSize(readFileSync(join(here, 'color.png')));
  const outline = pngSize(readFileSync(join(here, 'outline.png')));

  assert.deepEqual([color.width, color.height], [192, 192]);
  assert.deepEqual([outline.width, outline.height], [32, 32]);
  assert.equal(outline.colourType, 6, 'the outline icon has an alpha channel');
});

test('a missing id is reported by the schema check, naming the field', () => {
  const manifest = fill({ ...settings, Manifest: { ...settings.Manifest, AppId: '' } });

  const errors = validate(manifest);

  assert.ok(errors.some((e) => e.startsWith('/id:')), errors.join('\n'));
});

test('an invalid command title is reported by the schema check', () => {
  const manifest = fill(settings);
  manifest.bots[0].commandLists[0].commands[0].title = 'x'.repeat(200);

  const errors = validate(manifest);

  assert.ok(errors.some((e) => e.startsWith('/bots/0/commandLists/0/commands/0/title')), errors.join('\n'));
});

test('the command list holds the bot\'s real commands, each from the bot\'s own words', () => {
  const words = JSON.parse(readFileSync(join(here, '..', 'src', 'IntakeBot', 'Text', 'Text.json'), 'utf8'));
  const titles = fill(settings).bots[0].commandLists[0].commands.map((c) => c.title);

  for (const key of ['ChoiceReport', 'ChoiceMyReports', 'ChoiceTakeReport', 'ChoiceCases', 'ChoiceHelp']) {
    assert.ok(titles.includes(words[key]), `${words[key]} is in the command list`);
  }
  for (const command of ['add to', 'case', 'share', 'revoke', 'access']) {
    assert.ok(titles.includes(command));
  }
});

test('packaging writes a zip with the filled manifest and both icons, and refuses an invalid one', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'intakebot-')), 'IntakeBot.zip');

  await packageApp(settings, out);
  const zip = await JSZip.loadAsync(readFileSync(out));

  assert.deepEqual(Object.keys(zip.files).sort(), ['color.png', 'de-de.json', 'es-es.json', 'fr-fr.json', 'manifest.json', 'outline.png']);
  assert.equal(JSON.parse(await zip.file('manifest.json').async('string')).id, settings.Manifest.AppId);
  await assert.rejects(packageApp({}, out), /\/id: must match pattern/);
});

test('the manifest is in German, French and Spanish besides English, each file valid against the official localization schema', () => {
  const manifest = fill(settings);
  const files = languageFiles(manifest);

  assert.equal(manifest.localizationInfo.defaultLanguageTag, 'en-us');
  assert.deepEqual(manifest.localizationInfo.additionalLanguages.map((l) => l.languageTag), ['de-de', 'fr-fr', 'es-es']);
  assert.deepEqual(validateLanguages(manifest), []);
  assert.equal(files['de-de.json']['composeExtensions[0].commands[0].title'], 'Diese Nachricht melden');
  for (const strings of Object.values(files)) {
    assert.notEqual(strings['composeExtensions[0].commands[0].title'], manifest.composeExtensions[0].commands[0].title);
    assert.notEqual(strings['description.full'], manifest.description.full);
  }
});

test('a language file with a title too long for Teams is reported by the localization check, naming the file', () => {
  const manifest = fill(settings);
  const files = languageFiles(manifest);
  files['de-de.json']['composeExtensions[0].commands[0].title'] = 'x'.repeat(40);

  const errors = validateLanguages(manifest, files);

  assert.ok(errors.some((e) => e.startsWith('de-de.json/composeExtensions[0].commands[0].title')), errors.join('\n'));
});

test('every localized command title is the bot\'s own word in that language, which Teams sends as the message when it is picked', () => {
  const text = (name) => JSON.parse(readFileSync(join(here, '..', 'src', 'IntakeBot', 'Text', name), 'utf8'));
  const english = text('Text.json');
  const manifest = fill(settings);
  const keys = ['ChoiceReport', 'ChoiceMyReports', 'VerbAddTo', 'ChoiceTakeReport', 'ChoiceCases', 'VerbCase', 'VerbShare', 'VerbRevoke', 'VerbAccess', 'ChoiceHelp'];

  for (const [file, strings] of Object.entries(languageFiles(manifest))) {
    const own = text(`Text.${file.slice(0, 2)}.json`);
    keys.forEach((key, i) => {
      const title = strings[`bots[0].commandLists[0].commands[${i}].title`];
      const forms = own[key].toLowerCase().split('|');
      assert.equal(manifest.bots[0].commandLists[0].commands[i].title, english[key].split('|')[0]);
      assert.ok(forms.includes(title), `${file}: "${title}" is one of ${key}'s words (${forms.join(', ')})`);
    });
    assert.equal(strings['bots[0].commandLists[1].commands[0].title'], own.ChoiceHelp);
  }
});
