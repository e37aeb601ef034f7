#!/usr/bin/env node
// Writes docker/nginx.conf with the __INLINE_SCRIPT_HASHES__ of its Content-Security-Policy
// replaced by the hashes of the inline scripts in the built index.html (Angular inlines one that
// loads the stylesheet without blocking rendering). Computing them at image build time keeps the
// policy strict with no hash to update by hand whenever Angular changes that script.
//
//   node tools/docker/render-nginx-conf.mjs TEMPLATE INDEX_HTML OUTPUT
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PLACEHOLDER = /(script-src 'self') __INLINE_SCRIPT_HASHES__/;

/** CSP source expressions ('sha256-…') for each inline <script> of an HTML document. */
export function inlineScriptHashes(html) {
  const inlineScripts = html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi);
  return [...inlineScripts]
    .map(([, body]) => body)
    .filter((body) => body.trim() !== '')
    .map((body) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
}

export function renderNginxConf(template, html) {
  if (!PLACEHOLDER.test(template)) {
    throw new Error(`the template has no "script-src 'self' __INLINE_SCRIPT_HASHES__"`);
  }
  return template.replace(PLACEHOLDER, ['$1', ...inlineScriptHashes(html)].join(' '));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [templatePath, indexPath, outputPath] = process.argv.slice(2);
  if (!templatePath || !indexPath || !outputPath) {
    console.error('usage: node tools/docker/render-nginx-conf.mjs TEMPLATE INDEX_HTML OUTPUT');
    process.exit(2);
  }
  const html = readFileSync(indexPath, 'utf8');
  writeFileSync(outputPath, renderNginxConf(readFileSync(templatePath, 'utf8'), html));
  console.log(`${outputPath}: ${inlineScriptHashes(html).length} inline script hash(es) allowed`);
}
