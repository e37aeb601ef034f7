/*
 * Preloaded into a process under test (NODE_OPTIONS="--expose-gc --require <this file>"): every
 * MEMORY_PROBE_INTERVAL_MS (250 by default) a full garbage collection, then the process's memory
 * appended to MEMORY_PROBE_FILE as one JSON line. After a full collection, heapUsed and external
 * are what the process still holds: they show retention, which resident memory cannot (V8 and
 * malloc grow it ahead of need and give it back when they please).
 */
'use strict';
const { appendFileSync } = require('node:fs');

const file = process.env.MEMORY_PROBE_FILE;
if (!file) throw new Error('memory-probe: MEMORY_PROBE_FILE is required');
if (typeof globalThis.gc !== 'function') throw new Error('memory-probe: needs --expose-gc');

setInterval(
  () => {
    globalThis.gc();
    const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
    appendFileSync(
      file,
      `${JSON.stringify({ at: Date.now(), rss, heapUsed, external, arrayBuffers })}\n`,
    );
  },
  Number(process.env.MEMORY_PROBE_INTERVAL_MS ?? 250),
).unref();
