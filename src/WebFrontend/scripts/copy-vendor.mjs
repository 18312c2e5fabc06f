// Copies the browser builds of the npm runtime libraries into wwwroot/dist/lib/, where the pages load
// them as classic scripts (globals jQuery/$, signalR, Chart, ZXingBrowser), and the self-hosted Bangla font into
// wwwroot/dist/fonts/ (the @font-face rules in Styles/app.css point there). Run by Frontend.targets
// (`npm run build:vendor`) whenever package-lock.json or this script changes.
import { copyFile, mkdir, readFile, utimes } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");
const dist = join(root, "wwwroot", "dist");

/** [package, file inside the package, path under wwwroot/dist] */
const files = [
  ["jquery", "dist/jquery.min.js", "lib/jquery.min.js"],
  ["jquery", "dist/jquery.min.map", "lib/jquery.min.map"],
  ["@microsoft/signalr", "dist/browser/signalr.min.js", "lib/signalr.min.js"],
  ["@microsoft/signalr", "dist/browser/signalr.min.js.map", "lib/signalr.min.js.map"],
  ["chart.js", "dist/chart.umd.min.js", "lib/chart.umd.min.js"],
  ["chart.js", "dist/chart.umd.min.js.map", "lib/chart.umd.min.js.map"],
  // Self-contained UMD build (global ZXingBrowser): the boarding scanner's QR decoder.
  ["@zxing/browser", "umd/zxing-browser.min.js", "lib/zxing-browser.min.js"],
  ["@zxing/browser", "umd/zxing-browser.min.js.map", "lib/zxing-browser.min.js.map"],
  // Only the Bengali-script subset, regular and bold: Latin text keeps the system font, and the other weights the
  // pages ask for (medium, semibold) resolve to these two, so a Bangla page downloads about 90 KB of font.
  ["@fontsource/noto-sans-bengali", "files/noto-sans-bengali-bengali-400-normal.woff2", "fonts/noto-sans-bengali-400.woff2"],
  ["@fontsource/noto-sans-bengali", "files/noto-sans-bengali-bengali-700-normal.woff2", "fonts/noto-sans-bengali-700.woff2"],
];

await mkdir(join(dist, "lib"), { recursive: true });
await mkdir(join(dist, "fonts"), { recursive: true });
const now = new Date();
for (const [pkg, file, name] of files) {
  const source = join(modules, pkg, file);
  const destination = join(dist, name);
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
console.log(`copy-vendor: ${files.length} files -> ${relative(root, dist)}`);

async function packageVersion(pkg) {
  try {
    return JSON.parse(await readFile(join(modules, pkg, "package.json"), "utf8")).version;
  } catch {
    return undefined;
  }
}
