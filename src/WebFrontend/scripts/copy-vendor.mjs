// Copies the browser builds of the npm runtime libraries into wwwroot/dist/lib/, where the pages load
// them as classic scripts (globals jQuery/$, signalR, Chart, ZXingBrowser). Run by Frontend.targets (`npm run
// build:vendor`) whenever package-lock.json or this script changes.
import { copyFile, mkdir, readFile, utimes } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");
const target = join(root, "wwwroot", "dist", "lib");

/** [package, file inside the package, name under wwwroot/dist/lib] */
const files = [
  ["jquery", "dist/jquery.min.js", "jquery.min.js"],
  ["jquery", "dist/jquery.min.map", "jquery.min.map"],
  ["@microsoft/signalr", "dist/browser/signalr.min.js", "signalr.min.js"],
  ["@microsoft/signalr", "dist/browser/signalr.min.js.map", "signalr.min.js.map"],
  ["chart.js", "dist/chart.umd.min.js", "chart.umd.min.js"],
  ["chart.js", "dist/chart.umd.min.js.map", "chart.umd.min.js.map"],
  // Self-contained UMD build (global ZXingBrowser): the boarding scanner's QR decoder.
  ["@zxing/browser", "umd/zxing-browser.min.js", "zxing-browser.min.js"],
  ["@zxing/browser", "umd/zxing-browser.min.js.map", "zxing-browser.min.js.map"],
];

await mkdir(target, { recursive: true });
const now = new Date();
for (const [pkg, file, name] of files) {
  const source = join(modules, pkg, file);
  const destination = join(target, name);
  try {
    await copyFile(source, destination);
  } catch (error) {
    const version = await packageVersion(pkg);
    console.error(
      `copy-vendor: cannot copy ${pkg}${version ? "@" + version : ""}/${file}: ${error.code ?? error.message}. ` +
        "Run `npm ci` in src/WebFrontend (the package layout may have changed with its version).",
    );
    process.exit(1);
  }
  // Some platforms keep the source's timestamps on copy; give the copy "now" so browsers and
  // MSBuild's up-to-date checks see it as new.
  await utimes(destination, now, now);
}
console.log(`copy-vendor: ${files.length} files -> ${relative(root, target)}`);

async function packageVersion(pkg) {
  try {
    return JSON.parse(await readFile(join(modules, pkg, "package.json"), "utf8")).version;
  } catch {
    return undefined;
  }
}
