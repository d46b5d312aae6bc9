/**
 * Rules `source-typography`, `number-format` and `name-consistency`: public
 * shape, one full message each, many reasons and ranges, the settings, and
 * robustness cases.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import type {Root} from 'nlcst'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import * as mtlint from '../src/index.js'
import {nameConsistency, numberFormat, sourceTypography, type LintOptions} from '../src/index.js'
import {lintText, messagesOf, root} from './helpers.js'

/** `line:column-line:column text → expected` of a rule's messages. */
async function found(rule: string, text: string, name = 'a.txt', options: LintOptions = {}): Promise<string[]> {
  const file = await lintText(text, name, options)
  return messagesOf(file, rule).map((message) => {
    const place = message.place as {start: {line: number; column: number; offset: number}; end: {line: number; column: number; offset: number}}
    return `${place.start.line}:${place.start.column}-${place.end.line}:${place.end.column} ${text.slice(place.start.offset, place.end.offset)} → ${(message.expected ?? []).join(' | ')}`
  })
}

/** The reasons of a rule's messages. */
async function reasons(rule: string, text: string, name = 'a.txt', options: LintOptions = {}): Promise<string[]> {
  return messagesOf(await lintText(text, name, options), rule).map((d) => d.reason)
}

describe('public API', () => {
  it('exports the three plugins with their metadata', () => {
    expect(mtlint.sourceTypography).toBe(sourceTypography)
    expect(sourceTypography.meta).toMatchObject({id: 'source-typography', category: 'typography', severity: 'warning', safe: true})
    expect(numberFormat.meta).toMatchObject({id: 'number-format', category: 'locale-convention', severity: 'warning'})
    expect(nameConsistency.meta).toMatchObject({id: 'name-consistency', category: 'consistency', severity: 'warning'})
    const ids = mtlint.registry.map((d) => d.plugin.meta.id)
    expect(ids).toEqual(expect.arrayContaining(['source-typography', 'number-format', 'name-consistency']))
  })
})

describe('source-typography', () => {
  it('reports a full message with exact places after CRLF and an emoji', async () => {
    const text = 'Title\r\n\r\n😀 He said « we won » today ?'
    const file = await lintText(text, 'a.txt')
    const messages = messagesOf(file, 'source-typography')
    expect(messages.map((d) => d.reason)).toEqual([
      'Unexpected `«`, expected `“`',
      'Unexpected `»`, expected `”`',
      'Unexpected space before `?`'
    ])
    expect(JSON.parse(JSON.stringify(messages[0]))).toEqual({
      actual: '« ',
      category: 'locale-convention/typography',
      categoryName: 'typography',
      column: 12,
      expected: ['“'],
      fatal: false,
      file: 'a.txt',
      line: 3,
      message: 'Unexpected `«`, expected `“`',
      name: 'a.txt:3:12-3:14',
      note: 'French quotes with « guillemets » (and spaces inside them); English uses “…” with no spaces.',
      place: {start: {line: 3, column: 12, offset: 20}, end: {line: 3, column: 14, offset: 22}},
      reason: 'Unexpected `«`, expected `“`',
      rule: 'source-typography',
      ruleId: 'source-typography',
      safe: true,
      source: 'mtlint',
      url: 'https://github.com/mtlint/mtlint/blob/main/docs/rules.md#source-typography'
    })
    expect(text.slice(20, 22)).toBe('« ')
  })

  it('gives drop-in replacements for exactly the reported range', async () => {
    expect(await found('source-typography', 'He said : no ; then left !')).toEqual([
      '1:8-1:10  : → :',
      '1:13-1:15  ; → ;',
      '1:25-1:27  ! → !'
    ])
    expect(await found('source-typography', 'It is a " heat dome " again.')).toEqual(['1:9-1:11 "  → "', '1:20-1:22  " → "'])
    expect(await found('source-typography', 'The “ reform ” failed.')).toEqual(['1:5-1:7 “  → “', '1:13-1:15  ” → ”'])
    expect(await found('source-typography', 'He spoke […]to them, then left,, sadly..')).toEqual([
      '1:12-1:13 ] → ] ',
      '1:31-1:33 ,, → ,',
      '1:39-1:41 .. → .'
    ])
    expect(await found('source-typography', 'A “scandal”said Gigean(Hérault) officials.')).toEqual([
      '1:11-1:12 ” → ” ',
      '1:23-1:24 ( →  ('
    ])
    expect(await found('source-typography', 'It was “experience.” .')).toEqual(['1:21-1:23  . → '])
  })

  it('rewrites German and Spanish marks', async () => {
    expect(await found('source-typography', 'He called it „a turning point“ and asked ¿why?')).toEqual([
      '1:14-1:15 „ → “',
      '1:30-1:31 “ → ”',
      '1:42-1:43 ¿ → '
    ])
  })

  it('handles no-break and narrow no-break spaces', async () => {
    expect(await found('source-typography', 'Why\u202F? «\u00A0Because\u00A0»')).toEqual([
      '1:4-1:6 \u202F? → ?',
      '1:7-1:9 «\u00A0 → “',
      '1:16-1:18 \u00A0» → ”'
    ])
  })

  it('suggests straight quotes in a document that uses them', async () => {
    expect(await found('source-typography', 'He said "yes" and « no ».')).toEqual(['1:19-1:21 «  → "', '1:23-1:25  » → "'])
    expect(await found('source-typography', 'He said « no ».', 'a.txt', {ruleOptions: {'source-typography': {quotes: 'straight'}}})).toEqual([
      '1:9-1:11 «  → "',
      '1:13-1:15  » → "'
    ])
  })

  it('reports a straight apostrophe in curly quotes as info', async () => {
    const file = await lintText("“We don't know,” she said.", 'a.txt')
    const [message] = messagesOf(file, 'source-typography')
    expect(message?.reason).toBe("Unexpected straight `'` in curly-quoted text, expected `’`")
    expect(message?.fatal).toBeUndefined()
  })

  it('stays silent on English typography, code and URLs', async () => {
    const clean = [
      'At 10 : 30 the ratio was 3 : 1.',
      'The member(s) of the (re)elected board, colo(u)r, etc., met.',
      'He waited . . . then left.',
      'Paris–London, 1990–2000, and a pause—then silence.',
      '“I can’t,” she said. “Why?”',
      'Breadcrumbs: Home » World » Europe',
      'He typed :) and left ;)'
    ]
    for (const text of clean) expect(await found('source-typography', text)).toEqual([])
    expect(await found('source-typography', 'Run `a : b` or visit https://example.com/x?a=1 now ; then stop.', 'a.md')).toEqual(['1:51-1:53  ; → ;'])
    expect(await found('source-typography', '<p>Run <code>a : b</code> and <b>go</b> !</p>', 'a.html')).toEqual(['1:40-1:42  ! → !'])
  })

  it('finds the right place in a Markdown block quote and offers no fix it cannot place (HTML entities)', async () => {
    expect(await found('source-typography', '> He said\n>   « yes »', 'a.md')).toEqual(['2:5-2:7 «  → “', '2:10-2:12  » → ”'])
    const file = await lintText('<p>Oui &raquo; non !</p>', 'a.html')
    for (const message of messagesOf(file, 'source-typography')) {
      if (message.actual !== ' !') expect(message.expected).toEqual([])
    }
  })

  it('does not offer a fix when markup sits inside the range', async () => {
    const file = await lintText('He said **yes** :', 'a.md')
    const [message] = messagesOf(file, 'source-typography')
    expect(message?.actual).toBe(' :')
    expect(message?.expected).toEqual([':'])
  })
})

describe('number-format', () => {
  it('reports a full message with exact places after CRLF and an emoji', async () => {
    const text = 'Title\r\n\r\n😀 It cost 1 500 € and 3,5 million.'
    const file = await lintText(text, 'a.txt')
    const messages = messagesOf(file, 'number-format')
    expect(messages.map(String)).toEqual([
      'a.txt:3:12-3:19: Unexpected `1 500 €`, expected `€1,500`',
      'a.txt:3:24-3:27: Unexpected `3,5`, expected `3.5`'
    ])
    expect(JSON.parse(JSON.stringify(messages[0]))).toEqual({
      actual: '1 500 €',
      category: 'locale-convention/number-format',
      categoryName: 'locale-convention',
      column: 12,
      expected: ['€1,500'],
      fatal: false,
      file: 'a.txt',
      line: 3,
      message: 'Unexpected `1 500 €`, expected `€1,500`',
      name: 'a.txt:3:12-3:19',
      note: 'French separates thousands with a (narrow no-break) space; English uses a comma. French writes the currency symbol after the amount (`10 €`); English puts it first (`€10`).',
      place: {start: {line: 3, column: 12, offset: 20}, end: {line: 3, column: 19, offset: 27}},
      reason: 'Unexpected `1 500 €`, expected `€1,500`',
      rule: 'number-format',
      ruleId: 'number-format',
      safe: true,
      source: 'mtlint',
      url: 'https://github.com/mtlint/mtlint/blob/main/docs/rules.md#number-format'
    })
  })

  it('rewrites French numbers into English ones', async () => {
    expect(await found('number-format', 'Rates of 36,4 % and 46 %, then +2,75% and 12\u202F000\u00A0€.')).toEqual([
      '1:10-1:16 36,4 % → 36.4%',
      '1:21-1:25 46 % → 46%',
      '1:33-1:38 2,75% → 2.75%',
      '1:43-1:51 12\u202F000\u00A0€ → €12,000'
    ])
    expect(await found('number-format', 'In the 53e minute of the 1re round, in the XXIe siècle and the Ve République.')).toEqual([
      '1:8-1:11 53e → 53rd',
      '1:26-1:29 1re → 1st',
      '1:44-1:55 XXIe siècle → 21st century',
      '1:64-1:77 Ve République → 5th Republic'
    ])
    expect(await found('number-format', 'M. Dupont met Mme Martin about the law n° 12.')).toEqual([
      '1:1-1:3 M. → Mr | Mr.',
      '1:15-1:18 Mme → Ms | Mrs',
      '1:40-1:43 n°  → No. '
    ])
    expect(await found('number-format', 'The German figure was 1.500.000 euros.')).toEqual(['1:23-1:32 1.500.000 → 1,500,000'])
    expect(await found('number-format', 'About 1.500 people paid 3 M€, 2,5 Md€ or 1.985 euros.')).toEqual([
      '1:7-1:12 1.500 → 1,500',
      '1:25-1:29 3 M€ → €3 million',
      '1:31-1:38 2,5 Md€ → €2.5 billion'
    ])
  })

  it('writes times in the configured format and durations as durations', async () => {
    const text = 'Open from 9h30 to 18h, at 20 h 30, and for 2h15.'
    expect(await found('number-format', text)).toEqual([
      '1:11-1:15 9h30 → 9:30',
      '1:19-1:22 18h → 18:00',
      '1:27-1:34 20 h 30 → 20:30',
      '1:44-1:48 2h15 → 2 hours 15 minutes'
    ])
    expect(await found('number-format', 'From 9h30 to 12h, then 0h.', 'a.txt', {ruleOptions: {'number-format': {timeFormat: '12h'}}})).toEqual([
      '1:6-1:10 9h30 → 9:30 a.m.',
      '1:14-1:17 12h → noon',
      '1:24-1:26 0h → midnight'
    ])
  })

  it('decides an ambiguous 1,788 from the article’s own numbers', async () => {
    const french = 'Growth was 2,5 percent. Debt reached 1,788 million euros.'
    const [message] = messagesOf(await lintText(french), 'number-format').filter((d) => d.actual === '1,788')
    expect(message?.expected).toEqual(['1.788'])
    expect(message?.note).toContain('this article writes `2,5` the French way')
    expect((message as {safe?: boolean} | undefined)?.safe).toBe(false)
    // The article writes decimals the English way: 1,788 million is English.
    expect(await found('number-format', 'Growth was 2.5 percent. Debt reached 1,788 million euros.')).toEqual([])
    // No evidence either way: silent.
    expect(await found('number-format', 'Debt reached 1,788 million euros.')).toEqual([])
    // Evidence, but 3,500 people does not read as a decimal.
    expect(await found('number-format', 'Growth was 2,5 percent and 3,500 people marched.')).toEqual(['1:12-1:15 2,5 → 2.5'])
  })

  it('stays silent on English numbers', async () => {
    const clean = [
      'They hired 10,000 people, grew 3.5%, sold 1,500,000 units in 2020-21 and won 2-1.',
      'Winds of 150 km/h, 42 °C, the 24h race, Richard M. Nixon and M. Night Shyamalan.',
      'Call 01 23 45 67 89; in 2019 200 people came; items 1,2 and 3,4; the 2nd and 3rd.',
      'Mme de Staël wrote; Xe is xenon; the iPhone 15 and 1e6 samples.',
      'At 20:30 it cost €10, £5 or $3,250; Sales rose 1.2 million.'
    ]
    for (const text of clean) expect(await found('number-format', text)).toEqual([])
  })
})

describe('clean English news', () => {
  // Written for these tests: English numbers, times, quotes, dashes, names
  // with accents, initials and titles that must all stay silent.
  const folder = path.join(root, 'tests', 'fixtures', 'rules-b')
  for (const name of ['clean-news.txt', 'clean-markets.md', 'clean-sport.txt']) {
    it(`reports nothing in ${name}`, async () => {
      const file = await lintText(readFileSync(path.join(folder, name), 'utf8'), name)
      const ours = file.messages.filter((d) => ['source-typography', 'number-format', 'name-consistency'].includes((d as {rule?: string}).rule ?? ''))
      expect(ours.map(String)).toEqual([])
    })
  }
})

describe('safe fixes', () => {
  /** Apply every safe `expected[0]` of these rules, last range first. */
  async function fix(text: string): Promise<{fixed: string; applied: number}> {
    const file = await lintText(text)
    const messages = file.messages.filter(
      (d) => ['source-typography', 'number-format'].includes((d as {rule?: string}).rule ?? '') && (d as {safe?: boolean}).safe
    )
    let fixed = text
    for (const message of [...messages].reverse()) {
      const place = message.place as {start: {offset: number}; end: {offset: number}}
      fixed = fixed.slice(0, place.start.offset) + message.expected![0] + fixed.slice(place.end.offset)
    }
    return {fixed, applied: messages.length}
  }

  it('apply cleanly and leave nothing to fix on a second run', async () => {
    const text =
      'He said : « we won » ; then , in 2023 ,, sales of 1 500 € rose 3,5 % to 12 000 people.. In the 53e minute [sic]then the XXe siècle, n°5 and “ fine ” .'
    const first = await fix(text)
    expect(first.applied).toBeGreaterThan(8)
    expect(first.fixed).toBe('He said: “we won”; then, in 2023, sales of €1,500 rose 3.5% to 12,000 people. In the 53rd minute [sic] then the 20th century, No. 5 and “fine”.')
    const second = await fix(first.fixed)
    expect(second.applied).toBe(0)
    expect(second.fixed).toBe(first.fixed)
  })
})

describe('name-consistency', () => {
  // Names no glossary entry lists, so this rule (not the glossary) reports them.
  it('reports a full message with exact places after CRLF and an emoji', async () => {
    const text = 'Gordei Vaitovich spoke.\r\n\r\n😀 Then Gordeï Vaitovich left.'
    const file = await lintText(text, 'a.txt')
    const messages = messagesOf(file, 'name-consistency')
    expect(JSON.parse(JSON.stringify(messages))).toEqual([
      {
        actual: 'Gordeï',
        category: 'terminology/inconsistent-use',
        categoryName: 'consistency',
        column: 9,
        expected: ['Gordei'],
        fatal: false,
        file: 'a.txt',
        line: 3,
        message: 'Unexpected `Gordeï`, expected `Gordei`',
        name: 'a.txt:3:9-3:15',
        note: 'This article writes one name two ways: `Gordei` (once) and `Gordeï` (once). On a tie the English transliteration wins: a final `ï` is the French transliteration (*Andreï* for Andrei).',
        place: {start: {line: 3, column: 9, offset: 35}, end: {line: 3, column: 15, offset: 41}},
        reason: 'Unexpected `Gordeï`, expected `Gordei`',
        rule: 'name-consistency',
        ruleId: 'name-consistency',
        safe: false,
        source: 'mtlint',
        url: 'https://github.com/mtlint/mtlint/blob/main/docs/rules.md#name-consistency'
      }
    ])
  })

  it('reports Andreï on the seed article once, expecting Andrei, and nothing else of these rules', async () => {
    for (const file of ['corpus/fr-en/000.txt', '../shared/seeds/000_16c94e385eee7c69.txt']) {
      let text: string
      try {
        text = readFileSync(path.join(root, file), 'utf8')
      } catch {
        continue
      }
      const result = await lintText(text, file)
      // A glossary entry for the name, when the pack has one, reports it instead (never both).
      const andrei = result.messages.filter((d) => d.actual === 'Andreï')
      expect(andrei.map((d) => d.expected)).toEqual([['Andrei']])
      const glossaryKnows = andrei[0]?.ruleId !== 'name-consistency'
      const ours = result.messages.filter((d) => ['source-typography', 'number-format', 'name-consistency'].includes((d as {rule?: string}).rule ?? ''))
      expect(ours.map((d) => [d.ruleId, d.actual])).toEqual(glossaryKnows ? [] : [['name-consistency', 'Andreï']])
    }
  })

  it('keeps the majority, the accents on a tie, and possessives apart', async () => {
    expect(await found('name-consistency', 'Mélenchon spoke. Mélenchon’s allies cheered; Melenchon left.')).toEqual(['1:46-1:55 Melenchon → Mélenchon'])
    expect(await found('name-consistency', 'Élisabeth Borne left; Elisabeth Borne stayed.')).toEqual(['1:23-1:32 Elisabeth → Élisabeth'])
    expect(await found('name-consistency', 'Pavlovski met Pavlovsky’s team; Pavlovskyy and Pavlovsky spoke.')).toEqual([
      '1:1-1:10 Pavlovski → Pavlovsky',
      '1:33-1:43 Pavlovskyy → Pavlovsky'
    ])
  })

  it('leaves the glossary’s findings to the glossary and prefers its form', async () => {
    const text = 'Loukachenko spoke. Alexander Lukashenko, Loukachenko said.'
    expect(await found('name-consistency', text)).toEqual([])
    expect(messagesOf(await lintText(text), 'lukashenko-loukachenko')).toHaveLength(2)
  })

  it('skips words in the `words` setting, headlines and different people', async () => {
    expect(await found('name-consistency', 'Gordeï Vaitovich and Gordei Vaitovich.', 'a.txt', {words: ['Gordeï']})).toEqual([])
    expect(await found('name-consistency', 'MELENCHON WINS\n\nMélenchon won.')).toEqual([])
    expect(await found('name-consistency', 'Eric Zemmour debated Éric Ciotti.')).toEqual([])
    expect(await found('name-consistency', 'Louis Martin met Luis Garcia.')).toEqual([])
  })

  it('survives a tree without positions and Object.prototype words', async () => {
    const tree: Root = {
      type: 'RootNode',
      children: [{type: 'ParagraphNode', children: [{type: 'SentenceNode', children: [{type: 'WordNode', children: [{type: 'TextNode', value: 'Andreï'}]}]}]}]
    }
    for (const plugin of [sourceTypography, numberFormat, nameConsistency]) {
      const file = new VFile('Andreï')
      await unified().use(plugin).run(tree, file)
      expect(file.messages).toEqual([])
    }
    const words = 'Constructor toString __proto__ HasOwnProperty valueOf Constructor'
    for (const rule of ['source-typography', 'number-format', 'name-consistency']) {
      expect(await reasons(rule, words)).toEqual([])
      expect(await reasons(rule, '')).toEqual([])
    }
  })
})
