import cliProgress from "cli-progress";
import { formatNumber, percent } from "./format.js";

/** A progress display on stderr: a live bar on a terminal, plain lines otherwise. */
interface ProgressView {
  /**
   * Shows `done` of `total`, a short status text and, when given, the counts per state
   * (a second live line on a terminal; appended to the line otherwise).
   */
  update(done: number, total: number, status: string, counts?: string): void;
  /** Prints a message line without breaking the display. */
  log(message: string): void;
  /** Removes the live display (the last state stays visible). */
  stop(): void;
}

/** "45% | 450/1,000 | running". */
function line(done: number, total: number, status: string): string {
  return `${percent(done, total).padStart(4)} | ${formatNumber(done)}/${formatNumber(total)} | ${status}`;
}

/** A cli-progress bar redrawn as values change, with messages logged above it. */
function barView(stream: NodeJS.WriteStream): ProgressView {
  const multi = new cliProgress.MultiBar(
    {
      stream,
      format: " {bar} {text}",
      barsize: 30,
      hideCursor: false,
      clearOnComplete: false,
      emptyOnZero: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const bar = multi.create(1, 0, { text: "" });
  let countsBar: cliProgress.SingleBar | null = null;
  return {
    update(done, total, status, counts) {
      bar.setTotal(Math.max(total, 1));
      bar.update(done, { text: line(done, total, status) });
      if (counts !== undefined) {
        countsBar ??= multi.create(1, 0, { counts: "" }, { format: " {counts}" });
        countsBar.update(0, { counts });
      }
      multi.update(); // redrawn now (the watcher reads once a second), not on the bar's own timer
    },
    log(message) {
      multi.log(`${message}\n`);
      multi.update();
    },
    stop() {
      multi.update();
      multi.stop();
    },
  };
}

/**
 * Plain lines for a log file or pipe: one when the progress text changes, at most every
 * `everyMs`, and always when the status changes.
 */
function lineView(stream: NodeJS.WritableStream, everyMs: number, now: () => number): ProgressView {
  let last = "";
  let lastStatus = "";
  let lastAt = -Infinity;
  return {
    update(done, total, status, counts) {
      const text =
        counts === undefined ? line(done, total, status) : `${line(done, total, status)} | ${counts}`;
      if (text === last || (status === lastStatus && now() - lastAt < everyMs)) return;
      stream.write(`${text}\n`);
      [last, lastStatus, lastAt] = [text, status, now()];
    },
    log: (message) => void stream.write(`${message}\n`),
    stop: () => {},
  };
}

/** A bar when `stream` is a terminal, plain lines (every 5 s at most) otherwise. */
export function progressView(
  stream: NodeJS.WriteStream = process.stderr,
  now: () => number = Date.now,
): ProgressView {
  return stream.isTTY ? barView(stream) : lineView(stream, 5000, now);
}
