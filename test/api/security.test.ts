// Tokens, secrets and binding: what keeps a development setting out of production.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { MAX_TOKEN_LIFETIME_S, tokenLifetime } from '../../api/auth';
import { loadConfig } from '../../platform/config';
import { startPlatform, type TestPlatform } from '../support/platform';

const ROOT = path.resolve(__dirname, '..', '..');

test('a token lives at least a second and at most 7 days; anything else is refused when minted', () => {
  expect(tokenLifetime('12h')).toBe(12 * 3600);
  expect(tokenLifetime('7d')).toBe(MAX_TOKEN_LIFETIME_S);
  for (const bad of ['8d', '169h', '', 'forever', '0s', '1y']) expect(() => tokenLifetime(bad)).toThrow(/--expires/);
});

test('npm run token -- --expires refuses a lifetime above the bound, before touching anything', () => {
  const run = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/token.ts', '--person', 'p.qiaotou.dispatcher', '--expires', '30d'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('at most 7 days');
});

test('a production start refuses the development secret; a development start binds the API to loopback', () => {
  expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
  expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).not.toThrow();
  expect(loadConfig({}).HOST).toBe('127.0.0.1');
  expect(loadConfig({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
  expect(loadConfig({ TEMPORAL_TLS_CERT: '' }).TEMPORAL_TLS_CERT).toBeUndefined();
  expect(() => loadConfig({ TEMPORAL_TLS_CERT: '/certs/client.pem' })).toThrow(/TEMPORAL_TLS_KEY/);
});

describe('security headers (helmet)', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startPlatform('sqlite');
  });
  afterAll(async () => {
    await platform?.stop();
  });

  test.each(['/villages/xingcun.qiaotou.dongshan/board', '/towns/xingcun.qiaotou/board', '/healthz'])(
    '%s: a content security policy, nosniff, no framing elsewhere',
    async (url) => {
      const response = await fetch(`${platform.baseUrl}${url}`);
      expect(response.status).toBe(200);
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("frame-ancestors 'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-powered-by')).toBeNull();
    },
  );
});
