import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { html, page } from '../../api/pages/page';
import { openBrowser, type PageBrowser } from '../support/browser';

describe('pages for people', () => {
  let browser: PageBrowser;
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    browser = await openBrowser();
    const hostile = '<script>document.title="x"</script>';
    const body = html`<section>
      <h2>公示中</h2>
      <article>
        <h3>${hostile}</h3>
        <p>${'桥梁修复 & 验收'}</p>
      </article>
    </section>`;
    server = http.createServer((_req, res) =>
      res.setHeader('Content-Type', 'text/html; charset=utf-8').end(page({ title: '村务公开栏', subtitle: '东山村', body })),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('render in Chinese on a phone, with what a value holds shown as text and never run', async () => {
    const seen = await browser.render(url);
    expect(seen.lang).toBe('zh-CN');
    expect(seen.title).toBe('村务公开栏');
    expect(seen.text).toContain('东山村');
    expect(seen.text).toContain('<script>document.title="x"</script>');
    expect(seen.text).toContain('桥梁修复 & 验收');
    expect(seen.scrollWidth).toBeLessThanOrEqual(390);
    expect(seen.screenshot.byteLength).toBeGreaterThan(1000);
  });
});
