// Fills, checks and packages the Teams app manifest. Used by package.mjs and by the manifest tests.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Ajv = require('ajv-draft-04');
const addFormats = require('ajv-formats');

export const here = dirname(fileURLToPath(import.meta.url));
const schemasRoot = join(dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');

/** The newest released (non-preview) manifest schema version shipped in @microsoft/app-manifest. */
export function newestSchemaVersion() {
  return readdirSync(schemasRoot)
    .filter((name) => /^v\d+\.\d+$/.test(name))
    .map((name) => name.slice(1))
    .sort((a, b) => {
      const [am, an] = a.split('.').map(Number);
      const [bm, bn] = b.split('.').map(Number);
      return am - bm || an - bn;
    })
    .at(-1);
}

/** Configuration keys, as in appsettings.template.json, that the manifest needs. */
export const settingsKeys = {
  BOT_ID: 'MicrosoftAppId',
  TEAMS_APP_ID: 'Manifest:AppId',
  DEVELOPER_NAME: 'Manifest:DeveloperName',
  WEBSITE_URL: 'Manifest:WebsiteUrl',
  PRIVACY_URL: 'Manifest:PrivacyUrl',
  TERMS_OF_USE_URL: 'Manifest:TermsOfUseUrl',
  BOT_DOMAIN: 'Manifest:BotDomain',
  WORKSPACE_CLIENT_ID: 'AzureAd:ClientId',
  WORKSPACE_RESOURCE: 'AzureAd:Audience',
};

/** Reads a key from a settings object shaped like appsettings.json, or from the environment
 *  ("Section__Key"), the way ASP.NET Core configuration does. */
export function setting(settings, key) {
  const fromEnv = process.env[key.replaceAll(':', '__')];
  if (fromEnv) return fromEnv;
  return key.split(':').reduce((node, part) => (node == null ? undefined : node[part]), settings);
}

/** The template with every placeholder filled; a missing value leaves an empty string, which the
 *  schema check then names. */
export function fill(settings) {
  const template = readFileSync(join(here, 'manifest.template.json'), 'utf8');
  const filled = template.replace(/\$\{\{([A-Z_]+)\}\}/g, (_, name) => {
    const key = settingsKeys[name];
    if (!key) throw new Error(`manifest.template.json uses an unknown placeholder ${name}.`);
    return JSON.stringify(setting(settings, key) ?? '').slice(1, -1);
  });
  const manifest = JSON.parse(filled);
  // The case owners' workspace tab exists only where the bot serves it: with AzureAd configured.
  if (!setting(settings, settingsKeys.WORKSPACE_CLIENT_ID)) {
    delete manifest.staticTabs;
    delete manifest.webApplicationInfo;
  }
  return manifest;
}

/** Schema errors as readable lines ("/bots/0/botId: must match format ..."); empty when valid. */
export function validate(manifest) {
  const version = manifest.manifestVersion;
  const schemaPath = join(schemasRoot, `v${version}`, 'MicrosoftTeams.schema.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const check = ajv.compile(schema);
  if (check(manifest)) return [];
  return check.errors.map((e) => `${e.instancePath || '/'}: ${e.message}${e.params?.allowedValues ? ` (${e.params.allowedValues.join(', ')})` : ''}`);
}

/** The manifest's language files (localizationInfo), by file name, as written. */
export function languageFiles(manifest) {
  return Object.fromEntries((manifest.localizationInfo?.additionalLanguages ?? [])
    .map(({ file }) => [file, JSON.parse(readFileSync(join(here, file), 'utf8'))]));
}

/** Schema errors of each language file against the official localization schema, prefixed with
 *  the file's name; empty when all are valid. */
export function validateLanguages(manifest, files = languageFiles(manifest)) {
  const schemaPath = join(schemasRoot, `v${manifest.manifestVersion}`, 'MicrosoftTeams.Localization.schema.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  delete schema.$schema;
  // The official localization schema has a pattern ("\b]") that is valid only without the unicode flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const check = ajv.compile(schema);
  return Object.entries(files).flatMap(([file, strings]) =>
    check(strings) ? [] : check.errors.map((e) => `${file}${e.instancePath || '/'}: ${e.message}`));
}

/** Width and height of a PNG, from its IHDR chunk. */
export function pngSize(bytes) {
  if (bytes.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colourType: bytes[25] };
}
