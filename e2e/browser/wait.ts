/** Waiting on conditions, never on the clock. */

/** A short pause between two polls of a condition. */
const POLL_MS = 100;

/**
 * Polls `probe` until it returns something other than false, undefined or null, and returns it.
 * On timeout the error names what was awaited and what the last probe saw (`describe`).
 */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | false | undefined | null> | T | false | undefined | null,
  describe?: () => Promise<string> | string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== false && value !== undefined && value !== null) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const seen = describe ? ` (last seen: ${await Promise.resolve(describe()).catch((e: unknown) => String(e))})` : '';
  const error = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${seen}${error}`);
}
