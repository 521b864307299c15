// Packages the Teams app: fills manifest.template.json from configuration, checks it against the
// official schema (offline) and the icons' sizes, and writes the app zip.
//   node manifest/package.mjs [--settings path/to/appsettings.json] [--out path/to/IntakeBot.zip]
// Values come from the settings file or the environment (MicrosoftAppId, Manifest__AppId, ...).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fill, validate, validateLanguages, languageFiles, pngSize, here } from './manifest.mjs';

const require = createRequire(import.meta.url);
const JSZip = require('jszip');

export async function packageApp(settings, out) {
  const manifest = fill(settings);
  const errors = [...validate(manifest), ...validateLanguages(manifest)];
  const icons = { color: 192, outline: 32 };
  for (const [name, size] of Object.entries(icons)) {
    const { width, height } = pngSize(readFileSync(join(here, manifest.icons[name])));
    if (width !== size || height !== size) errors.push(`/icons/${name}: must be ${size}x${size}, is ${width}x${height}`);
  }

  if (errors.length > 0) {
    throw new Error(`The Teams manifest is not valid:\n${errors.join('\n')}`);
  }

  const zip = new JSZip();
  zip.file('manifest.json', JSON.stringify(manifest, null, 2));
  for (const name of Object.keys(icons)) zip.file(manifest.icons[name], readFileSync(join(here, manifest.icons[name])));
  for (const file of Object.keys(languageFiles(manifest))) zip.file(file, readFileSync(join(here, file)));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return manifest;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(here, 'package.mjs')) {
  const argument = (name) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const settingsPath = argument('--settings');
  const settings = settingsPath ? JSON.parse(readFileSync(settingsPath, 'utf8')) : {};
  const out = resolve(argument('--out') ?? join(here, 'build', 'IntakeBot.zip'));
  try {
    await packageApp(settings, out);
    console.log(`Wrote ${out}`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
