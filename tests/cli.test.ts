/**
 * The CLI as a subprocess against fixture folders holding their own
 * configuration, as unified-args tests its CLIs.
 */
import {execFile} from 'node:child_process'
import {existsSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {root} from './helpers.js'

const bin = path.join(root, 'dist', 'bin.js')
const fixtures = path.join(root, 'tests', 'fixtures', 'cli')

interface Result {
  code: number
  stdout: string
  stderr: string
}

function run(args: string[], options: {cwd?: string; input?: string} = {}): Promise<Result> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [bin, ...args],
      {cwd: options.cwd ?? root, env: {...process.env, NO_COLOR: '1', FORCE_COLOR: '0'}},
      (error, stdout, stderr) => {
        resolve({code: error ? Number((error as {code?: number}).code ?? 1) : 0, stdout, stderr})
      }
    )
    child.stdin!.end(options.input ?? '')
  })
}

beforeAll(() => {
  if (!existsSync(bin)) throw new Error('Run `npm run build` first (npm test does): missing ' + bin)
})

describe('mtlint CLI', () => {
  it('exits 1 on an error finding and prints the stylish report with rule id and category', async () => {
    const result = await run(['article.md'], {cwd: path.join(fixtures, 'project')})
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('article.md\n1:10-1:17 error Unexpected `Poutine`, expected `Putin` putin-poutine terminology')
  })

  it('exits 0 on a clean file', async () => {
    const result = await run(['clean.md'], {cwd: path.join(fixtures, 'project')})
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('clean.md: no issues found')
  })

  it('walks folders, honours .mtlintignore, config severities and project glossaries', async () => {
    const result = await run(['.', '--report', 'json'], {cwd: path.join(fixtures, 'project')})
    const report = JSON.parse(result.stdout) as Array<{path: string; messages: Array<{ruleId: string; fatal: boolean | null}>}>
    const byPath = Object.fromEntries(report.map((d) => [d.path, d.messages.map((m) => `${m.ruleId}:${String(m.fatal)}`)]))
    expect(Object.keys(byPath).sort()).toEqual(['article.md', 'clean.md', 'drafts/draft.txt', 'drafts/palace.md'])
    expect(byPath['drafts/draft.txt']).toContain('lukashenko-loukachenko:false')
    expect(byPath['drafts/palace.md']).toContain('house-presidential-palace:undefined')
    expect(result.code).toBe(1)
  })

  it('exits 1 on warnings only with --frail', async () => {
    const cwd = path.join(fixtures, 'project')
    expect((await run(['drafts/draft.txt'], {cwd})).code).toBe(0)
    expect((await run(['drafts/draft.txt', '--frail'], {cwd})).code).toBe(1)
  })

  it('reads package.json#mtlint', async () => {
    const result = await run(['a.txt', '--report', 'json'], {cwd: path.join(fixtures, 'pkg')})
    const [file] = JSON.parse(result.stdout) as Array<{messages: Array<{ruleId: string}>}>
    const ids = file!.messages.map((d) => d.ruleId)
    expect(ids).toContain('lukashenko-loukachenko')
    expect(ids).not.toContain('putin-poutine')
  })

  it('reads stdin with --type and prints the vfile-reporter-json shape', async () => {
    const result = await run(['--type', 'markdown', '--report', 'json'], {input: 'Vladimir **Poutine** said.\n'})
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout) as Array<Record<string, unknown>>
    expect(report).toHaveLength(1)
    const [file] = report
    // vfile-reporter-json's keys, plus the file's score (issue 8).
    expect(Object.keys(file!).sort()).toEqual(['cwd', 'history', 'messages', 'score'])
    const [message] = file!['messages'] as Array<Record<string, unknown>>
    expect(message).toMatchObject({
      line: 1,
      column: 12,
      fatal: true,
      reason: 'Unexpected `Poutine`, expected `Putin`',
      ruleId: 'putin-poutine',
      source: 'mtlint',
      actual: 'Poutine',
      expected: ['Putin'],
      category: 'terminology',
      place: {start: {line: 1, column: 12, offset: 11}, end: {line: 1, column: 19, offset: 18}}
    })
    expect(typeof message!['note']).toBe('string')
    expect(typeof message!['url']).toBe('string')
  })

  it('--rule turns an entry off', async () => {
    const result = await run(['--type', 'text', '--rule', 'putin-poutine=off'], {input: 'Vladimir Poutine said.\n'})
    expect(result.code).toBe(0)
  })

  it('exits 2 with file, line and column on an invalid configuration, and lints nothing', async () => {
    const result = await run(['a.md'], {cwd: path.join(fixtures, 'broken-config')})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('mtlint: .mtlintrc.json:1:12: `rules.glossary` must be off, on, error, warning, info, true or false (got "maybe")')
    expect(result.stderr).toContain('mtlint: .mtlintrc.json:1:34: unknown setting `colour`')
    expect(result.stderr).not.toContain('no issues found')
  })

  it('exits 2 with file, line and column on a malformed glossary', async () => {
    const result = await run(['a.md'], {cwd: path.join(fixtures, 'broken-glossary')})
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/bad\.yml:\d+:\d+: invalid YAML: /)
  })

  it('exits 2 on a missing file', async () => {
    const result = await run(['does-not-exist.md'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('does-not-exist.md')
    expect(result.stderr).toContain('No such file or folder')
  })

  it('exits 2 on a binary file, naming it', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'mtlint-'))
    writeFileSync(path.join(folder, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]))
    const result = await run(['image.txt'], {cwd: folder})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('image.txt')
    expect(result.stderr).toContain('Cannot lint a binary file (NUL byte at offset 4)')
  })

  it('exits 0 on an empty file', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'mtlint-'))
    writeFileSync(path.join(folder, 'empty.md'), '')
    const result = await run(['empty.md'], {cwd: folder})
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('empty.md: no issues found')
  })

  it('exits 2 on a usage error', async () => {
    expect((await run(['--no-such-flag'])).code).toBe(2)
    expect((await run(['--type', 'pdf'])).code).toBe(2)
    expect((await run(['--report', 'xml', 'README.md'])).code).toBe(2)
  })

  it('prints help and version', async () => {
    expect((await run(['--help'])).stdout).toContain('Usage: mtlint')
    expect((await run(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
  })
})
