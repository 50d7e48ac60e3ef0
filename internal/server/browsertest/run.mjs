// Drives `jiandu serve`'s page in Debian's headless Chromium, as a clerk would: choose the profile, drop
// the export files on the page, wait for the findings, compare the counts shown with what `jiandu scan`
// found, download the 整改清单 and the HTML report, switch to English and back, and save screenshots.
//
// Run by internal/server/browser_test.go: node run.mjs CONFIG.json, where CONFIG holds
//   {url, chromium, files: [path], profile, out, formats: [..], expect: {findings, records, error,
//    warning, info, units: {unit: n}, rules: {"unit|rule": n}, rows, rowsWithoutErrors, cells, kpis}}
// It prints one JSON line of what it saw and exits 1 on the first mismatch.
import { chromium } from "playwright-core";
import { readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";

const cfg = JSON.parse(readFileSync(process.argv[2], "utf8"));
const seen = { downloads: {}, screenshots: [] };
const problems = [];
function check(ok, what) {
  if (!ok) problems.push(what);
}

const browser = await chromium.launch({
  executablePath: cfg.chromium || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--lang=zh-CN"],
});
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true, locale: "zh-CN" });
  const page = await context.newPage();
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") pageErrors.push(m.text()); });
  const offsite = [];
  page.on("request", (r) => { if (!r.url().startsWith(cfg.url) && !r.url().startsWith("blob:") && !r.url().startsWith("data:")) offsite.push(r.url()); });

  await page.goto(cfg.url, { waitUntil: "load" });
  await page.waitForFunction(() => document.querySelectorAll("#profile option").length > 1, null, { timeout: 15000 });
  check((await page.locator("h1").textContent()).includes("报送前自查"), "the page should open in Chinese");
  if (cfg.profile) await page.selectOption("#profile", cfg.profile);

  // drop the files on the drop zone, as a drag from the file manager does
  const files = cfg.files.map((p) => ({ name: basename(p), b64: readFileSync(p).toString("base64") }));
  await page.evaluate((files) => {
    const dt = new DataTransfer();
    for (const f of files) {
      const bin = atob(f.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], f.name));
    }
    const zone = document.getElementById("drop");
    for (const type of ["dragenter", "dragover", "drop"]) {
      zone.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  }, files);
  check(await page.locator("#file-list li").count() === files.length, "the dropped files should be listed");

  await page.click("#run");
  await page.waitForSelector("#report:not([hidden])", { timeout: 60000 });
  await page.waitForFunction(() => /完成|Done/.test(document.getElementById("progress-text").textContent), null, { timeout: 60000 });

  // the counts shown against the scan's
  const shown = await page.evaluate(() => {
    const n = (id) => Number(document.getElementById(id).textContent);
    const units = {}, rules = {};
    document.querySelectorAll("details.unit").forEach((d) => {
      units[d.dataset.unit] = Number(d.dataset.count);
      d.querySelectorAll(".rule").forEach((r) => { rules[d.dataset.unit + "|" + r.dataset.rule] = Number(r.dataset.count); });
    });
    return {
      findings: n("n-findings"), records: n("n-records"), error: n("n-error"), warning: n("n-warning"), info: n("n-info"),
      units, rules, rows: document.querySelectorAll("tr.finding").length, cells: document.querySelectorAll("td.loc .cell").length,
      kpiRows: document.querySelectorAll("#kpi-table tbody tr").length,
      clauses: document.querySelectorAll(".clauses b").length,
    };
  });
  seen.shown = shown;
  const e = cfg.expect;
  for (const k of ["findings", "records", "error", "warning", "info"]) check(shown[k] === e[k], `${k}: the page shows ${shown[k]}, the scan found ${e[k]}`);
  check(JSON.stringify(sorted(shown.units)) === JSON.stringify(sorted(e.units)), `findings by unit: page ${JSON.stringify(shown.units)}, scan ${JSON.stringify(e.units)}`);
  check(JSON.stringify(sorted(shown.rules)) === JSON.stringify(sorted(e.rules)), `findings by unit and rule: page ${JSON.stringify(shown.rules)}, scan ${JSON.stringify(e.rules)}`);
  check(shown.rows === e.rows, `rows in the findings tables: ${shown.rows}, want ${e.rows}`);
  check(shown.cells === e.cells, `spreadsheet cells shown: ${shown.cells}, want ${e.cells}`);
  check(shown.clauses > 0, "the rules' clauses should be shown");
  if (e.kpis > 0) check(shown.kpiRows > 0, "the KPI rates should be shown");

  // a filter: errors off leaves the others
  await page.click('.chip[data-sev="error"]');
  const afterFilter = await page.locator("tr.finding").count();
  check(afterFilter === e.rowsWithoutErrors, `with errors filtered out the page shows ${afterFilter} rows, want ${e.rowsWithoutErrors}`);
  await page.click('.chip[data-sev="error"]');

  await page.screenshot({ path: join(cfg.out, "serve.png") });
  seen.screenshots.push(join(cfg.out, "serve.png"));

  // downloads: the same files posted again as xlsx and html
  for (const [format, id, name] of [["xlsx", "#dl-xlsx", "整改清单.xlsx"], ["html", "#dl-html", "report.html"]]) {
    const enabled = await page.locator(id).isEnabled();
    if (!cfg.formats.includes(format)) {
      check(!enabled, `${format} is not in this build: its button should be disabled`);
      seen.downloads[format] = "not in this build";
      continue;
    }
    check(enabled, `the ${format} download should be enabled`);
    if (!enabled) continue;
    const [dl] = await Promise.all([page.waitForEvent("download", { timeout: 60000 }), page.click(id)]);
    const path = join(cfg.out, name);
    await dl.saveAs(path);
    const head = readFileSync(path).subarray(0, 4).toString("latin1");
    seen.downloads[format] = { file: path, suggested: dl.suggestedFilename(), bytes: statSync(path).size };
    if (format === "xlsx") check(head === "PK\x03\x04", "the 整改清单 should be an xlsx (zip) file");
    if (format === "html") check(readFileSync(path, "utf8").includes("<html"), "the report should be HTML");
  }

  // English and back
  await page.click('.lang button[data-lang="en"]');
  check((await page.locator("#run").textContent()) === "Check again", "the English switch should translate the page");
  check((await page.locator("#n-findings").textContent()) === String(e.findings), "the counts should survive the language switch");
  await page.screenshot({ path: join(cfg.out, "serve-en.png") });
  seen.screenshots.push(join(cfg.out, "serve-en.png"));
  await page.click('.lang button[data-lang="zh"]');
  check((await page.locator("#run").textContent()) === "重新检查", "the Chinese switch should translate back");

  // a clerk's workbook: DATA-01 points at the sheet, row and column to fix
  if (cfg.workbook) {
    while (await page.locator("#file-list li button").count()) await page.locator("#file-list li button").first().click();
    await page.selectOption("#profile", "");
    await page.setInputFiles("#files", cfg.workbook.files);
    await page.evaluate(() => { document.getElementById("progress-text").textContent = ""; });
    await page.click("#run");
    await page.waitForFunction(() => /完成|Done/.test(document.getElementById("progress-text").textContent), null, { timeout: 60000 });
    const wb = await page.evaluate(() => ({
      findings: Number(document.getElementById("n-findings").textContent),
      cells: Array.from(document.querySelectorAll("td.loc .cell")).map((c) => c.textContent),
      where: Array.from(document.querySelectorAll("td.loc")).map((c) => c.textContent).join(" | "),
    }));
    seen.workbook = wb;
    check(wb.findings === cfg.workbook.findings, `workbook: the page shows ${wb.findings} findings, the scan found ${cfg.workbook.findings}`);
    check(JSON.stringify(wb.cells) === JSON.stringify(cfg.workbook.cells), `workbook cells shown ${JSON.stringify(wb.cells)}, want ${JSON.stringify(cfg.workbook.cells)}`);
    for (const text of cfg.workbook.texts || []) check(wb.where.includes(text), `workbook: the locations should say ${text}: ${wb.where}`);
    await page.screenshot({ path: join(cfg.out, "serve-xlsx.png") });
    seen.screenshots.push(join(cfg.out, "serve-xlsx.png"));
  }

  // the page must fit the laptop screen: no horizontal scrolling
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(overflow <= 0, `the page is ${overflow}px wider than a 1366px screen`);

  check(pageErrors.length === 0, "errors in the page: " + pageErrors.join("; "));
  check(offsite.length === 0, "the page asked for something off the server: " + offsite.join(", "));
} catch (err) {
  problems.push(String(err && err.stack || err));
} finally {
  await browser.close();
}
seen.problems = problems;
console.log(JSON.stringify(seen));
process.exit(problems.length ? 1 : 0);

function sorted(o) {
  return Object.keys(o).sort().map((k) => [k, o[k]]);
}
