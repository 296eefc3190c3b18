// Turns a byte stream into lines; a last line without a newline is given out on end.
import type { Readable } from 'node:stream';

export function onLines(stream: Readable, onLine: (line: string) => void, onEnd?: () => void): void {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      onLine(buffered.slice(0, nl).replace(/\r$/, ''));
      buffered = buffered.slice(nl + 1);
    }
  });
  stream.on('end', () => {
    if (buffered !== '') onLine(buffered);
    buffered = '';
    onEnd?.();
  });
}
