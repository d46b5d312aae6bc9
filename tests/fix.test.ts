/**
 * `--fix`: edits by offset on the original text, overlaps resolved, nothing
 * outside the fixed ranges changed, idempotent — on every corpus article
 * (through the CLI, on copies) and on random texts with injected artifacts
 * (fast-check).
 */
import {execFile} from 'node:child_process'
import {cpSync, mkdtempSync, readFileSync, readdirSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import {diffLines} from 'diff'
import {describe, expect, it} from 'vitest'
import type {VFile} from 'vfile'
import {lint} from '../src/index.js'
import {applyEdits, editOf, fixEdits, fixUntilStable, maxFixRounds, resolveOverlaps, type Edit} from '../src/fix.js'
import {root} from './helpers.js'

const bin = path.join(root, 'dist', 'bin.js')
const corpus = path.join(root, 'corpus', 'fr-en')

function cli(args: string[], cwd: string): Promise<{code: number; stdout: string; stderr: string}> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], {cwd, maxBuffer: 64 * 1024 * 1024, env: {...process.env, NO_COLOR: '1'}}, (error, stdout, stderr) => {
      resolve({code: error ? Number((error as {code?: number}).code ?? 1) : 0, stdout, stderr})
    })
  })
}

/**
 * A model of the text being fixed: every code unit of the current text
 * knows the index it had in the original, or -1 when a fix inserted it.
 * Applying edits to the model is done character by character, independently
 * of `applyEdits`, so comparing the two checks the implementation.
 */
interface Model {
  text: string
  origin: number[]
}

function applyModel(model: Model, edits: readonly Edit[]): Model {
  const text: string[] = []
  const origin: number[] = []
  let index = 0
  for (const edit of edits) {
    for (; index < edit.start; index++) {
      text.push(model.text[index]!)
      origin.push(model.origin[index]!)
    }
    for (const unit of edit.text.split('')) {
      text.push(unit)
      origin.push(-1)
    }
    index = edit.end
  }
  for (; index < model.text.length; index++) {
    text.push(model.text[index]!)
    origin.push(model.origin[index]!)
  }
  return {text: text.join(''), origin}
}

/** The nearest original index at or around a position of the current text (for insertions). */
function nearOriginal(model: Model, position: number, step: -1 | 1): number | undefined {
  for (let index = position; index >= 0 && index < model.origin.length; index += step) {
    if (model.origin[index] !== -1) return model.origin[index]
  }
  return undefined
}

/**
 * Fix a text round by round as `--fix` does, checking that every edit is a
 * safe finding's own range and first replacement, and collecting the
 * original indices each fix touched.
 */
async function fixModel(original: string, name: string): Promise<{model: Model; touched: Set<number>; last: VFile}> {
  let model: Model = {text: original, origin: Array.from({length: original.length}, (_, index) => index)}
  const touched = new Set<number>()
  let last = await lint(model.text, {path: name})
  for (let round = 0; round < maxFixRounds; round++) {
    const edits = fixEdits(last)
    if (edits.length === 0) break
    for (const edit of edits) {
      const from = last.messages.filter((d) => {
        const proposed = editOf(d)
        return proposed && proposed.start === edit.start && proposed.end === edit.end && proposed.text === edit.text
      })
      expect(from.length, `edit ${JSON.stringify(edit)} comes from a safe finding`).toBeGreaterThan(0)
      // Markup in the replaced range must come back in the replacement (`]e` → `] e`).
      const replaced = model.text.slice(edit.start, edit.end)
      for (const character of markup) {
        const lost = replaced.split(character).length - edit.text.split(character).length
        if (lost > 0) throw new Error(`a fix deleted markup \`${character}\`: ${JSON.stringify(replaced)} → ${JSON.stringify(edit.text)} in ${JSON.stringify(model.text)}`)
      }
      for (let index = edit.start; index < edit.end; index++) if (model.origin[index] !== -1) touched.add(model.origin[index]!)
      const before = nearOriginal(model, edit.start - 1, -1)
      const after = nearOriginal(model, edit.end, 1)
      if (before !== undefined) touched.add(before)
      if (after !== undefined) touched.add(after)
    }
    model = applyModel(model, edits)
    last = await lint(model.text, {path: name})
  }
  return {model, touched, last}
}

/** Characters of Markdown and HTML syntax: a fix never deletes one. */
const markup = new Set(['*', '_', '`', '<', '>', '[', ']', '|', '~', '&'])

/** Check a fixed text against the model and against a line diff of the original. */
function checkFixed(original: string, fixed: string, model: Model, touched: Set<number>): void {
  expect(fixed).toBe(model.text)
  // Every code unit the model kept is the original's, in order.
  model.origin.forEach((index, position) => {
    if (index !== -1) expect(model.text[position]).toBe(original[index])
  })
  // Every original code unit no fix touched is kept.
  const kept = new Set(model.origin)
  for (let index = 0; index < original.length; index++) {
    if (!touched.has(index)) expect(kept.has(index), `original offset ${index} kept`).toBe(true)
  }
  // The diff check: every line the diff removes is an original line holding a fixed range.
  const lineStarts = [0]
  for (let index = 0; index < original.length; index++) if (original[index] === '\n') lineStarts.push(index + 1)
  const lines = original.split(/(?<=\n)/)
  const lineOf = (offset: number) => {
    let low = 0
    let high = lineStarts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (lineStarts[middle]! <= offset) low = middle
      else high = middle - 1
    }
    return low
  }
  const fixedLines = new Set([...touched].map((d) => lines[lineOf(d)]))
  for (const part of diffLines(original, fixed)) {
    if (!part.removed) continue
    for (const line of part.value.split(/(?<=\n)/)) expect(fixedLines.has(line), `changed line outside the fixed ranges: ${JSON.stringify(line)}`).toBe(true)
  }
}

describe('edits', () => {
  it('keeps the first (then longest) of overlapping edits, applies by offset', () => {
    const edits: Edit[] = [
      {start: 10, end: 12, text: 'x'},
      {start: 0, end: 3, text: 'A'},
      {start: 0, end: 5, text: 'LONG'},
      {start: 4, end: 6, text: 'overlaps'},
      {start: 5, end: 5, text: '+'},
      {start: 5, end: 5, text: 'second insertion'},
      {start: 11, end: 14, text: 'overlaps'}
    ]
    const kept = resolveOverlaps(edits)
    expect(kept).toEqual([
      {start: 0, end: 5, text: 'LONG'},
      {start: 5, end: 5, text: '+'},
      {start: 10, end: 12, text: 'x'}
    ])
    expect(applyEdits('abcdefghijklmnop', kept)).toBe('LONG+fghijxmnop')
  })

  it('proposes only safe findings with a place and a replacement', async () => {
    const file = await lint('Vladimir Poutine and the forces of order.', {path: 'a.txt'})
    // forces-de-l-ordre is not safe (police? riot police? the context decides).
    expect(file.messages.map((d) => d.ruleId)).toContain('forces-de-l-ordre')
    const safe = file.messages.filter((d) => editOf(d))
    expect(safe.map((d) => d.ruleId)).toEqual(['putin-poutine'])
    expect(fixEdits(file)).toEqual([{start: 9, end: 16, text: 'Putin', ruleId: 'putin-poutine'}])
  })

  it('keeps Markdown and HTML around the fixed word, and possessives', async () => {
    for (const [name, value, expected] of [
      ['a.md', '# Title\n\n*Vladimir* **Poutine** and\nPoutine’s  visit, `Poutine` in code.\n', '# Title\n\n*Vladimir* **Putin** and\nPutin’s  visit, `Poutine` in code.\n'],
      // The finding's range runs across the emphasis marks: not fixed, never the marks deleted.
      ['a.md', 'Vladimir **Poutine**’s visit.\n', 'Vladimir **Poutine**’s visit.\n'],
      ['a.html', '<p class="x">Vladimir <b>Poutine</b> &amp; <code>Poutine</code></p>\n', '<p class="x">Vladimir <b>Putin</b> &amp; <code>Poutine</code></p>\n'],
      ['a.txt', '\uFEFFVladimir Poutine\r\nsaid it.\r\n', '\uFEFFVladimir Putin\r\nsaid it.\r\n']
    ] as const) {
      const result = await fixUntilStable(value, (text) => lint(text, {path: name}))
      expect(result.value).toBe(expected)
    }
  })
})

describe('--fix on every corpus article', () => {
  it('changes nothing outside the fixed ranges, matches the library, and a second run is a no-op', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'mtlint-fix-'))
    cpSync(corpus, folder, {recursive: true})
    const names = readdirSync(folder).filter((d) => /\.(txt|md|html?)$/.test(d)).sort()
    const originals = new Map(names.map((d) => [d, readFileSync(path.join(folder, d), 'utf8')]))

    const first = await cli(['--fix', '.', '--report', 'json'], folder)
    expect(first.code, first.stderr).toBeLessThan(2)
    let changed = 0
    for (const name of names) {
      const original = originals.get(name)!
      const fixed = readFileSync(path.join(folder, name), 'utf8')
      const {model, touched} = await fixModel(original, name)
      checkFixed(original, fixed, model, touched)
      if (fixed !== original) changed++
    }
    // The seed and most MT articles have safe fixes to apply.
    expect(changed).toBeGreaterThan(0)

    // The report is of the fixed files: no safe finding with a fix remains.
    const report = JSON.parse(first.stdout) as Array<{messages: Array<{safe?: boolean; expected?: string[]}>}>
    expect(report.flatMap((d) => d.messages).filter((d) => d.safe && d.expected && d.expected.length > 0)).toEqual([])

    const fixedTexts = new Map(names.map((d) => [d, readFileSync(path.join(folder, d), 'utf8')]))
    const second = await cli(['--fix', '.'], folder)
    expect(second.code).toBeLessThan(2)
    for (const name of names) expect(readFileSync(path.join(folder, name), 'utf8')).toBe(fixedTexts.get(name))
    const dry = await cli(['--fix-dry-run', '.'], folder)
    expect(dry.stdout).toBe('')
  }, 240_000)
})

/** Text fragments: English, injected MT artifacts, markup, and awkward characters. */
const fragments = [
  'Vladimir Poutine',
  'Poutine',
  'Poutine’s',
  "Poutine's",
  'POUTINE',
  'poutine',
  'the forces of order',
  'Alexandre Loukachenko',
  'Loukatchenko',
  '« quoted »',
  '3,5 %',
  '1 000 euros',
  'the 19th century',
  'Andreï',
  'Andrei',
  'said',
  'on Friday',
  'the minister',
  '.',
  ',',
  ' ',
  '  ',
  '\n',
  '\n\n',
  '\r\n',
  '\t',
  '**',
  '_',
  '`',
  '# ',
  '- ',
  '<b>',
  '</b>',
  '&amp;',
  '😀',
  'é',
  'e\u0301',
  '\uFEFF',
  '<!--mtlint ignore putin-poutine-->',
  'https://example.com/Poutine'
]

describe('property: random texts with injected artifacts', () => {
  it('fixes change only fixed ranges and a second pass changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof({weight: 6, arbitrary: fc.constantFrom(...fragments)}, {weight: 1, arbitrary: fc.string({maxLength: 6})}), {maxLength: 40}),
        fc.constantFrom('a.txt', 'a.md', 'a.html'),
        async (parts, name) => {
          // Fragments join with or without a space, as real drafts do.
          const original = parts.map((d, index) => (index % 2 === 0 ? d : ' ' + d)).join('')
          const lintValue = (text: string) => lint(text, {path: name})
          const result = await fixUntilStable(original, lintValue)
          const {model, touched} = await fixModel(original, name)
          checkFixed(original, result.value, model, touched)
          const again = await fixUntilStable(result.value, lintValue)
          expect(again.applied).toBe(0)
          expect(again.value).toBe(result.value)
        }
      ),
      {numRuns: Number(process.env['MTLINT_FIX_RUNS'] ?? 200)}
    )
  }, 240_000)
})
