import { isUtf8 } from 'node:buffer';
import { Utf8Error, completeLength, decodeUtf8, firstInvalidUtf8 } from './utf8-decode';

async function decodeAll(chunks: (Buffer | string)[]): Promise<string> {
  let text = '';
  for await (const t of decodeUtf8(chunks)) text += t;
  return text;
}

/** Every split of `bytes` into single-byte chunks. */
function bytewise(bytes: Buffer): Buffer[] {
  return [...bytes].map((b) => Buffer.from([b]));
}

describe('strict UTF-8 decoding', () => {
  it('decodes multi-byte characters split across chunks', async () => {
    const text = 'José, Zoë, 李, 🚌\n';
    expect(await decodeAll(bytewise(Buffer.from(text)))).toBe(text);
    expect(await decodeAll([Buffer.from(text)])).toBe(text);
  });

  it('drops a leading BOM, even split across chunks, and only at the start', async () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a,b\n\uFEFFc\n')]);
    expect(await decodeAll([withBom])).toBe('a,b\n\uFEFFc\n');
    expect(await decodeAll(bytewise(withBom))).toBe('a,b\n\uFEFFc\n');
  });

  it('rejects a Latin-1 byte, naming the byte, the line and the offset', async () => {
    const bytes = Buffer.concat([Buffer.from('a,b\n1,Jos'), Buffer.from([0xe9]), Buffer.from('\n')]);
    const error = await decodeAll([bytes]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Utf8Error);
    expect((error as Utf8Error).line).toBe(2);
    expect((error as Utf8Error).byteOffset).toBe(9);
    expect((error as Utf8Error).message).toMatch(/byte 0xE9 at line 2 \(byte 9\).*Latin-1/);
  });

  it('counts lines across chunks when reporting', async () => {
    const chunks = [Buffer.from('h\n1\n2'), Buffer.from('\n3\n'), Buffer.from([0x41, 0xff])];
    await expect(decodeAll(chunks)).rejects.toMatchObject({ line: 5, byteOffset: 9 }); // 5 + 3 bytes before the A, which is byte 8
  });

  it('rejects a file that ends inside a multi-byte character', async () => {
    await expect(decodeAll([Buffer.from([0x61, 0xe2, 0x82])])).rejects.toThrow(/ends inside a multi-byte character/);
  });

  it('hints at UTF-16 when the file starts with a UTF-16 BOM', async () => {
    await expect(decodeAll([Buffer.from('\uFEFFa,b', 'utf16le')])).rejects.toThrow(/UTF-16/);
  });

  it('passes string chunks through (already decoded by the caller)', async () => {
    expect(await decodeAll(['\uFEFFa,', 'b'])).toBe('a,b');
  });

  it('finds the same invalid sequences as isUtf8: overlong, surrogate, too large, stray continuation', () => {
    const samples = [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xe2, 0x28, 0xa1], [0x61, 0xf0, 0x9f, 0x9a]];
    for (const sample of samples) {
      const bytes = Buffer.from(sample);
      expect(isUtf8(bytes)).toBe(false);
      expect(firstInvalidUtf8(bytes)).toBeGreaterThanOrEqual(0);
    }
    expect(firstInvalidUtf8(Buffer.from('ok é 🚌'))).toBe(-1);
  });

  it('holds back only an incomplete trailing sequence', () => {
    const bus = Buffer.from('🚌'); // 4 bytes
    expect(completeLength(Buffer.from('ab'))).toBe(2);
    expect(completeLength(Buffer.concat([Buffer.from('a'), bus.subarray(0, 3)]))).toBe(1);
    expect(completeLength(Buffer.concat([Buffer.from('a'), bus]))).toBe(5);
    expect(completeLength(Buffer.from('aé').subarray(0, 2))).toBe(1);
  });
});
