import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { REPO_ROOT } from './cliRunner.js';

/** Debian's Chromium, as the environment notes say; no browser is ever downloaded. */
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(REPO_ROOT, 'test', 'artifacts');

/** Fails at once, saying how to fix it, where the machine has no Chromium: before a test spends time seeding. */
export function requireChromium(): void {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium)`);
}

/**
 * Headless Chromium as these machines need it (run as root: no sandbox; nothing reaching outside
 * hosts). Playwright gives each launch a fresh, temporary --user-data-dir of its own.
 */
export function launchChromium(): Promise<Browser> {
  requireChromium();
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Where a browser test leaves a screenshot for people to look at (test/artifacts, made on first use). */
export function artifactPath(name: string): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}
