#!/usr/bin/env node
// Waits until HTTP URLs answer with a 2xx or 3xx status: the start script and the end-to-end tests
// use it to know when the API (GET /health/ready) and the back-office are up.
//
//   node tools/dev/wait-for.mjs [--timeout SECONDS] URL...   exit 0 when all answer, 1 on timeout
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REQUEST_TIMEOUT_MS = 3000;
const sleep = (ms, signal) =>
  new Promise((done) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), done()), { once: true });
  });

/** True when the URL answers with a 2xx or 3xx status now. */
export async function answers(url) {
  try {
    const response = await fetch(url, {
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return response.status >= 200 && response.status < 400;
  } catch {
    return false;
  }
}

/**
 * Resolves with the URLs that still do not answer when the time is up or the signal aborts
 * (an empty list means all of them answer).
 */
export async function waitForUrls(urls, { timeoutMs = 120_000, intervalMs = 1000, signal } = {}) {
  const deadline = Date.now() + timeoutMs;
  let pending = [...urls];
  while (pending.length > 0 && Date.now() < deadline && !signal?.aborted) {
    const stillDown = await Promise.all(
      pending.map(async (url) => ((await answers(url)) ? [] : [url])),
    );
    pending = stillDown.flat();
    if (pending.length > 0) await sleep(intervalMs, signal);
  }
  return pending;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const timeoutIndex = args.indexOf('--timeout');
  const timeoutSeconds = timeoutIndex >= 0 ? Number(args.splice(timeoutIndex, 2)[1]) : 120;
  if (args.length === 0 || !Number.isFinite(timeoutSeconds)) {
    console.error('usage: node tools/dev/wait-for.mjs [--timeout SECONDS] URL...');
    process.exit(2);
  }
  const pending = await waitForUrls(args, { timeoutMs: timeoutSeconds * 1000 });
  for (const url of pending)
    console.error(`[wait-for] no answer from ${url} after ${timeoutSeconds}s`);
  process.exit(pending.length === 0 ? 0 : 1);
}
