// The end of a call's output, as the shim marks it for the platform that reads its logs.

/**
 * Marks the end of a call's output on stdout and stderr, after what the handler printed from
 * timers it set before returning (a 0 ms timer set earlier fires before this one). Writes to
 * pipes are synchronous on Linux, so the markers follow every earlier line; the next call waits.
 */
export function endOutput(marker: string): Promise<void> {
  return new Promise((resolve) =>
    setTimeout(() => {
      process.stdout.write(marker + '\n');
      process.stderr.write(marker + '\n', () => resolve());
    }, 0),
  );
}
