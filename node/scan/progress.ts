// A progress bar on stderr while `wafscore scan` reads a long file: only when stderr is a
// terminal (never in a pipe, a log or CI), redrawn in place, erased when the scan ends. Used by command.ts.

export class Progress {
  private shown = false;
  private readonly t0 = performance.now();

  constructor(
    private readonly out: Pick<NodeJS.WriteStream, "write" | "isTTY"> = process.stderr,
    private readonly enabled = !!out.isTTY,
    private readonly delayMs = 500,
  ) {}

  /** Redraws the bar; the first draw waits delayMs so short scans print nothing. */
  update(file: string, bytes: number, size: number, requests: number): void {
    if (!this.enabled || performance.now() - this.t0 < this.delayMs) return;
    const frac = size > 0 ? Math.min(1, bytes / size) : 1;
    const width = 30, filled = Math.round(frac * width);
    const name = file.length > 30 ? "…" + file.slice(-29) : file;
    this.out.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${(100 * frac).toFixed(0).padStart(3)}%  ${requests.toLocaleString("en-US")} requests  ${name}\x1b[K`);
    this.shown = true;
  }

  /** Erases the bar so the report starts on a clean line. */
  done(): void {
    if (this.shown) this.out.write("\r\x1b[K");
    this.shown = false;
  }
}
