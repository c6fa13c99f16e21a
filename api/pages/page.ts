// Server-rendered pages for people (the public notice boards): one layout, escaped by construction.
import escapeHtml from 'escape-html';
import type { Response } from 'express';
import { BEIJING_OFFSET_MS } from '../../workflows/common/durations';

/** An instant as people in the county read it: Beijing time, `YYYY-MM-DD HH:MM` (`:SS` too, to the second). */
export function beijingTime(iso: string, toTheSecond = false): string {
  return new Date(Date.parse(iso) + BEIJING_OFFSET_MS)
    .toISOString()
    .slice(0, toTheSecond ? 19 : 16)
    .replace('T', ' ');
}

/**
 * A public board may be kept by any cache but is checked again on every read: express gives its body a
 * weak ETag and answers a request whose If-None-Match still holds with 304 (a board shows no clock time,
 * so an unchanged board keeps its ETag).
 */
export function revalidatedPublicly(res: Response): void {
  res.set('Cache-Control', 'public, no-cache');
}

/** HTML already escaped: what `html` returns and may be nested in another `html`. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = SafeHtml | string | number | undefined | null | false | readonly Part[];

function render(part: Part): string {
  if (part === undefined || part === null || part === false) return '';
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

/** A tagged template: every interpolated value is escaped unless it is itself `html`. */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, text, i) => out + text + (i < values.length ? render(values[i]) : ''), ''));
}

const STYLE = `
body{font-family:system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;background:#f6f4ef;color:#222;line-height:1.6}
header{background:#b0232a;color:#fff;padding:12px 16px}header h1{margin:0;font-size:1.25rem}header p{margin:4px 0 0;font-size:.9rem}
main{padding:8px 12px;max-width:960px;margin:0 auto}section{margin:12px 0}h2{font-size:1.1rem;border-left:4px solid #b0232a;padding-left:8px}
article{background:#fff;border-radius:8px;padding:12px;margin:8px 0;box-shadow:0 1px 2px rgba(0,0,0,.1);overflow-wrap:anywhere}
article h3{margin:0 0 6px;font-size:1rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:6px 0}dt{color:#666}dd{margin:0}
table{border-collapse:collapse;width:100%;font-size:.9rem;display:block;overflow-x:auto}th,td{border:1px solid #ddd;padding:4px 6px;text-align:left}
.empty{color:#666}footer{font-size:.8rem;color:#666;padding:12px 16px;text-align:center}`;

/** A whole page: Chinese, mobile-friendly, no script, no external resource. */
export function page(options: { title: string; subtitle?: string; body: SafeHtml; footer?: string }): string {
  return `<!doctype html>${
    html`<html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title}</title>
        <style>
          ${new SafeHtml(STYLE)}
        </style>
      </head>
      <body>
        <header>
          <h1>${options.title}</h1>
          ${options.subtitle && html`<p>${options.subtitle}</p>`}
        </header>
        <main>${options.body}</main>
        ${options.footer && html`<footer>${options.footer}</footer>`}
      </body>
    </html>`.value
  }`;
}
