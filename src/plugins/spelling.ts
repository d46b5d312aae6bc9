/**
 * @module spelling
 * Flag unknown words: typos, and source-language words left in. American
 * and British spellings are both accepted unless the `variant` option picks
 * one; so are every preferred form of the glossaries, the pack's names and
 * news vocabulary (`siloviki`, `franceinfo`, loans such as `en masse`), and
 * the project's `words`.
 *
 * Names are not misspellings: a capitalised word the article uses twice
 * with the same spelling, or that a title, a first name, a speech verb or a
 * preposition introduces (`President Vaitovich`, `said Vaitovich`, `in
 * Pinsk`), that a speech verb or `, who` follows (`Vaitovich said`), or that
 * stands inside a run of capitalised words or a list of them, is accepted.
 * A lone capitalised word inside a sentence is taken for a name too (on the
 * corpora, 14 of 17 such words flagged were correct names); `reportNames`
 * reports those as info. Acronyms, words with digits, code and URLs are
 * never checked. A word another mtlint rule already reported (the
 * glossary's `Poutine`, name-consistency's `Andreï`) is left to that rule,
 * and so are capitalised words a glossary entry flags: spelling runs last.
 *
 * The dictionary is a pre-built index (`dist/spelling/en.txt`, written by
 * `npm run build` from dictionary-en and dictionary-en-gb) read once per
 * process and searched in place; a word's answer is cached.
 * Suggestions come from one edit away, for the first `maxSuggestions`
 * (30) unknown words of a file, cached per word.
 *
 * @example ok
 *   The colour of the theatre's programme was analysed and organised.
 *   The color of the theater's program was analyzed and organized.
 *   Migrants arrived en masse, said Andrei Vaitovich, who spoke on franceinfo.
 *   The Belarusian siloviki pushed them back; Lukashenko's regime denies it.
 *   President Tsikhanouski met students in Pinsk and in Hrodna.
 *   Vaitovich spoke first. Later, Vaitovich added details.
 *   The interministerial meeting discussed re-election and pre-positioned aid.
 *   Charles de Gaulle and Ursula von der Leyen are on the list.
 *   The SNCF, the RATP and the CGT met in Saint-Aubin-sur-Loire.
 *   The chargé d'affaires said it was a fait accompli, a coup d'état.
 *   Covid-19 cases rose in the 1990s and in 2020, on the A64 motorway.
 *   She met Gwendolyn Brzezinska at the station.
 * @example not-ok
 *   The goverment announced new measures on Tuesday.
 *   Teh minister resigned.
 *   The authorities said the crisis was a véritable disaster.
 *   They were instrumentalized by teh regime.
 */
import type {Root} from 'nlcst'
import {defineRule, type BaseRuleOptions} from '../rule.js'
import {oncePer} from '../util/once.js'
import type {Glossary} from '../glossary/compile.js'
import {collectSentences, sentenceTokens, type Token} from '../tokens.js'
import {fold, foldDiacritics, isCapitalized, matchCase} from '../util/text.js'
import {knownWithCase, stripPossessive, type SpellDictionary, type Variant} from '../spelling/dictionary.js'
import {suggest} from '../spelling/suggest.js'

/** Options of the `spelling` rule (word lists in `rules/fr-en/data/spelling.yml`). */
export interface SpellingOptions extends BaseRuleOptions {
  /** Which spelling to accept: `us`, `gb`, or `both` (default). */
  variant?: Variant | undefined
  /** The glossary: its preferred forms are correct words; capitalised words it flags are its to report. */
  glossary?: Glossary | undefined
  /** The project's own correct words (`.mtlintrc` `words` / `wordsFile`). */
  words?: string[] | undefined
  /** Names the dictionaries lack (people, places, organisations, media). */
  names?: string[] | undefined
  /** Correct English the dictionaries lack (plurals and -ize/-ise forms derived). */
  vocabulary?: string[] | undefined
  /** Multi-word loans correct as a whole (`en masse`). */
  phrases?: string[] | undefined
  /** Lowercase particles inside names (`de`, `von`, `sur`). */
  particles?: string[] | undefined
  /** Word beginnings that make a word of any English word (`inter`, `re`). */
  prefixes?: string[] | undefined
  /** Words after which a capitalised word is a name (titles, speech verbs, prepositions). */
  introducers?: string[] | undefined
  /** Words before which a capitalised word is a name (`Vaitovich said`, `Vaitovich, who`). */
  followers?: string[] | undefined
  /** How many unknown words of a file get suggestions (default: 30). */
  maxSuggestions?: number | undefined
  /** Report every unexplained capitalised word as info, not only those one edit from a dictionary word (default: false). */
  reportNames?: boolean | undefined
  /** The dictionary, or how to get it (default: the pre-built index, loaded once per process). */
  dictionary?: SpellDictionary | (() => SpellDictionary | Promise<SpellDictionary>) | undefined
}

/** What a set of options resolves to, built once and shared by every file. */
interface Prepared {
  variant: Variant
  /** Exact forms of personal words (names keep their capital). */
  personal: Set<string>
  /** Folded capitalised words glossary entries flag. */
  flagged: Set<string>
  /** Phrases by their first folded word. */
  phrases: Map<string, string[][]>
  particles: Set<string>
  prefixes: string[]
  introducers: Set<string>
  followers: Set<string>
  maxSuggestions: number
  reportNames: boolean
  /** Suggestions per word (bounded). */
  suggestions: Map<string, string[]>
  /** Whether a word is known, per word (bounded): news vocabulary repeats. */
  known: Map<string, boolean>
  /** Memo of `Checker#verdict`, by word as written (four Unicode patterns per word were a fifth of a warm re-lint, bench/NOTES.md). */
  verdicts: Map<string, Verdict>
  /** The dictionary `known` answers for. */
  dictionary?: SpellDictionary
}

// Options objects are made anew for every processor (`lint()` makes one per
// call), so prepared state is shared by content: the glossary, then the rest.
const prepared = new WeakMap<object, Map<string, Prepared>>()
const noGlossary = {}

/** The `spelling` rule. */
export const spelling = defineRule<SpellingOptions>(
  {
    id: 'spelling',
    description: 'Flag unknown words (typos, source-language leftovers), knowing news names and both English spellings.',
    category: 'spelling',
    severity: 'warning'
  },
  async function (tree, file, options, {report}) {
    const dictionary = await resolveDictionary(options)
    const state = prepare(options)
    if (state.dictionary !== dictionary) {
      state.known.clear()
      state.verdicts.clear()
      state.suggestions.clear()
      state.dictionary = dictionary
    }
    const check = checker(dictionary, state)
    const sentences = collectSentences(tree as Root).map((d) => sentenceTokens(d))
    const counts = capitalisedCounts(sentences)
    const taken = reportedRanges(file.messages)
    let suggested = 0

    const suggestionsFor = (word: string): string[] | undefined => {
      const key = state.variant + '\0' + word
      const cached = state.suggestions.get(key)
      if (cached) return cached
      if (suggested >= state.maxSuggestions) return undefined
      suggested++
      const result = suggest(word, {
        lookup: (candidate) => check.dictionaryForm(candidate),
        rep: dictionary.rep
      })
      if (state.suggestions.size >= 5000) state.suggestions.clear()
      state.suggestions.set(key, result)
      return result
    }

    for (const tokens of sentences) {
      let covered = phraseCovered(tokens, state.phrases)
      for (let index = 0; index < tokens.length; index++) {
        const whole = tokens[index]!
        if (whole.kind !== 'word' || covered?.has(index)) continue
        // One lookup answers for most words: never checked, or known.
        const verdict = check.verdict(whole.value)
        if (verdict === skipWord) continue
        if (contraction(tokens, index, check)) {
          // `wasn´t`: the wrong apostrophe is source-typography's to report.
          ;(covered ??= new Set()).add(index + 2)
          continue
        }
        if (verdict === knownWord) continue
        const token = trimmed(whole)
        const variantNote = state.variant === 'both' ? undefined : check.otherVariant(stripPossessive(token.value))
        if (!variantNote && check.known(token.value)) continue
        if (taken.some((d) => d.start < token.end.offset! && token.start.offset! < d.end)) continue
        if (continuesUntranslated(tokens, index, taken)) continue

        const word = stripPossessive(token.value)
        const possessive = token.value.slice(word.length)
        const parts = word.split(/[-‐‑/]/)
        let names = false
        if (variantNote) {
          // The other variant's spelling: reported whatever its context.
        } else if (parts.length > 1 && partsKnown(parts, check, state)) {
          continue
        } else if (parts.length === 1 && prefixed(word, check, state)) {
          continue
        } else if (isCapitalized(word) || /^[dl]['’]\p{Lu}/u.test(word) || /\p{Ll}\p{Lu}/u.test(word)) {
          if (state.flagged.has(fold(word))) continue
          if ((counts.get(word) ?? 0) >= 2 || nameContext(tokens, index, state, check)) continue
          if (nameShaped(parts, state)) continue
          if (!sentenceInitial(tokens, index) || /\p{Ll}\p{Lu}/u.test(word)) {
            // A capitalised word inside a sentence is a name far more often
            // than a typo (measured: 3 of 17 such reports on the corpora
            // touched a finding), so it is reported only on request.
            if (!state.reportNames) continue
            names = true
          }
        } else if ((state.particles.has(fold(word)) && nameFollows(tokens, index, state)) || (parts.length > 1 && nameShaped(parts, state))) {
          continue
        }

        const bad = parts.length > 1 ? parts.filter((d) => d && !check.known(d)) : [word]
        const expected = variantNote
          ? check.counterparts(word).map((d) => d + possessive)
          : bad.length === 1
            ? (suggestionsFor(bad[0]!) ?? []).map((d) => (parts.length > 1 ? word.replace(bad[0]!, d) : d) + possessive)
            : []
        report({
          place: {start: token.start, end: token.end},
          reason: variantNote
            ? `Unexpected ${variantNote.spelling} spelling \`${token.value}\`${expected.length > 0 ? `, expected \`${expected[0]}\`` : ''}`
            : `Unknown word \`${token.value}\`${expected.length > 0 ? ', expected ' + expected.slice(0, 3).map((d) => '`' + d + '`').join(' or ') : ''}`,
          actual: token.value,
          expected,
          ...(names ? {severity: 'info' as const} : {}),
          note: variantNote
            ? `This project spells ${variantNote.wanted} English (\`variant: ${state.variant}\`).`
            : names
              ? 'Capitalised like a name, but nothing in the article shows it is one (no second use, no title, first name or preposition before it). If it is a name, add it to `words` in `.mtlintrc`.'
              : 'Not in the English dictionary (American or British), the pack’s names or the project’s `words`: a typo, or a source-language word left untranslated. If it is right, add it to `words` in `.mtlintrc`.' +
                (expected.length === 0 && suggested >= state.maxSuggestions ? ` No suggestions past the first ${state.maxSuggestions} unknown words of a file, to keep linting fast.` : '')
        })
      }
    }
  }
)

/** What the rule makes of a word (`Checker#verdict`). */
type Verdict = 0 | 1 | 2
const skipWord = 0
const knownWord = 1
const checkWord = 2

/** How words are checked against the dictionary and the personal words. */
interface Checker {
  /** Whether a word is correct. */
  known(word: string): boolean
  /**
   * What the rule makes of a word as written (edge punctuation and all):
   * `skipWord` (never checked: see `skipped`), `knownWord` (known, in the
   * wanted variant), or `checkWord` — nearly every word answered from one memo; the
   * checks after it run for the rest.
   */
  verdict(value: string): Verdict
  /** The dictionary form of a lowercase candidate (`paris` → `Paris`), or undefined. */
  dictionaryForm(candidate: string): string | undefined
  /** When the word is the other variant's spelling: which, and which is wanted. */
  otherVariant(word: string): {spelling: string; wanted: string} | undefined
  /** The wanted variant's spellings of a word (`color` → `colour`). */
  counterparts(word: string): string[]
}

function checker(dictionary: SpellDictionary, state: Prepared): Checker {
  const personal = (d: string) => state.personal.has(d)
  const knownOnce = (word: string) => {
    if (dictionary.correct(word, state.variant) || knownWithCase(word, personal)) return true
    const base = stripPossessive(word)
    return base !== word && knownWithCase(base, personal)
  }
  const knownUncached = (word: string) => {
    const value = word.replace(/[’‘ʼ]/g, "'")
    if (knownOnce(value)) return true
    // Accents on a name are the name-consistency rule's business: `Andreï`
    // is spelled right when `Andrei` is. Not on other words: `véritable`
    // is French, not a spelling of `veritable`.
    if (!isCapitalized(value)) return false
    const folded = foldDiacritics(value)
    return folded !== value && knownOnce(folded)
  }
  const known = (word: string) => {
    let result = state.known.get(word)
    if (result === undefined) {
      result = knownUncached(word)
      if (state.known.size >= 50_000) state.known.clear()
      state.known.set(word, result)
    }
    return result
  }
  const otherVariant = (word: string): {spelling: string; wanted: string} | undefined => {
    if (state.variant === 'both') return undefined
    const lower = word.toLowerCase()
    const spelling = dictionary.spellingOf(word) ?? dictionary.spellingOf(lower)
    if (spelling === 'us' && state.variant === 'gb') return {spelling: 'American', wanted: 'British'}
    if (spelling === 'gb' && state.variant === 'us') return {spelling: 'British', wanted: 'American'}
    return undefined
  }
  return {
    known,
    otherVariant,
    verdict(value) {
      let result = state.verdicts.get(value)
      if (result === undefined) {
        const word = trimmedValue(value)
        result = skipped(value) ? skipWord : !otherVariant(stripPossessive(word)) && known(word) ? knownWord : checkWord
        if (state.verdicts.size >= 50_000) state.verdicts.clear()
        state.verdicts.set(value, result)
      }
      return result
    },
    dictionaryForm(candidate) {
      const title = candidate.charAt(0).toUpperCase() + candidate.slice(1)
      for (const form of [candidate, title]) {
        if ((dictionary.has(form, state.variant) && dictionary.suggestable(form)) || state.personal.has(form)) return form
      }
      return undefined
    },
    counterparts(word) {
      const own = (candidate: string) => (dictionary.spellingOf(candidate) === state.variant ? candidate : undefined)
      // One edit covers -our, -ise, -yse, -re, -ence, -ll-, ageing; the
      // -ogue and -mme endings take two.
      const lower = word.toLowerCase()
      const endings = state.variant === 'gb' ? [lower + 'ue', lower + 'me'] : [lower.replace(/ue$/, ''), lower.replace(/me$/, '')]
      const found = endings.filter((d) => d !== lower && own(d))
      return [...new Set([...found.map((d) => matchCase(d, word)), ...suggest(word, {lookup: own, limit: 2})])].slice(0, 2)
    }
  }
}

/**
 * Resolve the options once per options object: a processor passes the same
 * object with every document, so its state is found by identity before the
 * options (their word lists are large) are serialised to look it up by content.
 */
const prepare = oncePer(prepareByContent)

/** Resolve the options once per content (the glossary, then the rest). */
function prepareByContent(options: SpellingOptions): Prepared {
  const {glossary, dictionary: _dictionary, severity: _severity, ...rest} = options
  const key = JSON.stringify(rest)
  let byKey = prepared.get(glossary ?? noGlossary)
  if (!byKey) {
    byKey = new Map()
    prepared.set(glossary ?? noGlossary, byKey)
  }
  const cached = byKey.get(key)
  if (cached) return cached
  const personal = new Set<string>()
  const addWords = (text: string) => {
    for (const raw of text.split(/\s+/)) {
      const word = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').replace(/[’‘ʼ]/g, "'")
      if (word) personal.add(word)
    }
  }
  for (const name of options.names ?? []) addWords(name)
  for (const word of options.words ?? []) addWords(word)
  for (const word of options.vocabulary ?? []) for (const form of inflections(word)) personal.add(form)
  const flagged = new Set<string>()
  for (const entry of options.glossary?.entries ?? []) {
    for (const form of entry.preferred) addWords(form)
    for (const form of entry.flag) {
      for (const word of form.split(/\s+/)) if (isCapitalized(word)) flagged.add(fold(word))
    }
  }
  const phrases = new Map<string, string[][]>()
  for (const phrase of options.phrases ?? []) {
    const keys = phrase.split(/\s+/).filter(Boolean).map((d) => fold(d))
    if (keys.length === 0) continue
    const list = phrases.get(keys[0]!) ?? []
    list.push(keys)
    phrases.set(keys[0]!, list)
  }
  const state: Prepared = {
    variant: options.variant ?? 'both',
    personal,
    flagged,
    phrases,
    particles: new Set((options.particles ?? []).map((d) => fold(d))),
    prefixes: [...new Set((options.prefixes ?? []).map((d) => fold(d)))].sort((a, b) => b.length - a.length),
    introducers: new Set((options.introducers ?? []).map((d) => fold(d))),
    followers: new Set((options.followers ?? []).map((d) => fold(d))),
    maxSuggestions: options.maxSuggestions ?? 30,
    reportNames: options.reportNames ?? false,
    suggestions: new Map(),
    known: new Map(),
    verdicts: new Map()
  }
  if (byKey.size >= 16) byKey.clear()
  byKey.set(key, state)
  return state
}

/** A vocabulary word's regular forms: plurals, and both -ize/-ise spellings of verbs and their nouns. */
export function inflections(word: string): string[] {
  const forms = new Set([word, word + 's'])
  if (/(s|x|z|ch|sh)$/.test(word)) forms.add(word + 'es')
  if (/[^aeiou]y$/.test(word)) forms.add(word.slice(0, -1) + 'ies')
  const verb = /^(.*)i[sz]e$/.exec(word)
  const noun = /^(.*)i[sz]ation$/.exec(word)
  const stem = verb?.[1] ?? noun?.[1]
  if (stem !== undefined) {
    for (const letter of ['z', 's']) {
      for (const ending of ['e', 'es', 'ed', 'ing', 'ation', 'ations', 'er', 'ers']) forms.add(stem + 'i' + letter + ending)
    }
  } else if (/e$/.test(word)) {
    forms.add(word + 'd')
  }
  return [...forms]
}

const nodeLoader = '../node/spelling.js'
// The Node loader module, imported once: a dynamic `import()` per document
// showed in profiles (the module's own cache still answers each call, so
// `resetSpellDictionary` keeps working).
let nodeModule: Promise<typeof import('../node/spelling.js')> | undefined

async function resolveDictionary(options: SpellingOptions): Promise<SpellDictionary> {
  const given = options.dictionary
  if (given) return typeof given === 'function' ? given() : given
  // The Node loader reads `dist/`; a browser bundle passes `dictionary`
  // instead. The specifier is a variable so bundlers leave the Node module
  // (and its `node:fs`) out of the core.
  const loader = nodeLoader
  nodeModule ??= import(loader) as Promise<typeof import('../node/spelling.js')>
  const module = await nodeModule
  return await module.loadSpellDictionary()
}

/**
 * A word token without punctuation at its edges: the English parser keeps a
 * full stop in the word when a paragraph ends on a capitalised word
 * (`Thursday.`), as if it were an abbreviation.
 */
function trimmed(token: Token): Token {
  const [lead, trail] = edges(token.value)
  if (lead === 0 && trail === 0) return token
  const shift = (point: Token['start'], by: number) => ({...point, column: point.column + by, offset: (point.offset ?? 0) + by})
  return {...token, value: token.value.slice(lead, token.value.length - trail), start: shift(token.start, lead), end: shift(token.end, -trail)}
}

/** A word's text without punctuation at its edges (as `trimmed`). */
function trimmedValue(value: string): string {
  const [lead, trail] = edges(value)
  return lead === 0 && trail === 0 ? value : value.slice(lead, value.length - trail)
}

/** How many characters of punctuation lead and trail a word. */
function edges(value: string): [number, number] {
  // Most words start with an ASCII letter or digit and end with one (or an
  // apostrophe): nothing to trim, and no Unicode pattern to run.
  if (asciiWordChar(value.charCodeAt(0)) && (asciiWordChar(value.charCodeAt(value.length - 1)) || value.charCodeAt(value.length - 1) === 39)) return noEdges
  const match = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}'’]*)$/u.exec(value)
  return [match?.[1]?.length ?? 0, match?.[3]?.length ?? 0]
}

const noEdges: [number, number] = [0, 0]

/** Whether a UTF-16 code is an ASCII letter or digit (so `\p{L}` or `\p{N}`). */
function asciiWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)
}

/**
 * Words never checked: no Latin letters, digits (`A64`, `1990s`), abbreviations
 * with inner full stops (`a.m`, `i.e`), acronyms (`SNCF`, `ECOWAS`, `MPs`).
 */
function skipped(value: string): boolean {
  // No Latin letter: another script (`Москва`, `東京`) is for the untranslated
  // rule, not an English dictionary.
  if (!/\p{Script=Latin}/u.test(value) || /\p{N}/u.test(value) || /\p{L}\.\p{L}/u.test(value)) return true
  const letters = stripPossessive(value).replace(/[^\p{L}]/gu, '')
  return /^\p{Lu}{2,7}s?$/u.test(letters)
}

/** How often each capitalised form (possessive removed) occurs in the document. */
function capitalisedCounts(sentences: Token[][]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const tokens of sentences) {
    for (const token of tokens) {
      if (token.kind !== 'word' || !isCapitalized(token.value)) continue
      const word = stripPossessive(token.value)
      counts.set(word, (counts.get(word) ?? 0) + 1)
    }
  }
  return counts
}

/** Offsets other mtlint rules already reported: a word there is theirs. */
function reportedRanges(messages: ReadonlyArray<{source?: string | null | undefined; place?: unknown; rule?: unknown}>): Array<{start: number; end: number; untranslated: boolean}> {
  const ranges: Array<{start: number; end: number; untranslated: boolean}> = []
  for (const message of messages) {
    if (message.source !== 'mtlint') continue
    const place = message.place as {start?: {offset?: number}; end?: {offset?: number}} | undefined
    const start = place?.start?.offset
    const end = place?.end?.offset
    if (start !== undefined && end !== undefined) ranges.push({start, end: Math.max(end, start + 1), untranslated: message.rule === 'untranslated'})
  }
  return ranges
}

/**
 * Whether the word next to `index` (white space between) lies in a run the
 * untranslated rule reported: the French run goes on (`Nous sommes en
 * guerre`), and one report of it is enough.
 */
function continuesUntranslated(tokens: Token[], index: number, taken: ReadonlyArray<{start: number; end: number; untranslated: boolean}>): boolean {
  for (const neighbour of [tokens[index - 1], tokens[index + 1]]) {
    if (neighbour?.kind !== 'word') continue
    const start = neighbour.start.offset ?? -1
    if (taken.some((d) => d.untranslated && d.start <= start && start < d.end)) return true
  }
  return false
}

const looseApostrophes = new Set(['´', '`', '′', 'ʹ', 'ʼ', '‘'])

/** Whether a word, an apostrophe-like mark and a short word make a known contraction (`wasn´t`, `it´s`). */
function contraction(tokens: Token[], index: number, check: Checker): boolean {
  const mark = tokens[index + 1]
  const rest = tokens[index + 2]
  if (!mark || !rest || mark.spaceBefore || rest.spaceBefore || !looseApostrophes.has(mark.value)) return false
  if (rest.kind !== 'word' || rest.value.length > 2) return false
  return check.known(tokens[index]!.value + "'" + rest.value)
}

/** Indices of tokens inside a listed multi-word loan (undefined: none, the usual case). */
function phraseCovered(tokens: Token[], phrases: Map<string, string[][]>): Set<number> | undefined {
  let covered: Set<number> | undefined
  if (phrases.size === 0) return covered
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!
    if (token.kind !== 'word') continue
    const candidates = phrases.get(token.key)
    if (!candidates) continue
    for (const keys of candidates) {
      // Punctuation between the words does not break a phrase
      // (`liberté, égalité, fraternité`).
      const matched: number[] = []
      let at = index
      for (const key of keys) {
        while (tokens[at]?.kind === 'punctuation') at++
        if (tokens[at]?.kind !== 'word' || tokens[at]!.key !== key) break
        matched.push(at++)
      }
      if (matched.length === keys.length) for (const position of matched) (covered ??= new Set()).add(position)
    }
  }
  return covered
}

/** Whether every part of a hyphenated word is a word, a prefix (`re-`, `anti-`) or a name particle. */
function partsKnown(parts: string[], check: Checker, state: Prepared): boolean {
  return parts.every(
    (part, index) =>
      part === '' ||
      check.known(part) ||
      (index < parts.length - 1 && state.prefixes.includes(fold(part))) ||
      (index > 0 && state.particles.has(fold(part)))
  )
}

/** Whether a word is a prefix glued to a known word (`interministerial`, `geostrategic`). */
function prefixed(word: string, check: Checker, state: Prepared): boolean {
  const lower = fold(word)
  for (const prefix of state.prefixes) {
    // Short prefixes and stems make words of typos (`co` + `lour`).
    if (prefix.length >= 3 && lower.length - prefix.length >= 5 && lower.startsWith(prefix) && check.known(word.slice(prefix.length))) return true
  }
  return false
}

/** A capitalised compound of names and particles (`Saint-Aubin-sur-Loire`), or an elided name (`d'Orsay`). */
function nameShaped(parts: string[], state: Prepared): boolean {
  if (parts.length === 1) return /^[dl]['’]\p{Lu}/u.test(parts[0]!)
  // A particle may open it too: `al-Sisi`, `el-Hadj`, `bin-Salman`.
  return parts.some((d) => isCapitalized(d)) && parts.every((d) => d === '' || isCapitalized(d) || state.particles.has(fold(d)))
}

/** The word token before `index` (across a title's full stop: `Mr. Vaitovich`), if adjacent. */
function previousWord(tokens: Token[], index: number): Token | undefined {
  const before = tokens[index - 1]
  if (before?.kind === 'word') return before
  if (before?.kind === 'punctuation' && before.value === '.' && tokens[index - 2]?.kind === 'word') return tokens[index - 2]
  return undefined
}

/** Whether a title, first name, speech verb or preposition introduces the word, or a name follows it (camelCase brands are names too). */
function nameContext(tokens: Token[], index: number, state: Prepared, check: Checker): boolean {
  const previous = previousWord(tokens, index)
  if (previous) {
    if (state.introducers.has(previous.key) || state.particles.has(previous.key)) return true
    // A first name, not a sentence's capitalised first word (`The`).
    const position = tokens.indexOf(previous)
    if (isCapitalized(previous.value) && !(sentenceInitial(tokens, position) && check.known(previous.value.toLowerCase()))) return true
  }
  const next = tokens[index + 1]
  if (next?.kind === 'word') {
    return isCapitalized(next.value) || state.followers.has(next.key) || (state.particles.has(next.key) && nameFollows(tokens, index + 1, state))
  }
  const after = tokens[index + 2]
  if (next?.value !== ',' || after?.kind !== 'word') return false
  // The first of a list of names (`Haaland, Ødegaard and Sørloth`), or a
  // person described (`Berrada, who`).
  return (isCapitalized(after.value) && !check.known(after.value.toLowerCase())) || state.followers.has(after.key)
}

/** Whether name particles from `index` on lead to a capitalised word (`de Gaulle`, `von der Leyen`, `d'Or`). */
function nameFollows(tokens: Token[], index: number, state: Prepared): boolean {
  let next = index
  while (tokens[next]?.kind === 'word' && state.particles.has(tokens[next]!.key)) next++
  const token = tokens[next]
  return token?.kind === 'word' && (isCapitalized(token.value) || /^[dl]['’]\p{Lu}/u.test(token.value))
}

// Not brackets: a capitalised word in brackets is an acronym or a name
// far more often than a sentence.
const openers = new Set([':', '“', '"', '‘', "'", '«', '—', '–', '-', '•', '*'])

/** Whether a word opens its sentence (after opening quotes, brackets, a colon or a dash). */
function sentenceInitial(tokens: Token[], index: number): boolean {
  for (let before = index - 1; before >= 0; before--) {
    const token = tokens[before]!
    if (token.kind === 'word' || token.kind === 'source') return false
    if (openers.has(token.value)) return true
  }
  return true
}
