import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sniffMediaType, TextProbe } from './sniff-media-type';

const probeOf = (...chunks: (string | Buffer)[]) => {
  const probe = new TextProbe();
  for (const chunk of chunks) probe.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return probe;
};

describe('the CSV rule', () => {
  it('accepts UTF-8 text whose first line holds a delimiter, BOM or not', () => {
    expect(probeOf('\uFEFFnom;ville\r\nA;Caen\r\n').isCsv()).toBe(true);
    expect(probeOf('name,city\nA,Caen').isCsv()).toBe(true);
    expect(probeOf('a\tb\n1\t2\n').isCsv()).toBe(true);
  });

  it('follows a multi-byte character split between two chunks', () => {
    const bytes = Buffer.from('nom;créée\nA;B\n');
    const cut = bytes.indexOf(0xc3) + 1;
    expect(probeOf(bytes.subarray(0, cut), bytes.subarray(cut)).isCsv()).toBe(true);
  });

  it('refuses invalid UTF-8, NUL and other control bytes, and text without a delimiter', () => {
    expect(probeOf(Buffer.from([0x6e, 0x3b, 0xff, 0x0a])).isCsv()).toBe(false);
    expect(probeOf('a;b\n\u0000\n').isCsv()).toBe(false);
    expect(probeOf('a;b\n\u001b[31m\n').isCsv()).toBe(false);
    expect(probeOf('just some words\nand more\n').isCsv()).toBe(false);
    expect(probeOf('').isCsv()).toBe(false);
    // A truncated multi-byte character at the very end.
    expect(probeOf(Buffer.from([0x61, 0x3b, 0x62, 0xc3])).isCsv()).toBe(false);
  });
});

describe('sniffMediaType', () => {
  let folder: string;
  beforeAll(async () => (folder = await mkdtemp(join(tmpdir(), 'sniff-'))));
  afterAll(() => rm(folder, { recursive: true, force: true }));

  const sniff = async (name: string, bytes: Buffer) => {
    const path = join(folder, name);
    await writeFile(path, bytes);
    return sniffMediaType(path, probeOf(bytes));
  };

  it('recognises the accepted binary formats by their signatures', async () => {
    expect(await sniff('a', Buffer.from('%PDF-1.7\n%\xe2\xe3\n', 'latin1'))).toBe(
      'application/pdf',
    );
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    expect(await sniff('b', png)).toBe('image/png');
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]);
    expect(await sniff('c', jpeg)).toBe('image/jpeg');
  });

  it('refuses other binary formats even when they would pass for text, and text that is not CSV', async () => {
    const exe = Buffer.alloc(512);
    exe.write('MZ');
    exe.writeUInt32LE(0x80, 0x3c);
    exe.write('PE\0\0', 0x80, 'latin1');
    expect(await sniff('d', exe)).toBeNull();
    expect(await sniff('e', Buffer.from('GIF89a;,;,\n'))).toBeNull();
    expect(await sniff('f', Buffer.from('plain words\n'))).toBeNull();
    expect(await sniff('g', Buffer.from('nom;ville\nA;Caen\n'))).toBe('text/csv');
  });
});
