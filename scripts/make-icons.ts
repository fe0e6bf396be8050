/**
 * The app's icons (public/icons/*.png, public/favicon.svg): a red square with 支部 in white, drawn by the
 * system Chromium so the Chinese glyphs come from the machine's CJK font. Run once when the mark changes:
 *   npx tsx scripts/make-icons.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const OUT = join(import.meta.dirname, '..', 'public');
const RED = '#c8102e';

/** `maskable`: the mark inside the 80 % safe zone, red to the edges (the launcher crops it). */
const svg = (size: number, { maskable = false, round = true } = {}) => {
  const radius = maskable || !round ? 0 : size * 0.18;
  const font = size * (maskable ? 0.27 : 0.34);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
  <rect width="${size}" height="${size}" rx="${radius}" fill="${RED}"/>
  <text x="50%" y="50%" dy="0.35em" text-anchor="middle" fill="#fff" font-size="${font}" font-weight="700"
    font-family="'WenQuanYi Zen Hei','Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif">支部</text>
</svg>`;
};

const ICONS = [
  { file: 'icons/icon-192.png', size: 192 },
  { file: 'icons/icon-512.png', size: 512 },
  { file: 'icons/maskable-512.png', size: 512, maskable: true },
  { file: 'icons/apple-touch-icon.png', size: 180, round: false },
  { file: 'icons/favicon-32.png', size: 32 },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless'],
});
const page = await browser.newPage({ deviceScaleFactor: 1 });
mkdirSync(join(OUT, 'icons'), { recursive: true });
for (const icon of ICONS) {
  await page.setViewportSize({ width: icon.size, height: icon.size });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${svg(icon.size, icon)}</body></html>`,
  );
  await page.screenshot({
    path: join(OUT, icon.file),
    omitBackground: true,
    clip: { x: 0, y: 0, width: icon.size, height: icon.size },
  });
  console.log(`${icon.file} ${icon.size}×${icon.size}`);
}
writeFileSync(join(OUT, 'favicon.svg'), svg(64));
await browser.close();
