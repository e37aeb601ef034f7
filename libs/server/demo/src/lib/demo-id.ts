import { createHash } from 'node:crypto';

/** Namespace of every demo id, so that they never collide with another name-based scheme. */
export const DEMO_ID_NAMESPACE = '5d8f6c1e-3b2a-4f0e-9c47-0a6e2b1d7f30';

function uuidBytes(uuid: string): Buffer {
  const hex = uuid.replaceAll('-', '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) {
    throw new Error(`Not a UUID: ${uuid}`);
  }
  return Buffer.from(hex, 'hex');
}

function formatUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A name-based UUID (RFC 9562 version 5: SHA-1 of namespace and name). The same name gives the
 * same id on every run, which is what makes the demo seed idempotent and its rows addressable.
 */
export function uuidV5(name: string, namespace: string = DEMO_ID_NAMESPACE): string {
  const digest = createHash('sha1')
    .update(uuidBytes(namespace))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  return formatUuid(digest);
}

/** The id of a demo record, from its kind and a stable key: `demoId('startup', 17)`. */
export function demoId(kind: string, ...key: (string | number)[]): string {
  return uuidV5([kind, ...key].join(':'));
}
