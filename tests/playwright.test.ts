/**
 * The CodeMirror demo in headless Chromium (playwright-core + Debian's
 * `chromium`): warnings appear for the sample and for typed text, linting
 * runs in a Web Worker, a fix from the warning's tooltip applies and the
 * warning goes. `MTLINT_UPDATE_SCREENSHOT=1` saves the README's
 * `docs/demo.png` (otherwise `.tmp/demo.png`).
 */
import {existsSync, mkdtempSync, rmSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {chromium, type BrowserContext, type Page} from 'playwright-core'
import {build} from 'esbuild'
import {buildDemo, serveDemo} from '../demo/serve.js'
import {root} from './helpers.js'

const executablePath = '/usr/bin/chromium'
const available = existsSync(executablePath)
if (!available && process.env['CI']) {
  throw new Error(`${executablePath} is missing: install Debian \`chromium\` (listed in tests/apt-packages.txt; .ci/run installs it)`)
}

let context: BrowserContext
let page: Page
let server: {url: string; close(): void}
let profile: string

describe.skipIf(!available)(available ? 'demo page in Chromium' : 'demo page (skipped: /usr/bin/chromium not installed; apt-get install chromium)', () => {
  beforeAll(async () => {
    await buildDemo()
    server = await serveDemo(0)
    profile = mkdtempSync(path.join(os.tmpdir(), 'mtlint-chromium-'))
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      viewport: {width: 1280, height: 760},
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
    })
    page = context.pages()[0] ?? (await context.newPage())
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    await page.goto(server.url)
    // Fail with the page's own errors rather than a bare timeout.
    await page.waitForSelector('.cm-lintRange', {timeout: 20_000}).catch((error: Error) => {
      throw new Error(error.message + '\npage errors: ' + errors.join('\n'))
    })
  })

  afterAll(async () => {
    await context?.close()
    server?.close()
    if (profile) rmSync(profile, {recursive: true, force: true})
  })

  it('shows the sample article’s warnings with notes and fixes, linted in a Web Worker', async () => {
    expect(page.workers().map((d) => path.basename(new URL(d.url()).pathname))).toEqual(['worker.js'])
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/^\d+ findings?$/)
    const findings = await page.locator('.finding').allTextContents()
    expect(findings.join('\n')).toContain('Unexpected Poutine, expected Putin')
    expect(findings.join('\n')).toContain("French spelling of Vladimir Putin's name")
    expect(await page.locator('.finding button.fix').allTextContents()).toEqual(expect.arrayContaining(['Putin', 'Andrei']))
    expect(await page.locator('.cm-lintRange-error').count()).toBeGreaterThan(0)

    // A screenshot for the README, with one warning's tooltip open.
    await page.locator('.cm-lintRange', {hasText: '2 500'}).hover()
    await page.waitForSelector('.cm-tooltip-lint')
    // Written to docs/ only when asked, so a test run leaves the tree clean.
    const shot = process.env['MTLINT_UPDATE_SCREENSHOT'] ? path.join(root, 'docs', 'demo.png') : path.join(root, '.tmp', 'demo.png')
    await page.screenshot({path: shot})
  })

  it('lints typed text and applies a fix from the tooltip', async () => {
    await page.locator('.cm-content').click()
    await page.keyboard.press('Control+a')
    await page.keyboard.press('Delete')
    await expect.poll(() => page.locator('#status').textContent(), {timeout: 10_000}).toBe('No findings.')
    await page.keyboard.type('On Thursday Vladimir Poutine met the press in Moscow.', {delay: 5})
    const warning = page.locator('.cm-lintRange-error')
    await warning.first().waitFor({timeout: 10_000})
    expect(await page.locator('.finding .where').allTextContents()).toEqual(['1:22 · mtlint · putin-poutine'])

    await page.mouse.move(0, 0)
    await warning.first().hover()
    const action = page.locator('.cm-tooltip-lint .cm-diagnosticAction', {hasText: 'Putin'})
    await action.waitFor()
    await action.click()
    const text = () => page.evaluate(() => (globalThis as unknown as {mtlintView: {state: {doc: {toString(): string}}}}).mtlintView.state.doc.toString())
    expect(await text()).toBe('On Thursday Vladimir Putin met the press in Moscow.')
    await expect.poll(() => page.locator('#status').textContent(), {timeout: 10_000}).toBe('No findings.')
    expect(await page.locator('.cm-lintRange').count()).toBe(0)
  })

  it('ignores an entry in a paragraph with the comment marker', async () => {
    await page.locator('.cm-content').click()
    await page.keyboard.press('Control+a')
    await page.keyboard.type('Intro.\n\nVladimir Poutine spoke.', {delay: 2})
    await page.locator('.finding button', {hasText: 'Ignore here'}).first().click()
    const text = await page.evaluate(() => (globalThis as unknown as {mtlintView: {state: {doc: {toString(): string}}}}).mtlintView.state.doc.toString())
    expect(text).toBe('Intro.\n\n<!--mtlint ignore putin-poutine-->\n\nVladimir Poutine spoke.')
    await expect.poll(() => page.locator('#status').textContent(), {timeout: 10_000}).toBe('No findings.')
  })
})

describe('browser entry', () => {
  it('lints with a pack given as JSON and returns plain findings with offsets', async () => {
    const {createLinter} = await import('../src/browser.js')
    const {loadPack} = await import('../src/node/packs.js')
    // What a page fetches: the pack through JSON, no Node objects.
    const linter = createLinter({pack: JSON.parse(JSON.stringify(loadPack('fr-en').toJSON())) as import('../src/pack.js').PackData})
    const text = 'Intro 🙂.\r\n\r\nVladimir **Poutine** spoke.\r\n'
    const findings = await linter.lint(text)
    const putin = findings.find((d) => d.ruleId === 'putin-poutine')!
    expect(text.slice(putin.from, putin.to)).toBe('Poutine')
    expect(putin).toMatchObject({line: 3, column: 12, severity: 'error', rule: 'glossary', expected: ['Putin'], actual: 'Poutine'})
    expect(structuredClone(findings)).toEqual(findings)
  })

  it('bundles for a Web Worker with no Node built-ins', async () => {
    // No stubs here: any `node:` import reachable from the entry fails the build.
    const result = await build({
      entryPoints: [path.join(root, 'src', 'browser-worker.ts')],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      conditions: ['worker'],
      logLevel: 'silent',
      metafile: true
    })
    const inputs = Object.keys(result.metafile.inputs)
    expect(inputs.filter((d) => d.startsWith('src/node/') || d.startsWith('node:'))).toEqual([])
    expect(inputs).toContain('src/processor.ts')
  })
})
