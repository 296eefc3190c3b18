// Turns a byte stream into lines; a last line without a newline is given out on end.
import type { Readable } from 'node:stream';
import { LineSplitter } from '../../core/runtime/node/line-splitter';

export function onLines(stream: Readable, onLine: (line: string) => void, onEnd?: () => void): void {
  const lines = new LineSplitter(onLine);
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => lines.push(chunk));
  stream.on('end', () => {
    lines.end();
    onEnd?.();
  });
}
