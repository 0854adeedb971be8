// Opens a self-contained TimelineJS page (uchronia export --format timelinejs-html) from the disk in
// headless Chromium with every request that is not file: blocked, and reports what rendered.
//   node check_page.js PAGE.html --screenshot OUT.png
// Prints JSON: { slides, title, blocked: [urls], requests: [urls], errors: [...] }; exit 0 when read.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const args = process.argv.slice(2);
const file = args[0];
const shotAt = args.indexOf('--screenshot');
const shot = shotAt >= 0 ? args[shotAt + 1] : null;
if (!file || !fs.existsSync(file)) { process.stderr.write('usage: node check_page.js PAGE.html [--screenshot OUT.png]\n'); process.exit(2); }

(async () => {
  const { chromium } = require('playwright-core');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tlpage-profile-'));
  const out = { slides: 0, title: false, blocked: [], requests: [], errors: [] };
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1280, height: 720 }, timeout: 60000,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  try {
    await context.route('**/*', (route) => {
      const u = route.request().url();
      out.requests.push(u.slice(0, 200));
      if (u.startsWith('file:')) return route.continue();
      out.blocked.push(u.slice(0, 200));
      return route.abort('blockedbyclient');
    });
    const page = context.pages()[0] || (await context.newPage());
    page.on('pageerror', (e) => out.errors.push('uncaught: ' + String(e).split('\n')[0]));
    page.on('console', (m) => { if (m.type() === 'error') out.errors.push('console: ' + m.text().slice(0, 300)); });
    page.on('requestfailed', (r) => { if (!r.url().startsWith('file:')) return; out.errors.push('failed: ' + r.url().slice(0, 200)); });
    await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: 'load', timeout: 60000 });
    await page.waitForSelector('.tl-storyslider .tl-slide-titleslide, .tl-storyslider .tl-slide', { timeout: 30000 }).catch(() => {});
    await page.waitForTimeout(1500);   // the slide animation
    const r = await page.evaluate(() => ({
      slides: document.querySelectorAll('.tl-storyslider .tl-slide:not(.tl-slide-titleslide)').length,
      title: document.querySelectorAll('.tl-storyslider .tl-slide-titleslide').length > 0,
      message: (document.querySelector('.tl-message-full .tl-message-content') || {}).textContent || null,
      scripts_from_data: Array.from(document.querySelectorAll('script')).filter((s) => s.src).length,
    }));
    Object.assign(out, r);
    if (shot) await page.screenshot({ path: shot });
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify(out) + '\n');
})().catch((e) => { process.stderr.write(String(e.stack || e) + '\n'); process.exit(2); });
