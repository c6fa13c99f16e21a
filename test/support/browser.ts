// Debian's Chromium, driven headless by puppeteer-core: pages meant for people are tested as people see them.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The system browser, installed from Debian's packages when missing (as root, like .ci/run does). Nothing downloads a browser. */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  if (process.getuid?.() !== 0) throw new Error(`No Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'ignore', env });
  return CHROMIUM;
}

export interface RenderedPage {
  /** What a reader sees: the page's rendered text (innerText), not its HTML source. */
  text: string;
  title: string;
  lang: string;
  /** Width of the laid-out document: a mobile page does not scroll sideways. */
  scrollWidth: number;
  screenshot: Uint8Array;
}

export interface PageBrowser {
  /** Opens `url` (with `headers`, e.g. a page for signed-in users: an Authorization header) and reads it. */
  render(url: string, viewport?: { width: number; height: number }, headers?: Record<string, string>): Promise<RenderedPage>;
  close(): Promise<void>;
}

/** Opens headless Chromium; a phone-sized viewport by default. */
export async function openBrowser(): Promise<PageBrowser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'cunwu-chromium-'));
  const browser: Browser = await puppeteer.launch({
    executablePath: ensureChromium(),
    headless: true,
    userDataDir: profile,
    // The machine's network is closed: without these Chromium keeps trying to reach Google's hosts.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    async render(url, viewport = { width: 390, height: 844 }, headers) {
      const page = await browser.newPage();
      try {
        await page.setViewport(viewport);
        if (headers) await page.setExtraHTTPHeaders(headers);
        const response = await page.goto(url, { waitUntil: 'load' });
        // 304: the browser kept the page and the server said it has not changed (boards are revalidated by ETag).
        if (!response?.ok() && response?.status() !== 304) throw new Error(`${url} answered ${response?.status()}`);
        // A string, so the project's types stay free of the DOM library.
        const seen = (await page.evaluate(
          '({ text: document.body.innerText, title: document.title, lang: document.documentElement.lang, scrollWidth: document.documentElement.scrollWidth })',
        )) as Omit<RenderedPage, 'screenshot'>;
        const screenshot = await page.screenshot({ fullPage: true });
        return { ...seen, screenshot };
      } finally {
        await page.close();
      }
    },
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The headers of a request revalidating a kept copy, as a browser sends them. (fetch adds
 * `Cache-Control: no-cache` to a request with If-None-Match unless given one, which would ask the
 * server not to answer from its validators.)
 */
export const revalidating = (etag: string) => ({ 'if-none-match': etag, 'cache-control': 'max-age=0' });
