/** Renders media/icon.svg to media/icon.png (128×128, transparent corners) with headless Chromium: npx tsx webview/dev/icon.ts */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const media = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'media');

async function main() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${readFileSync(join(media, 'icon.svg'), 'utf8')}</body></html>`);
  await page.locator('svg').screenshot({ path: join(media, 'icon.png'), omitBackground: true });
  await browser.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
