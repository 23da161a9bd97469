/**
 * When to restart a server that died: a few times, then stop and tell the user, so a server that
 * crashes on start does not spin forever. No `vscode` import.
 */
export class CrashWindow {
  private crashes: number[] = [];

  /**
   * @param maxRestarts restarts allowed within `windowMs`; the next crash in the window stops.
   * @param windowMs the window, in milliseconds.
   * @param now the clock (tests pass their own).
   */
  constructor(
    readonly maxRestarts = 4,
    readonly windowMs = 3 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a crash; true when the server should be restarted. */
  crashed(): boolean {
    const t = this.now();
    this.crashes = this.crashes.filter((c) => t - c < this.windowMs);
    this.crashes.push(t);
    return this.crashes.length <= this.maxRestarts;
  }

  /** Crashes counted in the current window. */
  get count(): number {
    return this.crashes.length;
  }

  /** Forgets past crashes (after the user restarts the server). */
  reset(): void {
    this.crashes = [];
  }
}
