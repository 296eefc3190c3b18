// A tar archive built in memory (POSIX ustar, with a pax header for long paths): the build
// context the Docker engine takes. Small, so no dependency; fixed times keep it reproducible.

export interface TarEntry {
  /** POSIX path, no leading slash. */
  path: string;
  data: Uint8Array;
  /** Unix mode; default 0o644. */
  mode?: number;
}

const BLOCK = 512;
const MTIME = Math.floor(Date.UTC(2020, 0, 1) / 1000);

export function tarArchive(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  const dirs = new Set<string>();
  for (const entry of [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const segments = entry.path.split('/');
    if (segments.some((s) => s === '' || s === '.' || s === '..')) throw new Error(`Cannot put '${entry.path}' in a build context: not a plain relative path`);
    for (let i = 1; i < segments.length; i++) {
      const dir = segments.slice(0, i).join('/') + '/';
      if (dirs.has(dir)) continue;
      dirs.add(dir);
      parts.push(...record(dir, '5', 0o755, new Uint8Array(0)));
    }
    parts.push(...record(entry.path, '0', entry.mode ?? 0o644, entry.data));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

/** One member: a pax header first when the path does not fit ustar's name and prefix fields. */
function record(path: string, type: '0' | '5' | 'x', mode: number, data: Uint8Array): Buffer[] {
  const out: Buffer[] = [];
  let split = splitPath(path);
  if (!split) {
    out.push(...record(`PaxHeaders/${path.slice(-80).replace(/\//g, '_')}`, 'x', 0o644, paxPath(path)));
    split = { prefix: '', name: path.slice(-99) };
  }
  const header = Buffer.alloc(BLOCK);
  header.write(split.name, 0, 100, 'utf8');
  writeOctal(header, mode & 0o7777, 100, 8);
  writeOctal(header, 0, 108, 8);
  writeOctal(header, 0, 116, 8);
  writeOctal(header, data.byteLength, 124, 12);
  writeOctal(header, MTIME, 136, 12);
  header.write(type, 156, 1, 'latin1');
  header.write('ustar\u000000', 257, 8, 'latin1');
  header.write(split.prefix, 345, 155, 'utf8');
  header.fill(' ', 148, 156);
  let sum = 0;
  for (const byte of header) sum += byte;
  writeOctal(header, sum, 148, 7);
  out.push(header, Buffer.from(data));
  const pad = (BLOCK - (data.byteLength % BLOCK)) % BLOCK;
  if (pad > 0) out.push(Buffer.alloc(pad));
  return out;
}

function splitPath(path: string): { prefix: string; name: string } | undefined {
  if (Buffer.byteLength(path) <= 100) return { prefix: '', name: path };
  for (let at = path.indexOf('/'); at >= 0; at = path.indexOf('/', at + 1)) {
    const prefix = path.slice(0, at);
    const name = path.slice(at + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return { prefix, name };
  }
  return undefined;
}

/** A pax `path=` record: its length field counts its own digits. */
function paxPath(path: string): Buffer {
  const body = ` path=${path}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length++;
  return Buffer.from(`${length}${body}`, 'utf8');
}

function writeOctal(header: Buffer, value: number, offset: number, width: number): void {
  header.write(value.toString(8).padStart(width - 1, '0') + '\0', offset, width, 'latin1');
}
