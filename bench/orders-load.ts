/**
 * The load generator of `bench/orders.ts`, in its own process (forked with the parent's
 * tsx loader) so that the clients never share the server's event loop: the figure measures
 * the server. Takes `{ url, key, seconds, concurrency, tag, count? }` as its one IPC message;
 * `concurrency` loops POST an order each (a new customer by phone, two lines by SKU, an
 * `Idempotency-Key` `<tag>-<i>`) over one keep-alive agent, for `seconds` seconds, or
 * `count` orders one after another when `count` is given (the warm-up). Answers
 * `{ latencies (ms), perSecond, failures (answers other than 201), cpuSeconds }`, then exits.
 */
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";

/** What the parent asks for. */
export interface LoadRequest {
  url: string;
  key: string;
  seconds: number;
  concurrency: number;
  tag: string;
  /** Post this many orders one after another instead (the warm-up); `seconds` is ignored. */
  count?: number;
  /** The first order's index (its idempotency key and phone). */
  first?: number;
}

/** What the child answers. */
export interface LoadResult {
  latencies: number[];
  perSecond: number;
  failures: number;
  /** CPU seconds (user + system) this process used for the run. */
  cpuSeconds: number;
}

/** One order as a shop's website posts it: customer `i`, two lines by SKU. */
function orderBody(i: number): string {
  return JSON.stringify({
    customer: { phone: `0858${String(i).padStart(8, "0")}`, name: `Pembeli ${i}` },
    lines: [
      { sku: "bench-1", quantity: 1 },
      { sku: "BENCH-2", quantity: 2 },
    ],
    paymentMethod: "transfer",
    province: "Jawa Barat",
    city: "Bandung",
  });
}

/** Runs the load `req` describes. */
async function run(req: LoadRequest): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: req.concurrency });
  const target = new URL(req.url);
  let failures = 0;
  const post = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const body = orderBody(i);
      const r = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: "POST",
          headers: {
            authorization: `Bearer ${req.key}`,
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            "idempotency-key": `${req.tag}-${i}`,
          },
        },
        (res) => {
          if (res.statusCode !== 201) failures++;
          res.resume();
          res.on("end", resolve);
          res.on("error", reject);
        },
      );
      r.on("error", reject);
      r.end(body);
    });
  const first = req.first ?? 0;
  const cpu = process.cpuUsage();
  const latencies: number[] = [];
  const start = performance.now();
  if (req.count !== undefined) {
    for (let i = 0; i < req.count; i++) await post(first + i);
  } else {
    const end = start + req.seconds * 1000;
    let n = first;
    await Promise.all(
      Array.from({ length: req.concurrency }, async () => {
        while (performance.now() < end) {
          const t = performance.now();
          await post(n++);
          latencies.push(performance.now() - t);
        }
      }),
    );
  }
  agent.destroy();
  const used = process.cpuUsage(cpu);
  return {
    latencies,
    perSecond: latencies.length / ((performance.now() - start) / 1000),
    failures,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}

process.once("message", (req: LoadRequest) => {
  run(req).then(
    (result) => process.send!(result, () => process.exit(0)),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
});
