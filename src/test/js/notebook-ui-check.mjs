// Drives the classic Notebook UI in headless Chromium as a student would: inserts a cell and checks it is
// highlighted as Java, then Run All on a notebook whose cell 2 fails and checks that the cells after it
// did not run. Saves a screenshot. Prints one line per check and 'N passed, N failed'; exits 1 on a failure.
//   usage: node notebook-ui-check.mjs NOTEBOOK_URL SCREENSHOT.png   (playwright-core from NODE_PATH)
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const [url, screenshot] = process.argv.slice(2);
const results = [];

function check(name, ok, detail) {
  results.push(ok);
  console.log(`${ok ? 'ok     ' : 'FAILED '} ${name}${ok ? '' : ': ' + JSON.stringify(detail)}`);
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  // The machine's closed network refuses Chromium's background connections; it needs none of them.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
  await page.goto(url);
  await page.waitForFunction(() => window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel
      && Jupyter.notebook.kernel.is_connected() && Jupyter.notebook.kernel_busy === false, null, { timeout: 120000 });

  // The UI learns the kernel's CodeMirror mode from kernel_info and loads it asynchronously (a fresh
  // browser profile loads it cold): wait for it, and for the typed cell to be highlighted, not just look once.
  await page.waitForFunction(() => Jupyter.notebook.codemirror_mode === 'text/x-java', null, { timeout: 60000 })
      .catch(() => {});

  // A new cell at the end, typed into as a student would.
  await page.evaluate(() => { Jupyter.notebook.select(Jupyter.notebook.ncells() - 1); Jupyter.notebook.command_mode(); });
  await page.keyboard.press('b');
  await page.keyboard.press('Enter');
  await page.keyboard.type('int answer = 42; String word = "java"; // new cell');
  await page.keyboard.press('Escape');
  const highlighting = () => {
    const cell = Jupyter.notebook.get_cell(Jupyter.notebook.ncells() - 1);
    return {
      mode: cell.code_mirror.getOption('mode'),
      classes: [...cell.element[0].querySelectorAll('.CodeMirror-code span[class^="cm-"]')].map(s => s.className + ':' + s.textContent),
    };
  };
  const highlightedAsJava = tokens => tokens.mode === 'text/x-java' && ['cm-type:int', 'cm-number:42', 'cm-string:"java"',
      'cm-comment:// new cell'].every(token => tokens.classes.includes(token));
  await page.waitForFunction(`(${highlightedAsJava})((${highlighting})())`, null, { timeout: 60000 }).catch(() => {});
  const tokens = await page.evaluate(highlighting);
  check('an inserted cell is highlighted as Java (text/x-java)', highlightedAsJava(tokens), tokens);

  // Run All, as from the Cell menu.
  await page.click('#celllink');
  await page.click('#run_all_cells');
  await page.waitForFunction(() => Jupyter.notebook.get_cells().some(c => c.output_area && c.output_area.outputs.some(o => o.output_type === 'error')),
      null, { timeout: 120000 });
  await page.waitForFunction(() => Jupyter.notebook.kernel_busy === false && !document.querySelector('.running'), null, { timeout: 120000 });
  await page.waitForTimeout(2000); // time for a wrongly run cell to show itself
  const cells = await page.evaluate(() => Jupyter.notebook.get_cells().map(c => ({
    prompt: c.input_prompt_number === undefined ? null : c.input_prompt_number,
    outputs: c.output_area ? c.output_area.outputs.map(o => o.output_type + ':' + (o.text || o.ename || '')) : [],
  })));
  check('cell 1 ran', cells[0].prompt !== null && cells[0].prompt !== '*', cells[0]);
  check('cell 2 shows its error', cells[1].outputs.length === 1 && cells[1].outputs[0].startsWith('error:IllegalStateException'), cells[1]);
  const later = cells.slice(2);
  check('Run All stopped at the failing cell: no later cell ran',
      later.every(c => c.outputs.length === 0 && (c.prompt === null || c.prompt === ' ')), later);
  await page.screenshot({ path: screenshot, fullPage: true });
} finally {
  await browser.close();
}
const failed = results.filter(ok => !ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
