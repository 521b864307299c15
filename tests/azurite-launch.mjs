// Starts Azurite's blob service for the tests (Infrastructure/AzuriteProcess.cs) with the arguments it is
// given, without loading two parts a test run never uses. Azurite's blob entry loads its Application
// Insights client even with --disableTelemetry (about 1.3 s of CPU a start) and the SQL metadata server
// with Sequelize (used only when AZURITE_DB is set); together they were two thirds of a start's CPU, and a
// run starts Azurite about twenty times. The stubs depend on Azurite's internals, so the launcher refuses
// any version other than the one it was written for (package.json pins it).
import Module, { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const pinned = "3.37.0";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(path.join(root, "package.json"));
const installed = require("azurite/package.json").version;
if (installed !== pinned) {
  console.error(`tests/azurite-launch.mjs was written for Azurite ${pinned}, but ${installed} is installed: check that its blob entry still loads only what the stubs below replace, then update the pin.`);
  process.exit(2);
}

if (process.env.AZURITE_DB !== undefined) {
  console.error("tests/azurite-launch.mjs starts the in-memory or file store only; unset AZURITE_DB.");
  process.exit(2);
}

// Read only when telemetry is on, which the tests never turn on.
const applicationInsights = {};

class SqlBlobServer {
  constructor() {
    throw new Error("The SQL metadata store is not loaded by tests/azurite-launch.mjs.");
  }
}

const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === "applicationinsights") {
    return applicationInsights;
  }

  if (request === "./SqlBlobServer" && parent?.filename.endsWith(path.join("azurite", "dist", "src", "blob", "BlobServerFactory.js"))) {
    return { __esModule: true, default: SqlBlobServer };
  }

  return load.apply(this, arguments);
};

require("azurite/dist/src/blob/main.js");
