/**
 * The evaluation library: loading and validating annotations, and scoring
 * messages exactly as the corpus README says. Scoring is checked with a fake
 * lint function that puts messages at chosen offsets, so these tests do not
 * move when the rules do.
 */
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {VFile} from 'vfile'
import {location} from 'vfile-location'
import {
  CorpusError,
  countWords,
  evaluate,
  formatResult,
  hits,
  loadCorpus,
  occurrences,
  summaryLine,
  type Corpus,
  type CorpusText,
  type LintFunction
} from '../src/eval/index.js'
import {root} from './helpers.js'

const fixtures = path.join(root, 'tests', 'fixtures', 'eval')

/** Where a message goes: a substring (and which occurrence), or explicit offsets. */
interface Planned {
  file: string
  at: string | {start: number; end: number}
  occurrence?: number
  rule?: string
  ruleId?: string
  /** Give only line/column (no offsets), as some linters do. */
  noOffsets?: boolean
}

/** A lint function that reports exactly the planned messages. */
function fake(plan: Planned[]): LintFunction {
  return async (value, file) => {
    const vfile = new VFile({value, path: file})
    const place = location(value)
    for (const d of plan.filter((p) => file.endsWith(p.file))) {
      let start: number
      let end: number
      if (typeof d.at === 'string') {
        const found = occurrences(value, d.at)[(d.occurrence ?? 1) - 1]
        if (found === undefined) throw new Error('plan: ' + d.at + ' not in ' + file)
        start = found
        end = found + d.at.length
      } else {
        ;({start, end} = d.at)
      }
      const a = place.toPoint(start)!
      const b = place.toPoint(end)!
      const message = vfile.message('planned', {
        place: d.noOffsets ? {start: {line: a.line, column: a.column}, end: {line: b.line, column: b.column}} : {start: a, end: b},
        ruleId: d.ruleId ?? d.rule ?? 'test-rule',
        source: 'mtlint'
      })
      Object.assign(message, {rule: d.rule ?? 'test-rule'})
    }
    return vfile
  }
}

/** A one-text corpus made in memory. */
function corpusOf(value: string, findings: Array<{text: string; occurrence?: number; confidence?: 'certain' | 'likely'}>, extra: Partial<CorpusText> = {}): Corpus {
  return {
    dirs: ['mem'],
    texts: [
      {
        path: 'mem/001.txt',
        annotationPath: 'mem/001.json',
        value,
        sourceLanguage: 'fr',
        kind: 'mt',
        cleanSpans: [],
        words: countWords(value),
        findings: findings.map((d, index) => {
          const start = occurrences(value, d.text)[(d.occurrence ?? 1) - 1]!
          return {index, text: d.text, occurrence: d.occurrence ?? 1, category: 'calque', confidence: d.confidence ?? 'certain', suggestion: '', start, end: start + d.text.length}
        }),
        ...extra
      }
    ]
  }
}

describe('loadCorpus', () => {
  it('reads annotations with their .txt and .md texts, recursively, and skips non-annotation JSON', () => {
    const corpus = loadCorpus([path.join(fixtures, 'ok')])
    expect(corpus.texts.map((d) => path.relative(fixtures, d.path))).toEqual(['ok/a.txt', 'ok/control.txt', path.join('ok', 'sub', 'b.md')])
    const a = corpus.texts[0]!
    expect(a.findings.map((d) => [d.text, d.occurrence, a.value.slice(d.start, d.end)])).toEqual([
      ['soldiers', 2, 'soldiers'],
      ['During the night from Friday to Saturday', 1, 'During the night from Friday to Saturday'],
      ['Poutine', 1, 'Poutine']
    ])
    // Occurrence 2 is the one on the second line (after the CRLF).
    expect(a.findings[0]!.start).toBe(a.value.lastIndexOf('soldiers'))
    expect(a.value).toContain('\r\n')
    expect(a.cleanSpans).toEqual([{text: 'a real demand', start: a.value.indexOf('a real demand'), end: a.value.indexOf('a real demand') + 13}])
    expect(corpus.texts[1]!.kind).toBe('control')
  })

  it('names the file and the finding when a text is not an exact substring', () => {
    expect(() => loadCorpus([path.join(fixtures, 'broken-substring')])).toThrow(/broken-substring\/001\.json:3:3: findings\[1\] "the gendarmes": not found in 001\.txt/)
  })

  it('requires `occurrence` when the text occurs more than once', () => {
    expect(() => loadCorpus([path.join(fixtures, 'broken-ambiguous')])).toThrow(/001\.json:2:3: findings\[0\] "soldiers": occurs 2 times: add `occurrence` \(1–2\)/)
  })

  it('rejects a clean span overlapping a finding', () => {
    expect(() => loadCorpus([path.join(fixtures, 'broken-clean-overlap')])).toThrow(/001\.json:3:20: clean_spans\[0\] "demand": overlaps findings\[0\] "zero demand"/)
  })

  it('lists every bad field at once: occurrence out of range, unknown category, unknown confidence', () => {
    let error: unknown
    try {
      loadCorpus([path.join(fixtures, 'broken-fields')])
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(CorpusError)
    const problems = (error as CorpusError).problems.map((d) => d.line + ':' + d.column + ' ' + d.where + ': ' + d.reason)
    expect(problems).toEqual([
      expect.stringMatching(/^2:3 findings\[0\] "soldiers": `occurrence` must be an integer from 1 to 2 \(got 3\)$/),
      expect.stringMatching(/^3:3 findings\[1\] "came": `category` must be one of terminology, .* \(got "wording"\)$/),
      expect.stringMatching(/^4:3 findings\[2\] "left": `confidence` must be "certain" or "likely" \(got "sure"\)$/)
    ])
  })

  it('points at the line and column of invalid JSON', () => {
    expect(() => loadCorpus([path.join(fixtures, 'broken-json')])).toThrow(/broken-json\/001\.json:4:1: invalid JSON: /)
  })

  it('rejects an annotation without its text, and a missing folder', () => {
    expect(() => loadCorpus([path.join(fixtures, 'broken-no-text')])).toThrow(/001\.json: no text next to it \(expected 001\.txt, \.md or \.html\)/)
    expect(() => loadCorpus([path.join(fixtures, 'nope')])).toThrow(/nope: no such folder/)
  })

  it('counts words as whitespace-separated tokens and occurrences left to right without overlap', () => {
    expect(countWords('  Un  deux\r\ntrois —\tquatre ')).toBe(5)
    expect(occurrences('aaaa', 'aa')).toEqual([0, 2])
    expect(occurrences('abc', '')).toEqual([])
  })
})

describe('scoring', () => {
  const value = 'He said the soldiers came back, then the soldiers left.'

  it('a message ending exactly where a finding starts does not find it (and is a false positive)', async () => {
    const corpus = corpusOf(value, [{text: 'soldiers'}])
    const result = await evaluate(corpus, {lint: fake([{file: '001.txt', at: 'said the '}])})
    expect(result.overall).toMatchObject({found: 0, total: 1, falsePositives: 1, elsewhere: 1})
  })

  it('a message starting exactly where a finding ends does not find it either', async () => {
    const corpus = corpusOf(value, [{text: 'soldiers'}])
    const result = await evaluate(corpus, {lint: fake([{file: '001.txt', at: ' came'}])})
    expect(result.overall).toMatchObject({found: 0, falsePositives: 1})
  })

  it('one shared character is enough, on either side', async () => {
    const start = value.indexOf('soldiers')
    const corpus = corpusOf(value, [{text: 'soldiers'}])
    for (const at of [
      {start: start - 4, end: start + 1},
      {start: start + 7, end: start + 12},
      {start: start + 2, end: start + 3}
    ]) {
      const result = await evaluate(corpus, {lint: fake([{file: '001.txt', at}])})
      expect(result.overall, JSON.stringify(at)).toMatchObject({found: 1, falsePositives: 0})
    }
  })

  it('an empty range (a point) finds the finding it points into, not the one it follows', async () => {
    const start = value.indexOf('soldiers')
    const corpus = corpusOf(value, [{text: 'soldiers'}])
    expect((await evaluate(corpus, {lint: fake([{file: '001.txt', at: {start, end: start}}])})).overall.found).toBe(1)
    const after = await evaluate(corpus, {lint: fake([{file: '001.txt', at: {start: start + 8, end: start + 8}}])})
    expect(after.overall).toMatchObject({found: 0, falsePositives: 1})
  })

  it('uses the annotated occurrence: a message on the other one is a miss plus a false positive', async () => {
    const corpus = corpusOf(value, [{text: 'soldiers', occurrence: 2}])
    const wrong = await evaluate(corpus, {lint: fake([{file: '001.txt', at: 'soldiers', occurrence: 1}])})
    expect(wrong.overall).toMatchObject({found: 0, total: 1, falsePositives: 1})
    expect(wrong.misses).toEqual([expect.objectContaining({text: 'soldiers', line: 1, column: value.lastIndexOf('soldiers') + 1})])
    const right = await evaluate(corpus, {lint: fake([{file: '001.txt', at: 'soldiers', occurrence: 2}])})
    expect(right.overall).toMatchObject({found: 1, falsePositives: 0})
  })

  it('one message can find several findings, and several messages one finding', async () => {
    const corpus = corpusOf(value, [{text: 'the soldiers came'}, {text: 'came back'}])
    const result = await evaluate(corpus, {lint: fake([{file: '001.txt', at: 'came'}, {file: '001.txt', at: 'soldiers', rule: 'other-rule'}])})
    expect(result.overall).toMatchObject({found: 2, total: 2, falsePositives: 0})
    expect(result.truePositives).toBe(2)
  })

  it('reports lines and UTF-16 columns as vfile does across CRLF and an emoji, with or without offsets in messages', async () => {
    const corpus = loadCorpus([path.join(fixtures, 'ok')])
    const result = await evaluate(corpus, {
      lint: fake([
        {file: 'a.txt', at: 'a real demand', noOffsets: true},
        {file: 'a.txt', at: 'Poutine', noOffsets: true}
      ])
    })
    // Line 3 starts with 🚓 (two UTF-16 code units) and a space: `Poutine` is at column 4, `a real demand` at 19.
    expect(result.falsePositives).toEqual([expect.objectContaining({file: expect.stringMatching(/a\.txt$/), line: 3, column: 19, text: 'a real demand', kind: 'clean'})])
    const misses = result.misses.filter((d) => d.file.endsWith('a.txt'))
    expect(misses.map((d) => [d.line, d.column, d.text])).toEqual([
      [2, 1, 'During the night from Friday to Saturday'],
      [2, 47, 'soldiers']
    ])
    expect(result.byCategory['terminology']).toEqual({found: 1, total: 2, recall: 0.5})
  })

  it('splits false positives: on clean spans, in control texts, elsewhere; per rule and per 1,000 words', async () => {
    const corpus = loadCorpus([path.join(fixtures, 'ok')])
    const result = await evaluate(corpus, {
      lint: fake([
        {file: 'a.txt', at: 'demand', rule: 'glossary', ruleId: 'demand-request'},
        {file: 'control.txt', at: 'en masse', rule: 'glossary', ruleId: 'en-masse'},
        {file: 'control.txt', at: "chargé d'affaires", rule: 'untranslated'},
        {file: 'b.md', at: 'minister', rule: 'untranslated'},
        {file: 'b.md', at: '1,5', rule: 'number-format'}
      ])
    })
    expect(result.words).toBe(40)
    expect(result.overall).toMatchObject({falsePositives: 4, clean: 2, control: 1, elsewhere: 1, found: 1, total: 5})
    expect(result.overall.fpPer1000).toBe(100)
    expect(result.byRule).toEqual({
      glossary: {messages: 2, true: 0, falsePositives: 2, clean: 1, control: 1, elsewhere: 0, fpPer1000: 50},
      'number-format': {messages: 1, true: 1, falsePositives: 0, clean: 0, control: 0, elsewhere: 0, fpPer1000: 0},
      untranslated: {messages: 2, true: 0, falsePositives: 2, clean: 1, control: 0, elsewhere: 1, fpPer1000: 50}
    })
    expect(result.byLanguage).toEqual({fr: {found: 0, total: 3, recall: 0}, it: {found: 1, total: 2, recall: 0.5}})
  })

  it('--min-confidence certain drops likely findings from recall, but a message on one is still no false positive', async () => {
    const corpus = corpusOf(value, [{text: 'soldiers', occurrence: 1, confidence: 'likely'}, {text: 'left', confidence: 'certain'}])
    const lintFn = fake([{file: '001.txt', at: 'soldiers'}])
    const all = await evaluate(corpus, {lint: lintFn})
    expect(all.overall).toMatchObject({found: 1, total: 2, recall: 0.5, falsePositives: 0})
    expect(all.certain.overall).toEqual({found: 0, total: 1, recall: 0})
    const certain = await evaluate(corpus, {lint: lintFn, minConfidence: 'certain'})
    expect(certain.overall).toMatchObject({found: 0, total: 1, recall: 0, falsePositives: 0})
    expect(certain.minConfidence).toBe('certain')
  })

  it('groups by `rule`, falls back to the source for other linters, and skips messages without a place', async () => {
    const corpus = corpusOf(value, [])
    const lintFn: LintFunction = async (text, file) => {
      const vfile = new VFile({value: text, path: file})
      vfile.message('Misspelt', {place: {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 3, offset: 2}}, ruleId: 'He', source: 'retext-spell'})
      vfile.info('Too many misspellings; no further suggestions', {source: 'retext-spell', ruleId: 'overflow'})
      return vfile.messages
    }
    const result = await evaluate(corpus, {lint: lintFn})
    expect(Object.keys(result.byRule)).toEqual(['retext-spell'])
    expect(result.unplaced).toBe(1)
    expect(result.messages).toBe(1)
  })

  it('hits() is half-open', () => {
    expect(hits({start: 0, end: 5}, {start: 5, end: 9})).toBe(false)
    expect(hits({start: 0, end: 6}, {start: 5, end: 9})).toBe(true)
    expect(hits({start: 9, end: 12}, {start: 5, end: 9})).toBe(false)
    expect(hits({start: 5, end: 5}, {start: 5, end: 9})).toBe(true)
    expect(hits({start: 9, end: 9}, {start: 5, end: 9})).toBe(false)
  })
})

describe('formatting', () => {
  it('ends with the one summary line, three-decimal recall and two-decimal rate', async () => {
    const corpus = loadCorpus([path.join(fixtures, 'ok')])
    const result = await evaluate(corpus, {lint: fake([{file: 'a.txt', at: 'Poutine', rule: 'glossary'}, {file: 'control.txt', at: 'en masse'}])})
    const text = formatResult(result, {verbose: true})
    const lines = text.split('\n')
    expect(lines.at(-1)).toBe('recall 0.200 (1/5), false positives 1, fp-per-1000-words 25.00')
    expect(summaryLine(result)).toBe(lines.at(-1))
    expect(text).toMatch(/^category +found +total +recall +certain: found +total +recall$/m)
    expect(text).toMatch(/^terminology +1 +2 +0\.500 +1 +1 +1\.000$/m)
    expect(text).toMatch(/^locale-convention +0 +1 +0\.000 +0 +0 +-$/m)
    expect(text).toMatch(/^certain +1 +3 +0\.333$/m)
    expect(text).toMatch(/^test-rule +1 +0 +1 +0 +1 +0 +25\.00$/m)
    expect(text).toContain('control.txt:1:39  en masse  (test-rule, control)')
    expect(text).toContain('a.txt:2:47  soldiers  (terminology, likely)')
  })
})
