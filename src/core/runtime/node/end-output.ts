// The end of a call's output, as the shim marks it for the platform that reads its logs.

/**
 * Marks the end of a call's output on stdout and stderr. Where the handler left timers, one 0 ms
 * timer turn first lets those already due print (a 0 ms timer set earlier fires before this one);
 * without any, a check-phase turn is enough and costs no millisecond. Writes to pipes are
 * synchronous on Linux, so the markers follow every earlier line; the next call waits for this.
 */
export function endOutput(marker: string): Promise<void> {
  return new Promise((resolve) => {
    const write = () => {
      process.stdout.write(marker + '\n');
      process.stderr.write(marker + '\n', () => resolve());
    };
    // Unref'd timers (the shim's own parent watch) are not listed.
    if (process.getActiveResourcesInfo().includes('Timeout')) setTimeout(write, 0);
    else setImmediate(write);
  });
}
