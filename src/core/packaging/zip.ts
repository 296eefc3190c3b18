import { ZipFile } from 'yazl';
import type { Artifact } from '../model';

// A fixed timestamp keeps the zip's bytes a function of the content alone.
const EPOCH = new Date('2020-01-01T00:00:00Z');

/** The artifact as a deterministic zip, the form cloud platforms upload. */
export function zipArtifact(artifact: Artifact): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const zip = new ZipFile();
    for (const file of [...artifact.files].sort((a, b) => a.path.localeCompare(b.path))) {
      zip.addBuffer(Buffer.from(file.data), file.path, { mtime: EPOCH, mode: file.mode ?? 0o644 });
    }
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
    zip.end();
  });
}
