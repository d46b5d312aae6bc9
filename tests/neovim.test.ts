/**
 * Neovim's built-in LSP client (headless, `-u NONE`) against the built
 * server on a Markdown article made from the seed: warnings at the right
 * lines and (byte) columns, client settings in nvim-lspconfig's shape, the preferred
 * quick fix applied, the warning gone.
 */
import {spawn, spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {lint} from '../src/index.js'
import {root} from './helpers.js'
import {serverPath} from './server-client.js'

const nvim = spawnSync('nvim', ['--version'], {encoding: 'utf8'})
const available = nvim.status === 0
if (!available && process.env['CI']) {
  throw new Error('nvim is missing: install Debian `neovim` (listed in tests/apt-packages.txt; .ci/run installs it)')
}

interface Seen {
  lnum: number
  col: number
  end_lnum: number
  end_col: number
  severity: number
  message: string
  source: string
  code: string
}

interface Output {
  error?: string
  steps: {diagnostics?: Seen[]; actions?: string[]; line?: string; after?: Seen[]}
}

/** Run the Lua script in a headless Neovim, killed after a time limit. */
function runNeovim(file: string, out: string, limit = 60_000): Promise<{code: number | null; stderr: string}> {
  return new Promise((resolve) => {
    const child = spawn('nvim', ['--headless', '-u', 'NONE', '-n', '-c', 'luafile ' + path.join(root, 'tests', 'neovim', 'lsp.lua')], {
      env: {...process.env, MTLINT_OUT: out, MTLINT_SERVER: serverPath, MTLINT_FILE: file},
      stdio: ['ignore', 'ignore', 'pipe']
    })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)))
    const timer = setTimeout(() => child.kill('SIGKILL'), limit)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({code, stderr})
    })
  })
}

describe.skipIf(!available)(available ? 'Neovim ' + nvim.stdout.split('\n')[0] : 'Neovim (skipped: `nvim` not installed; apt-get install neovim)', () => {
  it('shows the seed article’s warnings at the right places and applies the preferred fix', async () => {
    expect(existsSync(serverPath), 'run `npm run build` first').toBe(true)
    const folder = mkdtempSync(path.join(os.tmpdir(), 'mtlint-nvim-'))
    try {
      const seed = readFileSync(path.join(root, 'corpus', 'fr-en', '000.txt'), 'utf8')
      const [title, ...rest] = seed.split('\n')
      const markdown = '# ' + title + '\n' + rest.join('\n')
      const file = path.join(folder, 'article.md')
      writeFileSync(file, markdown)
      const out = path.join(folder, 'out.json')

      const run = await runNeovim(file, out)
      expect(existsSync(out), 'Neovim wrote no result (exit ' + run.code + '): ' + run.stderr).toBe(true)
      const output = JSON.parse(readFileSync(out, 'utf8')) as Output
      expect(output.error ?? null, JSON.stringify(output.steps)).toBe(null)

      // What the library reports, in Neovim's terms: 0-based lines, byte columns.
      const lines = markdown.split('\n')
      const byteColumn = (line: number, column: number) => Buffer.byteLength(lines[line - 1]!.slice(0, column - 1))
      const expected = (await lint(markdown, {path: file, entries: {'putin-poutine': 'warning'}})).messages.map((d) => {
        const place = d.place as {start: {line: number; column: number}; end: {line: number; column: number}}
        return {code: d.ruleId, lnum: place.start.line - 1, col: byteColumn(place.start.line, place.start.column), end_lnum: place.end.line - 1, end_col: byteColumn(place.end.line, place.end.column)}
      })
      expect(expected.map((d) => d.code)).toContain('putin-poutine')
      const seen = output.steps.diagnostics!.map((d) => ({code: d.code, lnum: d.lnum, col: d.col, end_lnum: d.end_lnum, end_col: d.end_col}))
      expect(seen.sort((a, b) => a.lnum - b.lnum || a.col - b.col)).toEqual(expected)
      // `Andreï` comes after two curly quotes on its line: byte and UTF-16 columns differ there.
      const andrei = output.steps.diagnostics!.find((d) => d.lnum === 2 && d.col > 100 && d.end_col - d.col === Buffer.byteLength('Andreï'))
      expect(andrei, 'a finding on `Andreï`').toBeDefined()
      expect(Buffer.from(lines[2]!).subarray(andrei!.col, andrei!.end_col).toString()).toBe('Andreï')
      const putin = output.steps.diagnostics!.find((d) => d.code === 'putin-poutine')!
      // The client settings (in Neovim's shape) made this error a warning.
      expect(putin).toMatchObject({severity: 2, source: 'mtlint'})
      expect(putin.message).toMatch(/^Unexpected `Poutine`, expected `Putin`/)

      expect(output.steps.actions).toContain('Replace with `Putin`')
      expect(output.steps.line).toMatch(/^Vladimir Putin “is a bit of a Lukashenko hostage”/)
      expect(output.steps.after!.map((d) => d.code).sort()).toEqual(expected.filter((d) => d.code !== 'putin-poutine').map((d) => d.code).sort())
    } finally {
      rmSync(folder, {recursive: true, force: true})
    }
  })
})
