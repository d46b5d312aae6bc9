import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {Pack, buildGlossary, formatProblem, glossary, isConfigError, loadGlossaryFile, loadPack, mtlintParse, parseGlossary} from '../src/index.js'
import {unified} from 'unified'
import {phraseTokens} from '../src/glossary/compile.js'
import type {GlossaryEntry} from '../src/glossary/schema.js'
import {parseToNlcst} from '../src/parse.js'
import {collectSentences, sentenceTokens} from '../src/tokens.js'
import {VFile} from 'vfile'
import {lintText, messagesOf, root} from './helpers.js'

const fixture = path.join(root, 'tests', 'fixtures', 'core', 'glossary.yml')
// The fixture glossary alone (plus the pack's two name entries), so the
// growing built-in pack cannot change what these tests see.
const builtin = loadPack('fr-en')
const isolated = new Pack({name: 'test', sourceLanguage: 'fr', entries: [], data: {}}).extend([
  builtin.glossary.byId.get('putin-poutine')!,
  builtin.glossary.byId.get('lukashenko-loukachenko')!,
  ...loadGlossaryFile(fixture)
])
const options = {settings: {pack: isolated, rules: {spelling: 'off' as const, 'name-consistency': 'off' as const}}}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn()
  } catch (error) {
    if (isConfigError(error)) return error.problems.map(formatProblem)
    throw error
  }
  return []
}

describe('glossary loading', () => {
  it('reports every problem with file, line and column', () => {
    const text = 'entries:\n  - id: Bad Id\n    source: b\n    flag: other\n    category: nonsense\n    note: x\n    colour: red\n'
    expect(problemsOf(() => parseGlossary(text, 'g.yml'))).toEqual([
      'g.yml:7:5: entry `Bad Id`: unknown field `colour`',
      'g.yml:2:9: entry: `id` must be a lowercase slug such as `putin-poutine` (got "Bad Id")',
      'g.yml:5:15: entry `Bad Id`: `category` must be one of terminology, mistranslation, untranslated, false-friend, calque, typography, locale-convention, consistency, boilerplate, grammar, spelling, other (got "nonsense")'
    ])
  })

  it('reports invalid YAML with its place', () => {
    const problems = problemsOf(() => parseGlossary('entries:\n  - id: a\n   bad: [\n', 'x.yml'))
    expect(problems.length).toBeGreaterThan(0)
    expect(problems[0]).toMatch(/^x\.yml:\d+:\d+: invalid YAML: /)
  })

  it('reports duplicate ids', () => {
    const entry = '  - id: same\n    source: s\n    flag: f\n    category: calque\n    note: n\n'
    expect(problemsOf(() => parseGlossary('entries:\n' + entry + entry.replace('flag: f', 'flag: g'), 'd.yml'))).toEqual([
      'd.yml:7:5: duplicate id `same` (first at line 2)'
    ])
  })

  it('reports a phrase listed by two entries without contexts', () => {
    const a = '  - id: one\n    source: s\n    flag: same words\n    category: calque\n    note: n\n'
    const b = a.replace('id: one', 'id: two')
    const entries = parseGlossary('entries:\n' + a + b, 'p.yml')
    expect(problemsOf(() => buildGlossary(entries))).toEqual([
      'p.yml:7:5: entry `two`: phrase `same words` is already flagged by `one` (p.yml:2)'
    ])
  })

  it('checks examples when a glossary loads', () => {
    const text =
      'entries:\n  - id: ex\n    source: s\n    flag: forces of order\n    category: calque\n    note: n\n    examples:\n      bad: [The police came.]\n      good: [The forces of order came.]\n'
    expect(problemsOf(() => buildGlossary(parseGlossary(text, 'e.yml')))).toEqual([
      'e.yml:2:5: entry `ex`: bad example is not flagged: "The police came."',
      'e.yml:2:5: entry `ex`: good example is flagged: "The forces of order came."'
    ])
  })

  it('reads CSV glossaries', async () => {
    const file = await lintText('He was placed in guard in sight on Monday.', 'a.txt', {
      glossaries: [path.join(root, 'tests', 'fixtures', 'core', 'glossary.csv')]
    })
    const found = messagesOf(file, 'csv-guard')
    expect(found.map(String)).toEqual(['a.txt:1:18-1:32: Unexpected `guard in sight`, expected `police custody`'])
    expect(found[0]!.fatal).toBe(true)
  })

  it('tokenises phrases the way documents are tokenised', () => {
    expect(phraseTokens("Workers’ Force").map((d) => d.key)).toEqual(['workers', "'", 'force'])
    expect(phraseTokens('Lukashenko’s').map((d) => [d.key, d.possessive])).toEqual([['lukashenko', '’s']])
  })
})

describe('glossary matching', () => {
  const entry = (id: string, flag: string, preferred: string, index: number): GlossaryEntry => ({
    id, source: 'x', flag: [flag], preferred: [preferred], category: 'terminology', severity: 'warning', note: '', safe: false,
    when: [], unless: [], window: 0, case: 'auto', examples: {bad: [], good: []}, family: 'test', origin: {file: 't.yml', line: index + 1, column: 1}
  })
  /** Each sentence's hits (`id words`), from one glossary asked about every sentence in turn, or from a new glossary per sentence. */
  const hitsOf = (entries: GlossaryEntry[], text: string, fresh = false) => {
    let glossary = buildGlossary(entries, {checkExamples: false})
    const tree = parseToNlcst(text, new VFile({path: 'a.txt', value: text}), 'text')
    return collectSentences(tree).map((sentence) => {
      if (fresh) glossary = buildGlossary(entries, {checkExamples: false})
      const tokens = sentenceTokens(sentence)
      return glossary.find(tokens).map((hit) => hit.entry.id + ' ' + tokens.slice(hit.start, hit.end + 1).map((d) => d.value).join(' '))
    })
  }

  it('remembers what it learns of word pairs without changing a hit', () => {
    // The matcher remembers, per word, whether each next word continues one
    // of its phrases (compile.ts, `continuesWith`): the same hits the second
    // time a pair is seen, through plurals, and not across punctuation.
    const few = [entry('ground', 'common ground', 'shared view', 0), entry('force', 'common force', 'joint force', 1)]
    const many = [...few, ...Array.from({length: 80}, (_, index) => entry('filler-' + index, 'common filler' + index, 'x', index + 2))]
    const text = 'They found common ground. Common ground again, and common forces; common, ground. Common sense and common grounds.'
    const expected = [['ground common ground'], ['ground Common ground', 'force common forces'], ['ground common grounds']]
    expect(hitsOf(few, text)).toEqual(expected)
    expect(hitsOf(many, text)).toEqual(expected)
  })

  it('finds in random text what a glossary that remembers nothing finds', () => {
    // Random sentences over a small vocabulary (plurals, possessives,
    // punctuation, capitals), so that pairs repeat; each sentence is also
    // matched by a new glossary, which has nothing remembered yet.
    let seed = 11
    const next = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648)
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!
    const words = ['common', 'ground', 'grounds', 'force', 'forces', 'of', 'order', 'party', 'parties', 'the', 'guard', 'sight', 'in']
    const entries = Array.from({length: 40}, (_, index) =>
      entry('e' + index, Array.from({length: 1 + Math.floor(next() * 3)}, () => pick(words.filter((d) => !d.endsWith('s')))).join(' '), 'x', index)
    ).filter((d, index, all) => all.findIndex((other) => other.flag[0] === d.flag[0]) === index)
    const sentences = Array.from({length: 300}, () =>
      Array.from({length: 4 + Math.floor(next() * 10)}, () => {
        const word = pick(words)
        const roll = next()
        return roll < 0.1 ? word + ',' : roll < 0.15 ? word + '’s' : roll < 0.2 ? word.toUpperCase() : word
      }).join(' ') + '.'
    )
    const text = sentences.join(' ')
    const remembered = hitsOf(entries, text)
    expect(remembered.flat().length).toBeGreaterThan(300)
    expect(remembered).toEqual(hitsOf(entries, text, true))
  })

  it('forgets remembered pairs when there are too many, and still matches', () => {
    // 1,100 different words after `common`: more than one word's answers
    // are kept (1,024), so the table is cleared on the way.
    const entries = Array.from({length: 1100}, (_, index) => entry('w' + index, 'common w' + index, 'x', index))
    const text = Array.from({length: 2 * 1100}, (_, index) => `They share common w${index % 1100} and common w${(index * 7) % 1100}x.`).join(' ')
    const hits = hitsOf(entries, text)
    expect(hits).toEqual(Array.from({length: 2 * 1100}, (_, index) => [`w${index % 1100} common w${index % 1100}`]))
  })

  it('gives one full message with all its metadata', async () => {
    const file = await lintText('The Martian of order stood by.', 'a.txt', options)
    const [message] = messagesOf(file, 'test-martian-of-order')
    expect(JSON.parse(JSON.stringify(message))).toEqual({
      column: 5,
      fatal: false,
      line: 1,
      message: 'Unexpected `Martian of order`, expected `law enforcement`',
      name: 'a.txt:1:5-1:21',
      place: {start: {line: 1, column: 5, offset: 4}, end: {line: 1, column: 21, offset: 20}},
      reason: 'Unexpected `Martian of order`, expected `law enforcement`',
      ruleId: 'test-martian-of-order',
      source: 'mtlint',
      actual: 'Martian of order',
      expected: ['law enforcement'],
      note: "French *maintien de l'ordre* means law enforcement.",
      url: 'https://github.com/mtlint/mtlint/blob/main/docs/rules.md#test-martian-of-order',
      category: 'accuracy/mistranslation',
      categoryName: 'mistranslation',
      safe: false,
      rule: 'glossary',
      file: 'a.txt'
    })
  })

  it('skips ignored entries and families and applies per-entry settings, document after document', async () => {
    const text = 'Vladimir Poutine met Alexandre Loukachenko. The Martian of order stood by.'
    // One processor, so the same options object comes with every document.
    const processor = unified().use(mtlintParse).use(glossary, {
      glossary: isolated.glossary,
      ignore: ['test-martian-of-order'],
      entries: {'putin-poutine': 'error', 'lukashenko-loukachenko': 'off'}
    })
    for (let round = 0; round < 3; round++) {
      const file = new VFile({path: 'a.txt', value: text})
      await processor.run(processor.parse(file), file)
      expect(file.messages.map((d) => [d.ruleId, d.fatal])).toEqual([['putin-poutine', true]])
    }
  })

  it('matches across line breaks and inline markup', async () => {
    const file = await lintText('The **Martian** of\norder *stood* by.', 'a.md', options)
    expect(messagesOf(file, 'test-martian-of-order').map(String)).toEqual([
      'a.md:1:7-2:6: Unexpected `Martian of order`, expected `law enforcement`'
    ])
  })

  it('is case-sensitive only for words written with capitals', async () => {
    const file = await lintText('Vladimir Poutine likes poutine. POUTINE!', 'a.txt')
    expect(messagesOf(file, 'putin-poutine').map((d) => d.actual)).toEqual(['Poutine', 'POUTINE'])
    expect(messagesOf(file, 'putin-poutine').map((d) => d.expected)).toEqual([['Putin'], ['PUTIN']])
  })

  it('is diacritic-insensitive and never flags a preferred form', async () => {
    const file = await lintText('Erdogan met Erdoğan. Loukachénko spoke.', 'a.txt', options)
    expect(messagesOf(file, 'test-erdogan').map((d) => d.actual)).toEqual(['Erdogan'])
    expect(messagesOf(file, 'lukashenko-loukachenko').map((d) => d.actual)).toEqual(['Loukachénko'])
  })

  it('matches plural and possessive forms and keeps them in the suggestion', async () => {
    const file = await lintText("The forces of order came. Poutine's plan.", 'a.txt', options)
    expect(messagesOf(file, 'test-forces-of-order').map((d) => [d.actual, d.expected])).toEqual([['forces of order', ['police']]])
    expect(messagesOf(file, 'putin-poutine').map((d) => [d.actual, d.expected])).toEqual([["Poutine's", ["Putin's"]]])
  })

  it('keeps the capitalisation of a sentence start in suggestions', async () => {
    const file = await lintText('Martian of order was there.', 'a.txt', options)
    expect(messagesOf(file, 'test-martian-of-order')[0]!.expected).toEqual(['Law enforcement'])
  })

  it('fires false friends only in their contexts', async () => {
    const file = await lintText(
      'He filed a demand for asylum. Demand for oil fell. Supply and demand of asylum places rose. There was demand, and later a visa.',
      'a.txt',
      options
    )
    expect(messagesOf(file, 'test-demand-application').map((d) => d.column)).toEqual([12])
  })

  it('skips code, inline code, URLs and e-mail addresses', async () => {
    const md = 'Use `Poutine` and <https://example.com/Poutine> or www.poutine.com/Poutine, mail Poutine@example.org.\n\n```\nPoutine\n```\n\n    Poutine indented\n'
    const file = await lintText(md, 'a.md')
    expect(messagesOf(file, 'putin-poutine')).toEqual([])
    const html = '<p title="Poutine">Hi <code>Poutine</code> <a href="https://x.org/Poutine">link</a></p><script>Poutine</script><pre>Poutine</pre>'
    expect(messagesOf(await lintText(html, 'a.html'), 'putin-poutine')).toEqual([])
    expect(messagesOf(await lintText('See https://example.com/Poutine now.', 'a.txt'), 'putin-poutine')).toEqual([])
  })

  it('skips front matter', async () => {
    const file = await lintText('---\ntitle: Poutine\n---\n\n+++\n', 'a.md')
    expect(messagesOf(file, 'putin-poutine')).toEqual([])
  })
})
