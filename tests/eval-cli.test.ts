/**
 * `npm run eval`: the command in-process (options, exit codes, output shape),
 * once as a subprocess, and the gate file's ratchet.
 */
import {execFile} from 'node:child_process'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {Writable} from 'node:stream'
import {describe, expect, it} from 'vitest'
import {checkGate, main, readGate, updateGate, type EvalIo, type EvalResult} from '../src/eval/index.js'
import {root} from './helpers.js'

const ok = 'tests/fixtures/eval/ok'

/** Run the command in-process from the repository root. */
async function run(argv: string[], io: EvalIo = {}): Promise<{code: number; stdout: string; stderr: string}> {
  let stdout = ''
  let stderr = ''
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        append(String(chunk))
        callback()
      }
    })
  const code = await main(argv, {
    cwd: root,
    stdout: sink((d) => (stdout += d)),
    stderr: sink((d) => (stderr += d)),
    ...io
  })
  return {code, stdout, stderr}
}

const closing = /^recall \d\.\d{3} \(\d+\/\d+\), false positives \d+, fp-per-1000-words \d+\.\d{2}$/

describe('eval command', () => {
  it('prints the tables and ends with exactly one closing line', async () => {
    const result = await run([ok])
    expect(result.code).toBe(0)
    const lines = result.stdout.trimEnd().split('\n')
    expect(lines[0]).toBe('mtlint on tests/fixtures/eval/ok: 3 texts, 40 words, all findings (certain and likely)')
    expect(lines.at(-1)).toMatch(closing)
    expect(lines.filter((d) => closing.test(d))).toHaveLength(1)
    for (const heading of [/^category +found +total +recall +certain: found +total +recall$/m, /^source language +found/m, /^rule +messages +true +false\+ +clean +control +elsewhere +fp\/1000w$/m, /^overall +found/m]) {
      expect(result.stdout).toMatch(heading)
    }
  })

  it('runs mtlint itself: positions line up on a CRLF text and in Markdown', async () => {
    // The fixture holds `Poutine` (glossary), « hello » (French guillemets) and
    // a decimal comma, all long covered by the built-in rules.
    const result = await run([ok, '--json'])
    const json = JSON.parse(result.stdout) as EvalResult & {summary: string}
    expect(json.misses.map((d) => d.text)).not.toContain('Poutine')
    expect(json.misses.map((d) => d.text)).not.toContain('« hello »')
    expect(json.byCategory['typography']).toEqual({found: 1, total: 1, recall: 1})
    expect(json.overall.control).toBe(0)
    expect(json.summary).toMatch(closing)
  })

  it('--min-confidence certain counts certain findings only; --verbose lists misses with file:line:column', async () => {
    // A silent linter, so every finding is a miss whatever the rules learn.
    const certain = await run([ok, '--min-confidence', 'certain', '--verbose'], {lint: async () => []})
    expect(certain.stdout).toContain('certain findings only')
    expect(certain.stdout.trimEnd().split('\n').at(-1)).toBe('recall 0.000 (0/3), false positives 0, fp-per-1000-words 0.00')
    expect(certain.stdout).toContain('tests/fixtures/eval/ok/a.txt:2:1  During the night from Friday to Saturday  (calque, certain)')
    expect(certain.stdout).not.toContain('(terminology, likely)')
    expect((await run([ok, '--min-confidence', 'sure'])).code).toBe(2)
  })

  it('stops with exit 2 and names the file and finding on a broken annotation', async () => {
    const result = await run(['tests/fixtures/eval/broken-ambiguous'])
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe(
      'Broken corpus annotation:\n  tests/fixtures/eval/broken-ambiguous/001.json:2:3: findings[0] "soldiers": occurs 2 times: add `occurrence` (1–2)\n'
    )
  })

  it('--baseline retext-spell scores another linter with the same scoring', async () => {
    const result = await run([ok, '--baseline', 'retext-spell', '--json'])
    expect(result.code).toBe(0)
    const json = JSON.parse(result.stdout) as EvalResult & {linter: string}
    expect(json.linter).toBe('retext-spell')
    expect(Object.keys(json.byRule)).toEqual(['retext-spell'])
    // `Poutine` is no English word: the spell checker flags it too.
    expect(json.misses.map((d) => d.text)).not.toContain('Poutine')
    expect((await run([ok, '--baseline', 'nope'])).stderr).toContain('unknown --baseline "nope" (expected one of retext-spell)')
  })

  it('refuses --update-gate on another folder', async () => {
    const result = await run([ok, '--update-gate'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--update-gate measures mtlint on corpus/')
  })

  it('runs as `tsx src/eval/cli.ts` (what `npm run eval` calls)', async () => {
    const result = await new Promise<{code: number; stdout: string}>((resolve) => {
      execFile(path.join(root, 'node_modules', '.bin', 'tsx'), ['src/eval/cli.ts', ok], {cwd: root}, (error, stdout) => {
        resolve({code: error ? Number((error as {code?: number}).code ?? 1) : 0, stdout})
      })
    })
    expect(result.code).toBe(0)
    expect(result.stdout.trimEnd().split('\n').at(-1)).toMatch(closing)
  })
})

/** A result with just the figures the gate reads. */
function figures(found: number, total: number, falsePositives: number, words: number): EvalResult {
  return {
    dirs: ['corpus'],
    minConfidence: 'likely',
    texts: 1,
    words,
    messages: found + falsePositives,
    unplaced: 0,
    truePositives: found,
    overall: {found, total, recall: found / total, falsePositives, clean: 0, control: 0, elsewhere: falsePositives, fpPer1000: (falsePositives * 1000) / words},
    byCategory: {},
    byLanguage: {},
    certain: {overall: {found, total, recall: found / total}, byCategory: {}},
    byRule: {},
    byText: [],
    misses: [],
    falsePositives: []
  }
}

describe('gate', () => {
  it('is created from a run, then moves only recall up and false positives down', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'mtlint-gate-')), 'gate.json')
    const first = updateGate(figures(40, 100, 3, 2000), file, new Date('2026-11-28T12:00:00Z'))
    expect(first.written).toBe(true)
    expect(readGate(file)).toMatchObject({minRecall: 0.4, maxFpPer1000: 1.5, measured: {date: '2026-11-28', found: 40, total: 100}})

    // Worse on both: nothing written.
    const worse = updateGate(figures(39, 100, 4, 2000), file)
    expect(worse.written).toBe(false)
    expect(worse.notes).toEqual(['minRecall kept at 0.4 (measured 0.390, not higher)', 'maxFpPer1000 kept at 1.5 (measured 2.00, not lower)'])
    expect(checkGate(figures(39, 100, 4, 2000), worse.gate)).toEqual([
      "recall 0.390 (39/100) is below the gate's 0.4",
      "false positives per 1,000 words 2.00 (4) are above the gate's 1.5"
    ])

    // Better recall, worse false positives: only recall moves.
    const mixed = updateGate(figures(45, 100, 5, 2000), file)
    expect(mixed.written).toBe(true)
    expect(readGate(file)).toMatchObject({minRecall: 0.45, maxFpPer1000: 1.5})
    expect(mixed.notes[0]).toBe('minRecall raised: 0.4 → 0.45')

    // Equal values pass the gate.
    expect(checkGate(figures(45, 100, 3, 2000), readGate(file))).toEqual([])
  })

  it('--update-gate measures corpus/, writes only what improved, and exits 1 when the gate is not met', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'mtlint-gate-'))
    const fresh = path.join(folder, 'fresh.json')
    const created = await run(['--update-gate'], {gateFile: fresh})
    expect(created.code).toBe(0)
    expect(created.stderr).toMatch(/^gate: gate created: minRecall [\d.]+, maxFpPer1000 [\d.]+\ngate: wrote /)
    const again = await run(['--update-gate'], {gateFile: fresh})
    expect(again.code).toBe(0)
    expect(again.stderr).toMatch(/gate: .*fresh\.json unchanged\n$/)

    const strict = path.join(folder, 'strict.json')
    writeFileSync(strict, '{"minRecall": 1, "maxFpPer1000": 0}\n')
    const failed = await run(['--update-gate'], {gateFile: strict})
    expect(failed.code).toBe(1)
    expect(failed.stderr).toMatch(/gate: NOT MET: recall \d\.\d{3} \(\d+\/\d+\) is below the gate's 1\n/)
    expect(readFileSync(strict, 'utf8')).toBe('{"minRecall": 1, "maxFpPer1000": 0}\n')
  })

  it('names the file when a threshold is missing', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'mtlint-gate-')), 'gate.json')
    writeFileSync(file, '{"minRecall": 0.3}')
    expect(() => readGate(file)).toThrow(file + ': `maxFpPer1000` must be a non-negative number (got undefined)')
    expect(readFileSync(file, 'utf8')).toBe('{"minRecall": 0.3}')
  })
})
