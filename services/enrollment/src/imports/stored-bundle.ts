import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { BundleSource } from './domain';
import type { StoredUpload } from './upload-store';
import { openZip, ZipError, ZipLimits } from './zip-archive';

/** A stored upload opened as the domain's bundle input: every file a lazy stream, opened when read. */
export interface OpenedBundle {
  files: Map<string, BundleSource>;
  /** bytes of all files (uncompressed), and a counter of the bytes read so far */
  bytesTotal: number;
  bytesRead(): number;
  close(): void;
}

export async function openStoredBundle(upload: StoredUpload, limits: ZipLimits): Promise<OpenedBundle> {
  let read = 0;
  const counted = (open: () => AsyncIterable<Buffer>): AsyncIterable<Buffer> => ({
    async *[Symbol.asyncIterator]() {
      for await (const chunk of open()) {
        read += chunk.length;
        yield chunk;
      }
    },
  });
  if (upload.kind === 'zip') {
    const zip = await openZip(upload.path, limits);
    const files = new Map<string, BundleSource>();
    for (const entry of zip.entries) {
      if (files.has(entry.fileName)) {
        zip.close();
        throw new ZipError(`the zip holds two entries named ${entry.fileName}`);
      }
      files.set(entry.fileName, counted(() => zip.read(entry)));
    }
    return { files, bytesTotal: zip.uncompressedBytes, bytesRead: () => read, close: () => zip.close() };
  }
  const files = new Map<string, BundleSource>();
  let bytesTotal = 0;
  for (const f of upload.files) {
    bytesTotal += (await stat(f.path)).size;
    files.set(f.name, counted(() => createReadStream(f.path, { highWaterMark: 256 * 1024 })));
  }
  return { files, bytesTotal, bytesRead: () => read, close: () => undefined };
}
