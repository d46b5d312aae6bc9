/**
 * Rules `quote-inversion`, `untranslated` and `boilerplate`: public shape,
 * one full message each, reasons and ranges, the settings, and robustness
 * cases.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import * as mtlint from '../src/index.js'
import {boilerplate, loadPack, quoteInversion, untranslated, type GlossaryEntry, type LintOptions} from '../src/index.js'
import {lintText, messagesOf, root} from './helpers.js'
import {parse as parseYaml} from 'yaml'

/** `line:column-line:column text → expected` of a rule's messages. */
async function found(rule: string, text: string, name = 'a.txt', options: LintOptions = {}): Promise<string[]> {
  const file = await lintText(text, name, options)
  return messagesOf(file, rule).map((message) => {
    const place = message.place as {start: {line: number; column: number; offset: number}; end: {line: number; column: number; offset: number}}
    return `${place.start.line}:${place.start.column}-${place.end.line}:${place.end.column} ${text.slice(place.start.offset, place.end.offset)} → ${(message.expected ?? []).join(' | ')}`
  })
}

describe('public API (rules a)', () => {
  it('exports the plugins with their metadata and registers them', () => {
    expect(mtlint.quoteInversion).toBe(quoteInversion)
    expect(mtlint.boilerplate).toBe(boilerplate)
    expect(mtlint.untranslated).toBe(untranslated)
    expect(untranslated.meta).toMatchObject({id: 'untranslated', category: 'untranslated', severity: 'warning'})
    expect(quoteInversion.meta).toMatchObject({id: 'quote-inversion', category: 'calque', severity: 'warning'})
    expect(boilerplate.meta).toMatchObject({id: 'boilerplate', category: 'boilerplate', severity: 'warning'})
    const ids = mtlint.registry.map((d) => d.plugin.meta.id)
    expect(ids).toEqual(expect.arrayContaining(['quote-inversion', 'untranslated', 'boilerplate']))
    // Spelling stays last: it leaves words other rules reported to them.
    expect(ids.at(-1)).toBe('spelling')
  })
})

describe('quote-inversion', () => {
  it('reports a full message with exact places after CRLF and an emoji', async () => {
    const file = await lintText('Title\r\n\r\n😀 “Nobody was hurt”, specifies the mayor of Lyon.', 'a.txt')
    const messages = messagesOf(file, 'quote-inversion')
    expect(messages).toHaveLength(1)
    expect(JSON.parse(JSON.stringify(messages[0]))).toEqual({
      actual: 'specifies the mayor of Lyon',
      category: 'linguistic/calque',
      categoryName: 'calque',
      column: 23,
      expected: ['the mayor of Lyon specifies', 'the mayor of Lyon says'],
      fatal: false,
      file: 'a.txt',
      line: 3,
      message: 'Unexpected inverted attribution `specifies the mayor of Lyon`, expected `the mayor of Lyon specifies`',
      name: 'a.txt:3:23-3:50',
      note: 'French attributions put the verb before the subject after a quotation (« … », analyse un journaliste); English does not invert `specifies` (préciser): put the subject first, or use “said”.',
      place: {start: {line: 3, column: 23, offset: 31}, end: {line: 3, column: 50, offset: 58}},
      reason: 'Unexpected inverted attribution `specifies the mayor of Lyon`, expected `the mayor of Lyon specifies`',
      rule: 'quote-inversion',
      ruleId: 'quote-inversion',
      safe: false,
      source: 'mtlint',
      url: 'https://github.com/mtlint/mtlint/blob/main/docs/rules.md#quote-inversion'
    })
  })

  it('reports the seed’s attribution and keeps plain “said” silent', async () => {
    const text = 'Vladimir Putin “is a bit of a Lukashenko hostage”, analyzes a Franco-Belarusian journalist\n\n“He cannot lose this country”, said the journalist.'
    expect(await found('quote-inversion', text)).toEqual([
      '1:52-1:91 analyzes a Franco-Belarusian journalist → a Franco-Belarusian journalist analyzes | a Franco-Belarusian journalist says'
    ])
  })

  it('reports a verb separated from its subject by a complement, even “said”', async () => {
    expect(await found('quote-inversion', '“Russia will not let go”, said on Thursday on franceinfo Andrei Vaitovich, a journalist.')).toEqual([
      '1:27-1:31 said → '
    ])
  })

  it('reports after a plain comma only the present with a reporting subject', async () => {
    expect(await found('quote-inversion', 'The roads stay closed until Monday, details the prefecture.')).toHaveLength(1)
    expect(await found('quote-inversion', 'The roads stay closed until Monday, details the plan.')).toEqual([])
    expect(await found('quote-inversion', 'The crews closed the road, alerted the police and left.')).toEqual([])
  })

  it('keeps neutral and past English speech verbs silent unless strict', async () => {
    const text = '“The vote is close,” warned the party leader. “We are ready,” said the coach.'
    expect(await found('quote-inversion', text)).toEqual([])
    const strict: LintOptions = {ruleOptions: {'quote-inversion': {inversionVerbs: 'strict'}}}
    expect(await found('quote-inversion', text, 'a.txt', strict)).toEqual([
      '1:22-1:45 warned the party leader → the party leader warned | the party leader said',
      '1:63-1:77 said the coach → the coach said'
    ])
  })

  it('reports “And to add:” before a quotation, not an ordinary “And to”', async () => {
    expect(await found('quote-inversion', 'And to continue: “We will go further.”')).toEqual(['1:1-1:17 And to continue: → '])
    expect(await found('quote-inversion', 'And to add to the confusion, the trains stopped.')).toEqual([])
  })

  it('survives empty input, markup and odd words', async () => {
    expect(await found('quote-inversion', '')).toEqual([])
    expect(await found('quote-inversion', '”, constructor the toString', 'a.md')).toEqual([])
    expect(await found('quote-inversion', '> “We stay”, *insists* **the mayor**.', 'a.md')).toHaveLength(1)
  })
})

const body = 'The mayor resigned on Monday after a long dispute with the council over the budget of the town for next year.'

describe('boilerplate', () => {
  it('reports a full message with exact places after CRLF and an emoji', async () => {
    const file = await lintText('Title\r\n\r\n' + body + '\r\n\r\nRead also: 😀 Budget: what the bill contains', 'a.txt')
    const messages = messagesOf(file, 'boilerplate')
    expect(messages).toHaveLength(1)
    expect(JSON.parse(JSON.stringify(messages[0]))).toEqual({
      actual: 'Read also: 😀 Budget: what the bill contains',
      category: 'other/boilerplate',
      categoryName: 'boilerplate',
      column: 1,
      expected: [''],
      fatal: false,
      file: 'a.txt',
      line: 5,
      message: 'Unexpected related-article link `Read also: 😀 Budget: what the bill contains`',
      name: 'a.txt:5:1-5:45',
      note: 'A related-article link (French “À lire aussi”, “Voir aussi”) scraped from the page with the article; it is not part of the story.',
      place: {start: {line: 5, column: 1, offset: 122}, end: {line: 5, column: 45, offset: 166}},
      reason: 'Unexpected related-article link `Read also: 😀 Budget: what the bill contains`',
      rule: 'boilerplate',
      ruleId: 'boilerplate',
      safe: false,
      source: 'mtlint',
      url: 'https://github.com/mtlint/mtlint/blob/main/docs/rules.md#boilerplate'
    })
  })

  it('reports the seed’s trailing “source site” but not a closing name or sentence', async () => {
    expect(await found('boilerplate', body + '\n\n\nsource site')).toEqual(['4:1-4:12 source site → '])
    expect(await found('boilerplate', body + '\n\nJean Dupont')).toEqual([])
    expect(await found('boilerplate', body + '\n\nMore to come.')).toEqual([])
  })

  it('reports a Markdown paragraph that is only a link, not a list of links', async () => {
    expect(await found('boilerplate', body + '\n\n[Lille: a fire in a student residence](https://example.com/a)\n', 'a.md')).toEqual([
      '3:2-3:38 Lille: a fire in a student residence → '
    ])
    expect(await found('boilerplate', body + '\n\n- [How to install the tool](#install)\n- [How to use the tool](#use)\n', 'a.md')).toEqual([])
  })

  it('reports a run of short bullet items after the body, with headlines before it', async () => {
    const text = body + '\n\nFuel prices: are you still driving as much?\n\n  • Emmanuel Macron\n\n  • Government\n\n  • Fuel\n\n  • Society\n'
    expect(await found('boilerplate', text)).toEqual([
      '3:1-3:44 Fuel prices: are you still driving as much? → ',
      '5:3-11:12 • Emmanuel Macron\n\n  • Government\n\n  • Fuel\n\n  • Society → '
    ])
    expect(await found('boilerplate', '  • Bread\n\n  • Milk\n\n  • Eggs\n\n  • Butter\n\n' + body)).toEqual([])
  })

  it('reports a Markdown or HTML list of short plain items after the body, not one in the body', async () => {
    expect(await found('boilerplate', body + '\n\n- Politics\n- Unions\n- Strike\n- Paris\n', 'a.md')).toEqual(['3:3-6:8 Politics\n- Unions\n- Strike\n- Paris → '])
    const html = '<p>' + body + '</p><ul><li>Politics</li><li>Unions</li><li>Strike</li><li>Paris</li></ul>'
    expect(await found('boilerplate', html, 'a.html')).toHaveLength(1)
    expect(await found('boilerplate', '- Bread\n- Milk\n- Eggs\n- Butter\n\n' + body + '\n', 'a.md')).toEqual([])
    expect(await found('boilerplate', body + '\n\n- `a` → b\n- `c` → d\n- `e` → f\n- `g` → h\n', 'a.md')).toEqual([])
  })

  it('reports HTML entities in plain text only, with the character as the fix', async () => {
    expect(await found('boilerplate', 'The mayor resigned.&nbsp;The council met.')).toEqual(['1:20-1:26 &nbsp; →  '])
    expect(await found('boilerplate', 'The mayor resigned &amp; left.', 'a.md')).toEqual([])
  })

  it('wins over a boilerplate glossary entry inside its finding, which reports alone when the rule is off', async () => {
    const entry: GlossaryEntry = {
      id: 'test-residue', source: 'site source', flag: ['source site'], preferred: [''], category: 'boilerplate', severity: 'warning',
      note: 'Aggregator residue.', safe: false, when: [], unless: [], window: 8, case: 'auto', examples: {bad: [], good: []}, family: 'test',
      origin: {file: 'test.yml', line: 1, column: 1}
    }
    const pack = loadPack().extend([entry])
    const text = body + '\n\nsource site'
    const file = await lintText(text, 'a.txt', {settings: {pack}})
    const glossaryBoilerplate = (f: typeof file) => messagesOf(f, 'glossary').filter((d) => (d as {categoryName?: string}).categoryName === 'boilerplate')
    expect(glossaryBoilerplate(file)).toHaveLength(0)
    expect(messagesOf(file, 'boilerplate').map((d) => d.actual)).toEqual(['source site'])
    const off = await lintText(text, 'a.txt', {settings: {pack, rules: {boilerplate: 'off'}}})
    expect(glossaryBoilerplate(off).map((d) => d.actual)).toEqual(['source site'])
  })

  it('survives empty input and odd words', async () => {
    expect(await found('boilerplate', '')).toEqual([])
    expect(await found('boilerplate', 'constructor toString')).toEqual(['1:1-1:21 constructor toString → '])
    expect(await found('boilerplate', '<p class="x">The mayor resigned.</p>', 'a.html')).toEqual([])
  })
})

describe('untranslated', () => {
  it('reports a full message with exact places after CRLF and an emoji', async () => {
    const file = await lintText('Title\r\n\r\n😀 Selon the prefecture, three people were hurt.', 'a.txt')
    const messages = messagesOf(file, 'untranslated')
    expect(messages).toHaveLength(1)
    expect(JSON.parse(JSON.stringify(messages[0]))).toEqual({
      actual: 'Selon',
      category: 'accuracy/untranslated',
      categoryName: 'untranslated',
      column: 4,
      expected: ['According to'],
      fatal: false,
      file: 'a.txt',
      line: 3,
      message: 'Unexpected French `Selon`, expected `According to`',
      name: 'a.txt:3:4-3:9',
      note: 'French *selon* (according to) was left untranslated; it is not an English word or loan phrase.',
      place: {start: {line: 3, column: 4, offset: 12}, end: {line: 3, column: 9, offset: 17}},
      reason: 'Unexpected French `Selon`, expected `According to`',
      rule: 'untranslated',
      ruleId: 'untranslated',
      safe: false,
      source: 'mtlint',
      url: 'https://github.com/mtlint/mtlint/blob/main/docs/rules.md#untranslated'
    })
  })

  it('reports runs of French words, brackets and whole sentences', async () => {
    expect(await found('untranslated', 'Lors du meeting, the police said [le] suspect had fled.')).toEqual([
      '1:1-1:8 Lors du → During the',
      '1:34-1:38 [le] → [the]'
    ])
    expect(await found('untranslated', 'The win was close. La victoire n’était pas gagnée d’avance.')).toEqual([
      '1:20-1:60 La victoire n’était pas gagnée d’avance. → '
    ])
  })

  it('keeps loans, names, English look-alikes and French presented as French silent', async () => {
    const text = [
      'Crowds turned out en masse at Place de la République, a raison d’être of the movement.',
      'The slogan “tous ensemble” echoed, and a pas de deux followed at the Opéra de Paris.',
      'He said c’mon and poured the wine; plus, the car was late.'
    ].join(' ')
    expect(await found('untranslated', text)).toEqual([])
  })

  it('leaves a word a glossary entry reports to that entry, and a scraped block to boilerplate', async () => {
    const entry: GlossaryEntry = {
      id: 'test-lyceens', source: 'lycéens', flag: ['lycéens'], preferred: ['pupils'], category: 'untranslated', severity: 'warning',
      note: 'French lycéens.', safe: false, when: [], unless: [], window: 8, case: 'auto', examples: {bad: [], good: []}, family: 'test',
      origin: {file: 'test.yml', line: 1, column: 1}
    }
    const pack = loadPack().extend([entry])
    const file = await lintText('The lycéens complained.', 'a.txt', {settings: {pack}})
    expect(messagesOf(file, 'test-lyceens')).toHaveLength(1)
    expect(messagesOf(file, 'untranslated')).toHaveLength(0)
    const scraped = await lintText(body + '\n\nVoir aussi : la grève des enseignants, ce qu’il faut savoir')
    expect(messagesOf(scraped, 'boilerplate')).toHaveLength(1)
    expect(messagesOf(scraped, 'untranslated')).toHaveLength(0)
  })

  it('takes project words as never French', async () => {
    expect(await found('untranslated', 'The lycéens complained.', 'a.txt', {words: ['lycéens']})).toEqual([])
    expect(await found('untranslated', 'The lycéens complained.')).toEqual(['1:5-1:12 lycéens → '])
  })

  it('survives empty input, markup and odd words', async () => {
    expect(await found('untranslated', '')).toEqual([])
    expect(await found('untranslated', 'constructor toString __proto__ [ ] [constructor]')).toEqual([])
    expect(await found('untranslated', 'The `selon` option and *selon* word.', 'a.md')).toEqual(['1:25-1:30 selon → according to'])
  })
})

describe('rules a on clean English', () => {
  it('stay silent on a news article full of quotes, loans, French names and lists', async () => {
    const text = readFileSync(path.join(root, 'tests', 'fixtures', 'rules-a', 'clean-news.md'), 'utf8')
    const file = await lintText(text, 'clean-news.md')
    const ours = file.messages.filter((d) => ['quote-inversion', 'untranslated', 'boilerplate'].includes(String((d as {rule?: string}).rule)))
    expect(ours.map(String)).toEqual([])
  })
})

/** A rule's data file, parsed. */
function ruleData<T>(id: string): T {
  return parseYaml(readFileSync(path.join(root, 'rules', 'fr-en', 'data', id + '.yml'), 'utf8')) as T
}

describe('rules a: every data entry', () => {
  interface Verb {present: string; past: string}
  const inversion = ruleData<{neutral: Verb[]; english: Verb[]; calque: Verb[]}>('quote-inversion')

  it('lists no verb form, word, loan, label or prompt twice', () => {
    const duplicates = (list: string[]) => list.filter((d, index) => list.indexOf(d) !== index)
    const forms = [...inversion.neutral, ...inversion.english, ...inversion.calque].flatMap((d) => [d.present, d.past])
    expect(duplicates(forms)).toEqual([])
    const lexicon = ruleData<{strong: string[]; weak: string[]; loans: string[]}>('untranslated')
    expect(duplicates([...lexicon.strong, ...lexicon.weak])).toEqual([])
    expect(duplicates(lexicon.loans)).toEqual([])
    const furniture = ruleData<{labels: Array<{phrases: string[]}>; prompts: string[]}>('boilerplate')
    expect(duplicates(furniture.labels.flatMap((d) => d.phrases))).toEqual([])
    expect(duplicates(furniture.prompts)).toEqual([])
  })

  it('reports every calque verb after a quotation, and leaves every neutral one', async () => {
    for (const verb of inversion.calque) {
      for (const form of [verb.present, verb.past]) {
        const text = '“We will not give up on this project”, ' + form + ' the mayor.'
        expect(await found('quote-inversion', text), form).toHaveLength(1)
      }
    }
    for (const verb of inversion.neutral) {
      for (const form of [verb.present, verb.past]) {
        expect(await found('quote-inversion', '“We will not give up on this project”, ' + form + ' the mayor.'), form).toEqual([])
      }
    }
  })

  it('reports a pronoun with each pronoun verb after a quotation, which must be a calque verb', async () => {
    const {pronounVerbs} = ruleData<{pronounVerbs: string[]}>('quote-inversion')
    const presents = new Set(inversion.calque.map((d) => d.present))
    for (const verb of pronounVerbs) {
      expect(presents.has(verb), verb).toBe(true)
      expect(await found('quote-inversion', '“Nothing is excluded”, he ' + verb + '.'), verb).toEqual(['1:24-1:' + (27 + verb.length) + ' he ' + verb + ' → he says'])
    }
    expect(await found('quote-inversion', '“Nothing is excluded”, he specifies the date.')).toEqual([])
  })

  it('reports English speech verbs inverted in the present, not in the past', async () => {
    for (const verb of inversion.english) {
      expect(await found('quote-inversion', '“We will not give up on this project”, ' + verb.present + ' the mayor.'), verb.present).toHaveLength(1)
      expect(await found('quote-inversion', '“We will not give up on this project”, ' + verb.past + ' the mayor.'), verb.past).toEqual([])
    }
  })

  it('keeps every loan phrase silent in an English sentence', async () => {
    const {loans} = ruleData<{loans: string[]}>('untranslated')
    for (const loan of loans) {
      expect(await found('untranslated', 'The reporters described it as ' + loan + ' on Monday.'), loan).toEqual([])
    }
  })

  it('reports every label that opens a related-article line and every prompt', async () => {
    const {labels, prompts} = ruleData<{labels: Array<{kind: string; phrases: string[]}>; prompts: string[]}>('boilerplate')
    for (const group of labels) {
      for (const phrase of group.phrases) {
        const label = phrase.charAt(0).toUpperCase() + phrase.slice(1)
        expect(await found('boilerplate', body + '\n\n' + label + ': the ten dates that marked the year'), label).toHaveLength(1)
      }
    }
    for (const prompt of prompts) {
      expect(await found('boilerplate', body + '\n\n' + prompt.charAt(0).toUpperCase() + prompt.slice(1) + ' every Friday'), prompt).toHaveLength(1)
    }
  })
})

describe('rules a on pathological input', () => {
  it('stay linear on one huge sentence of commas, quotes and French words', async () => {
    const off = {glossary: 'off', spelling: 'off', 'source-typography': 'off', 'number-format': 'off', 'name-consistency': 'off'} as const
    const text = 'word word word, '.repeat(4000) + '“a b c”, '.repeat(4000) + 'selon '.repeat(4000) + 'end.'
    const started = performance.now()
    const file = await lintText(text, 'a.txt', {rules: off})
    expect(performance.now() - started).toBeLessThan(5000)
    expect(messagesOf(file, 'untranslated')).toHaveLength(1)
  })
})
