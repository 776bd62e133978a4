import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Browser, BrowserContext, Page } from 'playwright-core';

const ROOT = join(__dirname, '..', '..');

/** CHROMIUM_PATH when set (and only it), else Debian's Chromium (apt-get install -y chromium); null when none is there. */
export function findChromium(): string | null {
  const candidates = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p) => existsSync(p)) ?? null;
}

export const INSTALL_HINT =
  'Install Debian\'s Chromium with "apt-get update && apt-get install -y chromium" (or set CHROMIUM_PATH to a Chromium binary).';

/** Flags for a quiet, offline headless Chromium (Playwright gives each launch a fresh temporary profile). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(executablePath: string): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Refuses every request that is not to 127.0.0.1 (recording it) and collects console
 * errors and uncaught page errors.
 */
export async function guard(
  context: BrowserContext,
): Promise<{ external: string[]; consoleErrors: string[]; watch: (page: Page) => void }> {
  const external: string[] = [];
  const consoleErrors: string[] = [];
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.protocol === 'data:') return route.continue();
    external.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
  };
  context.on('page', watch);
  return { external, consoleErrors, watch };
}

/**
 * Generates the operation types and builds the web app into dist/web (as `npm ci` does)
 * unless the build is newer than every file under web/ and than the schema.
 */
export function ensureWebBuild(): void {
  const built = join(ROOT, 'dist', 'web', 'index.html');
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.name !== 'gql')
        .map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)),
    );
  const sources = Math.max(newest(join(ROOT, 'web')), statSync(join(ROOT, 'schema', 'schema.graphql')).mtimeMs);
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  for (const [bin, args] of [
    ['node_modules/@graphql-codegen/cli/esm/bin.js', ['--config', 'web/codegen.ts']],
    ['node_modules/vite/bin/vite.js', ['build', '--config', 'web/vite.config.mts', '--logLevel', 'warn']],
  ] as const) {
    const result = spawnSync(process.execPath, [join(ROOT, bin), ...args], { cwd: ROOT, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`web build failed (${bin}):\n${result.stdout}\n${result.stderr}`);
  }
}

/** Signs in on the app's sign-in form with a token (kept in the tab's session storage). */
export async function signIn(page: Page, base: string, token: string, path = '/app/'): Promise<void> {
  await page.goto(`${base}${path}`);
  await page.locator('#token').fill(token);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.locator('[data-testid="role"]').waitFor();
}
