// Waits request.ms milliseconds (default 100): a stand-in for a call to a slow service,
// useful to study concurrency, scale-out and cold starts without burning CPU.

interface SleepRequest {
  ms?: number;
}

// @faas memory=128 timeout=60 platforms=local
export async function sleeper(request: SleepRequest, _context: unknown): Promise<{ sleptMs: number }> {
  const ms = Math.max(0, Math.min(request.ms ?? 100, 55_000));
  await new Promise((resolve) => setTimeout(resolve, ms));
  return { sleptMs: ms };
}
