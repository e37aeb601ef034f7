import AxeBuilder from '@axe-core/playwright';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium; the suite never downloads a browser. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** The flags every Chromium of the suite starts with (a container: no sandbox, no GPU). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumPath(): string {
  return process.env['CHROMIUM_PATH'] || DEFAULT_CHROMIUM_PATH;
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium is missing at ${executablePath}. The back-office browser tests drive the ` +
        `system's Chromium: install it with \`apt-get install chromium\` (Debian/Ubuntu), or ` +
        `point CHROMIUM_PATH at another Chromium binary.`,
    );
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

/** WCAG 2.1 levels A and AA, the bar of the RGAA. */
export const WCAG_21_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AccessibilityViolation {
  rule: string;
  impact: string | null;
  help: string;
  elements: string[];
}

/** axe-core's findings, reduced to what a failure message needs to point at the element. */
export async function accessibilityViolations(page: Page): Promise<AccessibilityViolation[]> {
  const results = await new AxeBuilder({ page })
    .withTags(WCAG_21_AA_TAGS)
    // Every failing element is still reported; passes are summarised, which halves the time.
    .options({ resultTypes: ['violations'] })
    .analyze();
  // An empty or half-loaded page passes every rule it has nothing for: make sure axe saw one.
  if (results.passes.length === 0) throw new Error(`axe-core checked nothing on ${page.url()}`);
  return results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact ?? null,
    help: violation.help,
    elements: violation.nodes.map((node) => node.target.map(String).join(' ')),
  }));
}

/** Full-page PNGs of every page visited, for people to look at after a run. */
export class ScreenshotAlbum {
  constructor(readonly directory: string) {}

  /** Starts empty, so that a renamed step leaves no stale picture behind. */
  async reset(): Promise<void> {
    await rm(this.directory, { recursive: true, force: true });
    await mkdir(this.directory, { recursive: true });
  }

  /**
   * The shell keeps its toolbar in place and scrolls the content inside, so the document is
   * never taller than the window and `fullPage` alone would cut the board off at the fold: the
   * window is stretched to the content for the picture, then given back its size.
   */
  async take(page: Page, name: string): Promise<string> {
    const path = join(this.directory, `${name}.png`);
    const viewport = page.viewportSize();
    const contentHeight = await page.evaluate(scrolledContentHeight);
    if (viewport && contentHeight > viewport.height) {
      await page.setViewportSize({
        width: viewport.width,
        height: Math.min(contentHeight, MAX_SCREENSHOT_HEIGHT),
      });
      await page.evaluate(() => new Promise((painted) => requestAnimationFrame(painted)));
    }
    try {
      await page.screenshot({ path, fullPage: true });
    } finally {
      if (viewport) await page.setViewportSize(viewport);
    }
    return path;
  }
}

const MAX_SCREENSHOT_HEIGHT = 8_000;

/** Runs in the page: how tall the window must be for no element to need vertical scrolling. */
function scrolledContentHeight(): number {
  let height = document.documentElement.scrollHeight;
  for (const element of Array.from(document.querySelectorAll('*'))) {
    const overflow = getComputedStyle(element).overflowY;
    if (
      (overflow === 'auto' || overflow === 'scroll') &&
      element.scrollHeight > element.clientHeight
    ) {
      height += element.scrollHeight - element.clientHeight;
    }
  }
  return Math.ceil(height);
}
