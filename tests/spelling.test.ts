/** The `spelling` rule, its pre-built dictionary index and its suggestions. */
import {execFileSync} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import type {VFileMessage} from 'vfile-message'
import {registry} from '../src/processor.js'
import {spelling} from '../src/plugins/spelling.js'
import {inflections} from '../src/plugins/spelling.js'
import {parseIndex, serializeIndex, indexHeader, SpellDictionary, knownWithCase} from '../src/spelling/dictionary.js'
import {suggest} from '../src/spelling/suggest.js'
import {dictionarySource, loadSpellDictionary, loadSpellDictionaryWithSource, resetSpellDictionary, spellIndexPath} from '../src/node/spelling.js'
import {lintText, messagesOf, root} from './helpers.js'

const seed = readFileSync(path.join(root, 'corpus', 'fr-en', '000.txt'), 'utf8')

async function spellingMessages(text: string, options: Parameters<typeof lintText>[2] = {}): Promise<VFileMessage[]> {
  return messagesOf(await lintText(text, 'example.txt', options), 'spelling')
}

async function reasons(text: string, options: Parameters<typeof lintText>[2] = {}): Promise<string[]> {
  return (await spellingMessages(text, options)).map((d) => String(d))
}

describe('spelling: the seed article', async () => {
  const file = await lintText(seed, '000.txt')
  const spellingActuals = messagesOf(file, 'spelling').map((d) => d.actual)

  it('reports none of its correct names, loans and British spellings', () => {
    for (const word of ['Lukashenko', 'Lukashenko’s', 'Vaitovich', 'siloviki', 'franceinfo', 'en', 'masse', 'instrumentalised', 'Westerners', 'Belarusian']) {
      expect(spellingActuals, word).not.toContain(word)
    }
    expect(spellingActuals).toEqual([])
  })

  it('leaves `Poutine` and `Andreï` to the glossary and name-consistency, once each', () => {
    for (const word of ['Poutine', 'Andreï']) {
      const rules = file.messages.filter((d) => d.actual === word).map((d) => (d as VFileMessage & {rule?: string}).rule)
      expect(rules, word).toHaveLength(1)
      expect(['glossary', 'name-consistency']).toContain(rules[0])
    }
  })
})

describe('spelling: messages', () => {
  it('reports a typo with the full mtlint message shape', async () => {
    const [message, ...rest] = await spellingMessages('The goverment announced new measures.')
    expect(rest).toEqual([])
    expect(JSON.parse(JSON.stringify(message))).toEqual({
      ancestors: undefined,
      column: 5,
      fatal: false,
      line: 1,
      message: 'Unknown word `goverment`, expected `government`',
      name: 'example.txt:1:5-1:14',
      place: {start: {line: 1, column: 5, offset: 4}, end: {line: 1, column: 14, offset: 13}},
      reason: 'Unknown word `goverment`, expected `government`',
      ruleId: 'spelling',
      source: 'mtlint',
      actual: 'goverment',
      expected: ['government'],
      note: expect.stringContaining('Not in the English dictionary'),
      url: expect.stringContaining('spelling'),
      category: 'linguistic/spelling',
      categoryName: 'spelling',
      safe: false,
      rule: 'spelling',
      file: 'example.txt'
    })
  })

  it('keeps the case and the possessive of what it replaces', async () => {
    const [teh] = await spellingMessages('Teh minister resigned.')
    expect(String(teh)).toMatch(/^example\.txt:1:1-1:4: Unknown word `Teh`, expected `The` or `/)
    expect((await spellingMessages('The goverment’s plan failed.'))[0]!.expected).toEqual(['government’s'])
  })

  it('reports source-language words left in', async () => {
    expect(await reasons('The crisis was a véritable disaster for the region.')).toEqual([
      'example.txt:1:18-1:27: Unknown word `véritable`, expected `veritable`'
    ])
  })

  it('reports one bad part of a hyphenated word, with the whole word fixed', async () => {
    const [message] = await spellingMessages('An anti-goverment march took place.')
    expect(message!.actual).toBe('anti-goverment')
    expect(message!.expected).toEqual(['anti-government'])
  })
})

describe('spelling: what is not a misspelling', () => {
  const silent = [
    'The colour of the theatre’s programme was analysed and organised.',
    'The color of the theater’s program was analyzed and organized.',
    'Migrants arrived en masse, said Andrei Vaitovich on franceinfo.',
    'Vaitovich spoke first. Later, Vaitovich added details.',
    'President Tsikhanouski spoke. Minister Zhdanovich agreed.',
    'Zhdanovich Pavlovich arrived on Monday.',
    'She moved from Hrodna to Pinsk, then lived in Baranavichy.',
    'Charles de Gaulle and Ursula von der Leyen are on the list.',
    'The rally in Saint-Aubin-sur-Loire ended near the Quai d’Orsay.',
    'The SNCF, the RATP, ECOWAS and the MPs met at 8 a.m., i.e. early.',
    'Covid-19 cases rose in the 1990s and in 2020 on the A64 at 90 km/h.',
    'The interministerial meeting discussed re-election and pre-positioned aid.',
    'The chargé d’affaires called it a fait accompli, a tour de force.',
    'Banque de France economists disagreed.',
    'Lukashenko’s siloviki deny it; the Kremlin and Zelensky disagree.',
    'The minister said it wasn´t over and it´s late.',
    'The sign read Москва and 東京.',
    'The park covers 20 km² and holds 3 m³ of water.',
    'Haaland, Ødegaard and Sørloth played; Erdoğan met al-Sisi.',
    'Berrada said no. Zorgbleck, who runs the firm, agreed.',
    'constructor toString hasOwnProperty valueOf __proto__'
  ]
  for (const text of silent) {
    it(JSON.stringify(text), async () => {
      const messages = await spellingMessages(text)
      // Words such as `constructor` are correct English; `__proto__` has no
      // letters besides and must not crash a lookup.
      // camelCase words are brands or code (`iPhone`, `toString`).
      expect(messages.map((d) => d.actual)).toEqual(text.startsWith('constructor') ? ['proto'] : [])
    })
  }

  it('accepts the project’s own words and the glossaries’ preferred forms', async () => {
    expect(await reasons('Zorgbleck opened the meeting.')).toHaveLength(1)
    expect(await reasons('Zorgbleck opened the meeting.', {words: ['Zorgbleck']})).toEqual([])
    // `Lukashenko` is also a preferred form of the names glossary.
    expect(await reasons('Lukashenko spoke.')).toEqual([])
  })

  it('leaves a capitalised word a glossary entry flags to that entry, even when the entry is off', async () => {
    const file = await lintText('Poutine spoke on Friday.', 'example.txt', {entries: {'putin-poutine': 'off'}})
    expect(file.messages).toEqual([])
  })

  it('reports a capitalised word that only starts a sentence, and not one inside a sentence', async () => {
    expect(await reasons('Zorgbleck opened the meeting.')).toEqual(['example.txt:1:1-1:10: Unknown word `Zorgbleck`'])
    expect(await reasons('The talks with Zorgbleck ended.')).toEqual([])
  })

  it('reports unexplained names as info when `reportNames` is on', async () => {
    expect(await reasons('They met Zorgbleck on Monday.')).toEqual([])
    const messages = await spellingMessages('They met Zorgbleck on Monday.', {ruleOptions: {spelling: {reportNames: true}}})
    expect(messages.map((d) => [d.actual, d.fatal])).toEqual([['Zorgbleck', undefined]])
  })
})

describe('spelling: settings', () => {
  it('accepts both spellings by default and one when `variant` says so', async () => {
    const text = 'The colour and the color faded.'
    expect(await reasons('The catalog of the center.', {ruleOptions: {spelling: {variant: 'gb'}}})).toEqual([
      'example.txt:1:5-1:12: Unexpected American spelling `catalog`, expected `catalogue`',
      'example.txt:1:20-1:26: Unexpected American spelling `center`, expected `centre`'
    ])
    expect(await reasons(text)).toEqual([])
    expect(await reasons(text, {ruleOptions: {spelling: {variant: 'us'}}})).toEqual([
      'example.txt:1:5-1:11: Unexpected British spelling `colour`, expected `color`'
    ])
    expect(await reasons(text, {ruleOptions: {spelling: {variant: 'gb'}}})).toEqual([
      'example.txt:1:20-1:25: Unexpected American spelling `color`, expected `colour`'
    ])
  })

  it('is on by default and off with `rules: {spelling: off}`', async () => {
    expect(await reasons('The goverment fell.')).toHaveLength(1)
    expect(await reasons('The goverment fell.', {rules: {spelling: 'off'}})).toEqual([])
    const severity = await spellingMessages('The goverment fell.', {rules: {spelling: 'error'}})
    expect(severity[0]!.fatal).toBe(true)
  })

  it('is on in the CLI and off with --no-spelling (subprocess, built CLI)', () => {
    const bin = path.join(root, 'dist', 'bin.js')
    if (!existsSync(bin)) throw new Error('Run `npm run build` first (npm test does): missing ' + bin)
    const cli = (...args: string[]) =>
      (JSON.parse(execFileSync(process.execPath, [bin, '--stdin-filepath', 'x.txt', '-r', 'json', ...args], {input: 'The goverment fell.\n', encoding: 'utf8'})) as Array<{messages: Array<{ruleId: string; actual: string}>}>)[0]!.messages.map((d) => d.ruleId + ':' + d.actual)
    expect(cli()).toEqual(['spelling:goverment'])
    expect(cli('--no-spelling')).toEqual([])
  }, 30_000)

  it('caps suggestions per file and says so', async () => {
    const typos = Array.from({length: 35}, (_, index) => 'goverment' + 'abcdefghijklmnopqrstuvwxyzabcdefghijklmnop'.slice(index, index + 3)).join(' ')
    const messages = await spellingMessages('The ' + typos + ' fell.', {ruleOptions: {spelling: {maxSuggestions: 3}}})
    expect(messages).toHaveLength(35)
    expect(messages.slice(3).every((d) => d.expected?.length === 0 && /No suggestions past the first 3/.test(d.note ?? ''))).toBe(true)
  })

  it('runs last, so words other rules reported are theirs', () => {
    expect(registry.at(-1)!.plugin).toBe(spelling)
  })

  it('handles empty input and documents without words', async () => {
    expect(await reasons('')).toEqual([])
    expect(await reasons('\n\n  \n')).toEqual([])
    expect(messagesOf(await lintText('`goverment` https://example.com/goverment', 'example.md'), 'spelling')).toEqual([])
  })
})

describe('spelling: dictionary index', () => {
  it('is pre-built by `npm run build` from the installed dictionaries', () => {
    expect(existsSync(spellIndexPath)).toBe(true)
    const header = indexHeader(readFileSync(spellIndexPath, 'utf8'))
    expect(header?.source).toBe(dictionarySource())
    expect(dictionarySource()).toMatch(/^dictionary-en@\S+ dictionary-en-gb@\S+$/)
  })

  it('answers with hunspell’s case rules, possessives and both spellings', async () => {
    const dictionary = await loadSpellDictionary()
    expect(dictionary.size).toBeGreaterThan(80_000)
    const cases: Array<[string, boolean, boolean, boolean]> = [
      // word, both, us, gb
      ['colour', true, false, true],
      ['color', true, true, false],
      ['Paris', true, true, true],
      ['PARIS', true, true, true],
      ['paris', false, false, false],
      ['The', true, true, true],
      ['Kremlin’s', true, true, true],
      ["dog's", true, true, true],
      ['goverment', false, false, false]
    ]
    for (const [word, both, us, gb] of cases) {
      expect([word, dictionary.correct(word), dictionary.correct(word, 'us'), dictionary.correct(word, 'gb')]).toEqual([word, both, us, gb])
    }
  })

  it('round-trips through its text form', () => {
    const data = {source: 'test@1', common: ['Paris', 'cat', 'dog', 'zebra'], us: ['color'], gb: [], nosuggest: ['cat'], rep: [['f', 'ph']] as Array<[string, string]>}
    const dictionary = parseIndex(serializeIndex(data))
    for (const word of ['Paris', 'cat', 'dog', 'zebra', 'color']) expect(dictionary.has(word), word).toBe(true)
    for (const word of ['', 'Pari', 'cats', 'do', 'zebras', 'colour', 'f\tph', '@us']) expect(dictionary.has(word), word).toBe(false)
    expect(dictionary.source).toBe('test@1')
    expect(dictionary.size).toBe(5)
    expect(dictionary.spellingOf('color')).toBe('us')
    expect(dictionary.suggestable('cat')).toBe(false)
    expect(dictionary.rep).toEqual([['f', 'ph']])
    expect(() => parseIndex('not an index')).toThrow(/not a spelling index/)
  })

  it('is expanded in memory when the index is missing', async () => {
    resetSpellDictionary()
    const loaded = await loadSpellDictionaryWithSource(path.join(os.tmpdir(), 'mtlint-no-such-index.txt'))
    expect(loaded.from).toBe('memory')
    expect(loaded.dictionary.correct('colour')).toBe(true)
    expect(loaded.dictionary.correct('Lukashenko')).toBe(false)
    resetSpellDictionary()
    expect((await loadSpellDictionaryWithSource()).from).toBe('index')
  }, 20_000)
})

describe('spelling: helpers', () => {
  it('suggests one edit away, REP pairs and split words, best first', () => {
    const dictionary = new SpellDictionary({source: '', common: ['the', 'government', 'a', 'lot', 'phone', 'Paris'], us: [], gb: [], nosuggest: [], rep: [['f', 'ph']]})
    const lookup = (d: string) => (dictionary.has(d) ? d : dictionary.has(d.charAt(0).toUpperCase() + d.slice(1)) ? d.charAt(0).toUpperCase() + d.slice(1) : undefined)
    expect(suggest('goverment', {lookup})).toEqual(['government'])
    expect(suggest('fone', {lookup, rep: dictionary.rep})).toEqual(['phone'])
    expect(suggest('alot', {lookup})).toContain('a lot')
    expect(suggest('pariss', {lookup})).toEqual(['Paris'])
    expect(suggest('TEH', {lookup})).toEqual(['THE'])
    expect(suggest('zzzzzz', {lookup})).toEqual([])
  })

  it('derives plurals and both -ize/-ise forms of vocabulary', () => {
    expect(inflections('lockdown')).toEqual(['lockdown', 'lockdowns'])
    expect(inflections('instrumentalize')).toEqual(expect.arrayContaining(['instrumentalised', 'instrumentalizing', 'instrumentalisation']))
  })

  it('applies case rules to any lookup', () => {
    const has = (d: string) => d === 'Minsk' || d === 'siloviki'
    expect([knownWithCase('Minsk', has), knownWithCase('MINSK', has), knownWithCase('minsk', has), knownWithCase('Siloviki', has)]).toEqual([true, true, false, true])
  })
})
