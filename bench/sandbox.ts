/**
 * How fast one sandbox transport takes sends: N sends (default 10,000; `-- --sends N`)
 * through one connected transport with 200 in flight, as the dispatcher of a busy channel
 * would push them, against the baseline in the same run: the same sends one at a time.
 * The network runs at the test time scale (0.001), so simulated delays cost next to
 * nothing and what is measured is the transport, its batcher and the in-memory store.
 * Runs alternate; the median of `--runs` (default 3) is printed, in sends per second.
 *
 * This used to be a unit test with a time budget (10,000 sends in under 5 s); a budget in
 * a test fails on a loaded machine and says nothing on a fast one, so it lives here.
 *
 * Run: `npm run bench:sandbox`.
 */
import { connectPaired, openSandbox } from "../src/channels/sandbox/testing.js";
import { machine } from "./support.js";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const SENDS = arg("sends", 10_000);
const RUNS = arg("runs", 3);
const CHANNEL = { id: "bench-1", phone: "+6281100000000" };

/** Pushes SENDS sends through a fresh connected transport, `inFlight` at a time; resolves with sends/s. */
async function sendsPerSecond(inFlight: number): Promise<{ rate: number; accepted: number }> {
  const { network, store } = await openSandbox({ timeScale: 0.001 });
  try {
    const transport = await connectPaired(network, store, CHANNEL);
    while (transport.status !== "connected") await new Promise((r) => setTimeout(r, 5));
    let next = 0;
    let accepted = 0;
    const worker = async () => {
      while (next < SENDS) {
        const i = next++;
        const sent = await transport
          .send(`+62812${30_000_000 + i}`, { text: "Halo" }, { messageId: `m-${i}` })
          .catch(() => null);
        if (sent) accepted++;
      }
    };
    const start = performance.now();
    await Promise.all(Array.from({ length: inFlight }, worker));
    const seconds = (performance.now() - start) / 1000;
    return { rate: SENDS / seconds, accepted };
  } finally {
    network.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const parallel: number[] = [];
const serial: number[] = [];
let accepted = 0;
for (let run = 0; run < RUNS; run++) {
  const p = await sendsPerSecond(200);
  parallel.push(p.rate);
  accepted = p.accepted;
  serial.push((await sendsPerSecond(1)).rate);
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
console.log(`Sandbox transport, ${fmt(SENDS)} sends, median of ${RUNS} runs — ${machine()}`);
console.log(`  200 in flight:          ${fmt(median(parallel))} sends/s (${fmt(accepted)} accepted)`);
console.log(`  1 in flight (baseline): ${fmt(median(serial))} sends/s`);
console.log(`  ratio:                  ${(median(parallel) / median(serial)).toFixed(1)} ×`);
