// CPU-bound work in the spirit of SAAF's "calcs" function: `calcs` rounds of arithmetic
// on random operands over an array of `arraySize`. Its runtime scales with the CPU share a
// platform gives a memory size, which is what a memory sweep measures.

// @faas memory=256 timeout=60 platforms=local
export function calcs(request, _context) {
  const calcs = request.calcs ?? 100000;
  const arraySize = request.arraySize ?? 1000;
  const seed = request.seed ?? 42;
  let state = seed >>> 0;
  const random = () => {
    // xorshift32: deterministic operands so runs are comparable.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const operands = new Float64Array(arraySize);
  let checksum = 0;
  for (let i = 0; i < calcs; i++) {
    const j = i % arraySize;
    const a = random() * 10000 + 1;
    const b = random() * 10000 + 1;
    operands[j] = (a * b) / (a + b) + Math.sqrt(a) - Math.log(b);
    checksum += operands[j];
  }
  return { calcs, arraySize, checksum: Math.round(checksum) };
}
