import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { DocumentNotStoredError, LocalDiskDocumentStorage } from './document-storage';

describe('LocalDiskDocumentStorage', () => {
  let root: string;
  let storage: LocalDiskDocumentStorage;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'documents-'));
    storage = new LocalDiskDocumentStorage(root);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  const key = () => `${randomUUID()}/${randomUUID()}`;

  it('writes, reads back and removes by key', async () => {
    const stored = key();
    await storage.write(stored, Readable.from(['bonjour ', 'Caen']));
    expect(await storage.exists(stored)).toBe(true);
    expect(await text(await storage.read(stored))).toBe('bonjour Caen');
    await storage.remove(stored);
    expect(await storage.exists(stored)).toBe(false);
    await expect(storage.read(stored)).rejects.toBeInstanceOf(DocumentNotStoredError);
    await expect(storage.remove(stored)).resolves.toBeUndefined();
  });

  it('leaves nothing behind when the content fails midway', async () => {
    const failed = key();
    const broken = new Readable({
      read() {
        this.push('début');
        this.destroy(new Error('connection lost'));
      },
    });
    await expect(storage.write(failed, broken)).rejects.toThrow('connection lost');
    expect(await storage.exists(failed)).toBe(false);
    expect(await readdir(join(root, failed.split('/')[0]))).toEqual([]);
  });

  it('refuses keys that are not its own, such as a path out of its folder', async () => {
    await expect(storage.write('../../etc/passwd', Readable.from(['x']))).rejects.toThrow(
      /invalid/,
    );
    await expect(storage.read(`${randomUUID()}/../x`)).rejects.toThrow(/invalid/);
  });
});
