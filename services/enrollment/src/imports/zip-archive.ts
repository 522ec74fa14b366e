import { Readable } from 'node:stream';
import * as yauzl from 'yauzl';

/**
 * Reading an uploaded zip with yauzl: the central directory first (names and declared sizes, nothing
 * inflated), then each entry as a stream when it is read. Zip bombs are refused twice: by the declared
 * sizes before anything is inflated, and by counting the bytes actually inflated (yauzl also checks
 * each entry's bytes against its declared size).
 */

export class ZipError extends Error {
  constructor(
    message: string,
    /** 413 when the archive is too big to unpack, else 400 */
    readonly tooLarge = false,
  ) {
    super(message);
    this.name = 'ZipError';
  }
}

export interface ZipLimits {
  maxEntries: number;
  /** total uncompressed bytes of all file entries */
  maxUncompressedBytes: number;
}

export interface ZipArchive {
  /** file entries (no folders), in archive order */
  entries: yauzl.Entry[];
  uncompressedBytes: number;
  /** an entry's bytes, inflated as they are read */
  read(entry: yauzl.Entry): AsyncIterable<Buffer>;
  close(): void;
}

export async function openZip(path: string, limits: ZipLimits): Promise<ZipArchive> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (err, z) =>
      err ? reject(new ZipError(`not a readable zip archive: ${err.message}`)) : resolve(z),
    ),
  );
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new ZipError(`the zip holds ${zip.entryCount} entries; a roster bundle has a handful (at most ${limits.maxEntries})`, true);
    }
    const entries = await new Promise<yauzl.Entry[]>((resolve, reject) => {
      const found: yauzl.Entry[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        found.push(entry);
        zip.readEntry();
      });
      zip.on('end', () => resolve(found));
      zip.on('error', (err: Error) => reject(new ZipError(`not a readable zip archive: ${err.message}`)));
      zip.readEntry();
    });
    const files = entries.filter((e) => !e.fileName.endsWith('/'));
    const encrypted = files.find((e) => e.isEncrypted());
    if (encrypted) throw new ZipError(`${encrypted.fileName} is encrypted; upload the bundle without a password`);
    const uncompressedBytes = files.reduce((sum, e) => sum + e.uncompressedSize, 0);
    if (uncompressedBytes > limits.maxUncompressedBytes) {
      throw new ZipError(`the zip expands to ${uncompressedBytes} bytes, more than the ${limits.maxUncompressedBytes} allowed`, true);
    }
    let inflated = 0;
    const openStream = (entry: yauzl.Entry) =>
      new Promise<Readable>((resolve, reject) => zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream))));
    async function* read(entry: yauzl.Entry): AsyncGenerator<Buffer> {
      let stream: Readable | undefined;
      try {
        stream = await openStream(entry);
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          // count what is really inflated: declared sizes are only a claim
          inflated += chunk.length;
          if (inflated > limits.maxUncompressedBytes) throw new ZipError(`the zip expands to more than the ${limits.maxUncompressedBytes} bytes allowed`, true);
          yield chunk;
        }
      } catch (err) {
        if (err instanceof ZipError) throw err;
        throw new ZipError(`cannot read ${entry.fileName} from the zip: ${(err as Error).message}`);
      } finally {
        stream?.destroy();
      }
    }
    return {
      entries: files,
      uncompressedBytes,
      read,
      close: () => zip.close(),
    };
  } catch (err) {
    zip.close();
    throw err;
  }
}
