// Screenshot tests: every demo story (demo/stories.ts, demo/stories-crosswatch.ts), light and
// dark, in Debian's Chromium, compared with the PNGs in test/screenshots/baselines/.
//
//   npm run test:screenshots                      compare (part of `npm test`)
//   npm run test:screenshots -- --update          rewrite the baselines that differ, add missing ones, drop stale ones
//   npm run test:screenshots -- --only hint,empty  only these stories
//
// A difference writes test-output/screenshots/<story>.<theme>.{actual,expected,diff}.png and names
// the story and the number of differing pixels. What makes a capture repeatable:
//  - the built demo (demo-dist/, rebuilt when stale) on a fixed origin, http://localhost (a static
//    server on a free port is Chromium's proxy): URLs the stories show and the QR code do not
//    change with the port;
//  - fonts: only fonts-liberation (the package CI installs) through a fontconfig file of our own,
//    whatever else the machine has;
//  - width 1280, deviceScaleFactor 1, the viewport as tall as the story (cards far below would
//    otherwise skip rendering: content-visibility), reduced motion, animations and caret off;
//  - the story reached its state (the demo marks #stage[data-played]), no request in flight,
//    every custom element defined, nothing busy, fonts loaded, then two identical captures in a row;
//  - masked: the device code (random), the line with its countdowns (wall clock) and Slowed down's
//    growing interval. The request log (times, durations) is not in the frame: only the canvas (story
//    header and stage) is captured.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDemoIfNeeded, launchChromium, repoRoot, startStaticServer } from '../e2e/support.mjs';
import { compare, MAX_DIFF_PIXELS, THRESHOLD } from './compare.mjs';

const args = process.argv.slice(2);
const UPDATE = args.includes('--update');
const onlyAt = args.indexOf('--only');
const ONLY = onlyAt >= 0 ? new Set((args[onlyAt + 1] ?? '').split(',').filter(Boolean)) : undefined;

const ORIGIN = 'http://localhost';
const WIDTH = 1280;
const MIN_HEIGHT = 900;
const THEMES = ['light', 'dark'];
const TIMEOUT = 20_000;
/** Stories captured at once (pages in one browser); SCREENSHOT_WORKERS=1 for one at a time. */
const WORKERS = Math.max(1, Number(process.env.SCREENSHOT_WORKERS) || 2);
const baselineDir = join(repoRoot, 'test/screenshots/baselines');
const outDir = join(repoRoot, 'test-output/screenshots');
const started = Date.now();

/**
 * Random or clock-driven, so never the same twice: painted over (in magenta) before comparing. The
 * countdown's width changes with its text (9:59 / 10:00), so its whole line is masked: a box of
 * the same size every time.
 */
const MASKS = [
  'cw-device-flow [part~="code"]',
  'cw-device-flow [part~="status"]:has([part~="countdown"])',
  // Slowed down: the interval it shows grows by 5 s with every poll (the story's point), so a busy
  // machine captured "10 s" where the baseline has "5 s".
  '#stage[data-played="device-slow-down"] .inspector',
];

/** Only the canvas is captured, at its full height; the columns beside it keep their size. */
const CAPTURE_CSS = `
.app { height: auto !important; align-items: start; }
.canvas { overflow: visible !important; }
.sidebar, .panel { height: ${MIN_HEIGHT}px; }
`;

/**
 * A fontconfig file that sees only fonts-liberation (the package CI installs; DejaVu, which other
 * packages bring, would otherwise win for system-ui and sans-serif), with Debian's rules.
 */
function fontConfig() {
  const dir = join(repoRoot, '.cache/screenshots');
  mkdirSync(join(dir, 'fontconfig-cache'), { recursive: true });
  const file = join(dir, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts/truetype/liberation</dir>
  <cachedir>${join(dir, 'fontconfig-cache')}</cachedir>
  <include ignore_missing="yes">/etc/fonts/conf.d</include>
  <!-- Debian's rules name DejaVu first for the generic families; without it they must name these. -->
  <alias binding="same"><family>sans-serif</family><prefer><family>Liberation Sans</family></prefer></alias>
  <alias binding="same"><family>system-ui</family><prefer><family>Liberation Sans</family></prefer></alias>
  <alias binding="same"><family>serif</family><prefer><family>Liberation Serif</family></prefer></alias>
  <alias binding="same"><family>monospace</family><prefer><family>Liberation Mono</family></prefer></alias>
</fontconfig>
`,
  );
  if (!existsSync('/usr/share/fonts/truetype/liberation')) {
    console.error('fonts-liberation is missing (apt-get install fonts-liberation): the screenshots need it.');
    process.exit(1);
  }
  return file;
}

buildDemoIfNeeded();
mkdirSync(baselineDir, { recursive: true });
rmSync(outDir, { recursive: true, force: true });

let server;
let browser;
let context;
/** [{ id, title }] from the demo's own sidebar. */
let stories = [];
/** The most pixels any capture differed by (reported: how close the runs come to the tolerance). */
let largestDiff = 0;
let captured = 0;

before(async () => {
  // The static server is Chromium's proxy: every request for http://localhost/… (the service
  // worker's update checks too) reaches it, whatever port it got.
  server = await startStaticServer({
    root: join(repoRoot, 'demo-dist'),
    before(req, _res, next) {
      if (/^https?:\/\//.test(req.url ?? '')) req.url = new URL(req.url).pathname + new URL(req.url).search;
      next();
    },
  });
  browser = await launchChromium([`--proxy-server=${server.url}`, '--proxy-bypass-list=<-loopback>'], {
    env: { ...process.env, FONTCONFIG_FILE: fontConfig() },
  });
  context = await browser.newContext({
    viewport: { width: WIDTH, height: MIN_HEIGHT },
    deviceScaleFactor: 1,
    colorScheme: 'light',
    reducedMotion: 'reduce',
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/`);
  await page.locator('#story-nav a[data-story]').first().waitFor();
  stories = await page.$$eval('#story-nav a[data-story]', (links) => links.map((a) => ({ id: a.dataset.story, title: a.textContent })));
  await page.close();
});

after(async () => {
  await browser?.close();
  await server?.close();
  const wanted = new Set(stories.flatMap(({ id }) => THEMES.map((theme) => `${id}.${theme}.png`)));
  if (UPDATE && !ONLY && stories.length) {
    for (const file of readdirSync(baselineDir)) {
      if (file.endsWith('.png') && !wanted.has(file)) {
        rmSync(join(baselineDir, file));
        console.log(`# removed the baseline of a story that is gone: ${file}`);
      }
    }
  }
  console.log(
    `# screenshots: ${captured} captures (${THEMES.join(' and ')}) in ${((Date.now() - started) / 1000).toFixed(1)} s` +
      ` (tolerance: ${MAX_DIFF_PIXELS} pixels beyond a colour distance of ${THRESHOLD}, antialiasing ignored;` +
      ` the largest difference seen: ${largestDiff} pixels)`,
  );
});

/** Opens a story in a fresh page and waits until it shows its final state. */
async function openStory(page, story) {
  const errors = [];
  const inFlight = new Set();
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) errors.push(`console.error: ${message.text()}`);
  });
  page.on('request', (request) => inFlight.add(request));
  page.on('requestfinished', (request) => inFlight.delete(request));
  page.on('requestfailed', (request) => inFlight.delete(request));
  await page.goto(`${ORIGIN}/#/${story.id}`);
  await page.addStyleTag({ content: CAPTURE_CSS });
  await page.waitForFunction(
    ({ id, title }) =>
      document.getElementById('story-error')?.textContent !== '' ||
      (document.getElementById('canvas-title')?.textContent === title && document.getElementById('stage')?.dataset.played === id),
    story,
  );
  const storyError = await page.locator('#story-error').textContent();
  assert.equal(storyError, '', `story ${story.id} could not be set up`);
  const settle = async () => {
    await page.waitForFunction(() => {
      const all = [];
      const walk = (root) => {
        for (const el of root.querySelectorAll('*')) {
          all.push(el);
          if (el.shadowRoot) walk(el.shadowRoot);
        }
      };
      walk(document);
      return (
        document.fonts.status === 'loaded' &&
        !all.some((el) => el.localName.includes('-') && !customElements.get(el.localName)) &&
        !all.some((el) => el.getAttribute('aria-busy') === 'true')
      );
    });
    // No request in flight for 300 ms (lazy chunks, the German strings, the cards' requests).
    for (let quiet = 0; quiet < 3;) {
      await page.waitForTimeout(100);
      quiet = inFlight.size ? 0 : quiet + 1;
    }
  };
  return { errors, settle };
}

/** The canvas, once two captures in a row are the same. */
async function stableCapture(page, settle) {
  let previous;
  for (let attempt = 0; attempt < 20; attempt++) {
    await settle();
    const height = await page.evaluate(() => Math.ceil(document.getElementById('canvas').getBoundingClientRect().bottom));
    const size = page.viewportSize();
    if (size.height !== Math.max(MIN_HEIGHT, height)) await page.setViewportSize({ width: WIDTH, height: Math.max(MIN_HEIGHT, height) });
    const shot = await page.locator('#canvas').screenshot({
      animations: 'disabled',
      caret: 'hide',
      scale: 'css',
      mask: MASKS.map((selector) => page.locator(selector)),
    });
    if (previous && shot.equals(previous)) return shot;
    previous = shot;
  }
  throw new Error('the canvas kept changing (20 captures, none the same as the one before)');
}

/** Switches the demo's theme control as a person would (the story stays mounted). */
async function useTheme(page, theme) {
  await page.locator(`input[name="theme"][value="${theme}"]`).evaluate((radio) => {
    if (!radio.checked) radio.click();
  });
  await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
}

/** Compares with the baseline (or writes it with --update); returns a failure message or ''. */
function check(name, shot) {
  const baseline = join(baselineDir, `${name}.png`);
  if (!existsSync(baseline)) {
    if (UPDATE) {
      writeFileSync(baseline, shot);
      console.log(`# new baseline: test/screenshots/baselines/${name}.png`);
      return '';
    }
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, `${name}.actual.png`), shot);
    return `${name}: no baseline (npm run test:screenshots -- --update writes it); actual: test-output/screenshots/${name}.actual.png`;
  }
  captured++;
  const result = compare(shot, readFileSync(baseline));
  largestDiff = Math.max(largestDiff, result.diffPixels);
  if (result.ok) return '';
  if (UPDATE) {
    writeFileSync(baseline, shot);
    console.log(`# updated baseline: test/screenshots/baselines/${name}.png (${result.reason})`);
    return '';
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `${name}.actual.png`), shot);
  writeFileSync(join(outDir, `${name}.expected.png`), readFileSync(baseline));
  if (result.diffPng) writeFileSync(join(outDir, `${name}.diff.png`), result.diffPng);
  return `${name}: ${result.reason} → test-output/screenshots/${name}.{actual,expected${result.diffPng ? ',diff' : ''}}.png`;
}

describe('demo stories, light and dark', () => {
  test('the demo lists its stories', () => {
    assert.ok(stories.length > 20, `stories found in the sidebar: ${stories.length}`);
  });

  // node:test registers tests synchronously; the story list arrives in before(): one test walks it.
  test('every story matches its baselines', async () => {
    const failures = [];
    const queue = stories.filter((story) => !ONLY || ONLY.has(story.id));
    const worker = async () => {
      for (let story = queue.shift(); story; story = queue.shift()) await runStory(story, failures);
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
    assert.deepEqual(failures, [], `${failures.length} screenshot(s) differ from their baselines:\n${failures.join('\n')}`);
  });
});

/** Both themes of one story; failures are collected, so one story never hides the next. */
async function runStory(story, failures) {
  const storyStarted = Date.now();
  const page = await context.newPage();
  try {
    const { errors, settle } = await openStory(page, story);
    for (const theme of THEMES) {
      await useTheme(page, theme);
      const failure = check(`${story.id}.${theme}`, await stableCapture(page, settle));
      if (failure) {
        failures.push(failure);
        console.log(`# FAIL ${story.title} (${story.id}), ${theme}: ${failure}`);
      }
    }
    console.log(`# ${story.id}: ${((Date.now() - storyStarted) / 1000).toFixed(1)} s`);
    if (errors.length) failures.push(`${story.id}: the page logged errors:\n  ${errors.join('\n  ')}`);
  } catch (error) {
    failures.push(`${story.id}: ${error.message}`);
  } finally {
    await page.close();
  }
}

describe('the tolerance', () => {
  // A real change must fail the comparison: the same story with one button recoloured or moved.
  const STORY = 'alone-device';
  const changes = {
    'the primary button a shade lighter (#2563eb)':
      'cw-device-flow::part(start-button) { background: #2563eb !important; border-color: #2563eb !important; }',
    'the primary button moved 2 px right': 'cw-device-flow::part(start-button) { position: relative; left: 2px; }',
  };
  for (const [what, css] of Object.entries(changes)) {
    test(`fails on ${what}`, async () => {
      const baseline = join(baselineDir, `${STORY}.light.png`);
      assert.ok(existsSync(baseline), `the baseline ${STORY}.light.png exists`);
      const page = await context.newPage();
      try {
        const { settle } = await openStory(
          page,
          stories.find((s) => s.id === STORY),
        );
        await useTheme(page, 'light');
        const unchanged = compare(await stableCapture(page, settle), readFileSync(baseline));
        assert.ok(unchanged.ok, `unchanged, it matches: ${unchanged.reason}`);
        await page.addStyleTag({ content: css });
        const changed = compare(await stableCapture(page, settle), readFileSync(baseline));
        assert.ok(!changed.ok, `changed, it must not match: ${changed.reason}`);
        console.log(`# ${what}: ${changed.reason}`);
      } finally {
        await page.close();
      }
    });
  }
});
