// Requests made during a device flow the user approves 60 s after the code appeared, against the
// real HTTP mock (real timers, interval 5 s), beside RFC 8628's minimum ⌈60 / interval⌉ + 1
// (the start request plus one poll per interval until the approval is seen).
import { badge, card, launchChromium, part, startMock, startStaticServer } from '../../test/e2e/support.mjs';

const APPROVE_AFTER_MS = Number(process.env.BENCH_APPROVE_AFTER_MS ?? 60_000);
const EXAMPLE_BASE_URL = 'http://127.0.0.1:8787';

export async function run() {
  const mock = await startMock('contract');
  const web = await startStaticServer({
    transform: (path, html) => (path === '/examples/script-tag/' ? html.replaceAll(EXAMPLE_BASE_URL, mock.url) : undefined),
  });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const events = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/api/plex/')) events.push({ at: Date.now(), path: path.replace('/api/plex/', ''), method: request.method() });
    });
    const pollAnswers = [];
    page.on('response', async (response) => {
      if (!response.url().includes('/api/plex/device/poll')) return;
      try {
        pollAnswers.push((await response.json()).status);
      } catch {
        pollAnswers.push('unreadable');
      }
    });
    await page.goto(`${web.url}/examples/script-tag/`);
    const plex = card(page, 'Plex');
    await part(plex, 'start-button').waitFor();
    const before = events.length;
    await part(plex, 'start-button').click();
    await part(plex, 'code').waitFor();
    const codeShownAt = Date.now();
    const interval = mock.backend.snapshot().deviceFlows.find((f) => f.provider === 'plex')?.interval ?? 5;
    console.log(`device flow: code shown, approving in ${APPROVE_AFTER_MS / 1000} s (real time) …`);
    await new Promise((r) => setTimeout(r, APPROVE_AFTER_MS));
    mock.backend.approveDevice('plex', { account: 'bench' });
    const approvedAt = Date.now();
    await badge(plex).filter({ hasText: 'Connected' }).waitFor({ timeout: 20_000 });
    const connectedAt = Date.now();
    await context.close();

    const flow = events.slice(before).filter((e) => e.at <= connectedAt);
    const device = flow.filter((e) => e.path.startsWith('device/'));
    const polls = device.filter((e) => e.path === 'device/poll');
    const starts = device.filter((e) => e.path === 'device/start');
    const gaps = polls.slice(1).map((p, i) => p.at - polls[i].at);
    const firstGap = polls.length ? polls[0].at - starts[0].at : NaN;
    const minimum = Math.ceil(APPROVE_AFTER_MS / 1000 / interval) + 1;
    const others = flow.filter((e) => !e.path.startsWith('device/'));
    const sorted = [...gaps].sort((a, b) => a - b);
    const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
    console.log(
      `device flow: ${device.length} device requests (${starts.length} start + ${polls.length} polls) vs RFC 8628 minimum ${minimum}; poll gaps ${s(sorted[0])}–${s(sorted.at(-1))}; slow_down answers ${pollAnswers.filter((a) => a === 'slow_down').length}; connected ${s(connectedAt - approvedAt)} after approval`,
    );
    const lines = [
      '| | requests | detail |',
      '|---|---:|---|',
      `| the widget | **${device.length}** | ${starts.length} \`device/start\` + ${polls.length} \`device/poll\`; first poll ${s(firstGap)} after start, then gaps ${s(sorted[0])}–${s(sorted.at(-1))} (median ${s(sorted[Math.floor(sorted.length / 2)])}); \`slow_down\` answers: ${pollAnswers.filter((a) => a === 'slow_down').length} |`,
      `| RFC 8628 minimum ⌈${APPROVE_AFTER_MS / 1000} / ${interval}⌉ + 1 | ${minimum} | one start, then one poll per ${interval} s interval until the approval is seen |`,
      `| other requests to the provider during the flow | ${others.length} | ${others.length ? `${others.map((e) => `${e.method} ${e.path}`).join(', ')} (the card confirms the connection)` : 'none'} |`,
      '',
      `Real time against the contract mock over HTTP (\`interval\` ${interval} s, the server answers \`slow_down\` to polls earlier than the interval minus 250 ms). Approval through the mock's control API ${s(approvedAt - codeShownAt)} after the code appeared; the card showed **Connected** ${s(connectedAt - approvedAt)} later. Counted from the click on **Get code** to **Connected**, from the page's own requests.`,
    ];
    return { title: 'Requests during a device flow', markdown: lines.join('\n'), figures: { device: device.length, polls: polls.length, minimum, gaps, others: others.length } };
  } finally {
    await browser.close();
    await web.close();
    await mock.close();
  }
}
