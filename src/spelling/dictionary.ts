/**
 * The spelling dictionary as sorted word lists: dictionary-en (American)
 * and dictionary-en-gb (British) expanded once, at build time, into every
 * form their affix rules allow, so checking a word is a binary search and a
 * cold start reads a text file instead of running hunspell's affix engine.
 *
 * No `node:` import: the index text can come from a file, a bundle or a
 * fetch.
 */

/** Which spelling a document may use. */
export type Variant = 'us' | 'gb' | 'both'

/** Bumped whenever the index text changes shape, so an old index is rebuilt. */
export const indexFormat = 1

/** First word of the index's first line. */
const magic = 'mtlint-spelling-index'

/** The contents of an index, before it is turned into sets. */
export interface IndexData {
  /** Where the words came from (`dictionary-en@4.0.0 dictionary-en-gb@3.0.0`): stale indexes are rebuilt. */
  source: string
  /** Words both dictionaries hold. */
  common: readonly string[]
  /** Words only the American dictionary holds (`color`, `analyze`). */
  us: readonly string[]
  /** Words only the British dictionary holds (`colour`, `analyse`). */
  gb: readonly string[]
  /** Words never suggested (hunspell's `NOSUGGEST`: slurs). */
  nosuggest: readonly string[]
  /** hunspell `REP` pairs: common misspellings tried first when suggesting. */
  rep: ReadonlyArray<readonly [string, string]>
}

/** Write an index as text: a header line, then one word per line under `@section` lines. */
export function serializeIndex(data: IndexData): string {
  return [
    `${magic} ${indexFormat} ${data.source}`,
    '@common',
    ...data.common,
    '@us',
    ...data.us,
    '@gb',
    ...data.gb,
    '@nosuggest',
    ...data.nosuggest,
    '@rep',
    ...data.rep.map(([from, to]) => from + '\t' + to),
    ''
  ].join('\n')
}

/** The header of an index text: its format and source, or undefined when it is not an index. */
export function indexHeader(text: string): {format: number; source: string} | undefined {
  const end = text.indexOf('\n')
  const [word, format, ...source] = text.slice(0, end === -1 ? undefined : end).split(' ')
  if (word !== magic || !format) return undefined
  return {format: Number(format), source: source.join(' ')}
}

/**
 * A sorted word list searched in place: binary search over the index text
 * itself. Reading the index is then the whole cost of loading it — no
 * splitting into 90,000 strings, no hashing them into a set — which is what
 * a cold start pays; a lookup costs about 17 short comparisons.
 */
export class SortedWords {
  private readonly text: string
  private readonly start: number
  private readonly end: number

  /**
   * @param text
   *   Words sorted by UTF-16 code units (`Array#sort`), one per line.
   * @param start
   *   Offset of the first word.
   * @param end
   *   Offset after the last word's line.
   */
  constructor(text: string, start = 0, end = text.length) {
    this.text = text
    this.start = start
    this.end = Math.max(start, end)
  }

  /** A list of words (sorted here). */
  static from(words: Iterable<string>): SortedWords {
    const text = [...words].sort().join('\n')
    return new SortedWords(text)
  }

  /** Whether the word is in the list. */
  has(word: string): boolean {
    const text = this.text
    let low = this.start
    let high = this.end
    // Invariant: `low` is a line start; the word, if present, starts a line in [low, high).
    while (low < high) {
      const middle = (low + high) >>> 1
      let lineStart = text.lastIndexOf('\n', middle - 1) + 1
      if (lineStart < low) lineStart = low
      let lineEnd = text.indexOf('\n', lineStart)
      if (lineEnd === -1 || lineEnd > this.end) lineEnd = this.end
      const line = text.slice(lineStart, lineEnd)
      if (line === word) return true
      if (line < word) low = lineEnd + 1
      else high = lineStart
    }
    return false
  }

  /** Number of words. */
  get size(): number {
    if (this.end <= this.start) return 0
    let count = 1
    for (let index = this.text.indexOf('\n', this.start); index !== -1 && index < this.end; index = this.text.indexOf('\n', index + 1)) count++
    return count
  }
}

/**
 * Read an index text into a dictionary (the word lists are searched in the
 * text as it is).
 *
 * @throws {Error}
 *   When the text is not an index of this format.
 */
export function parseIndex(text: string): SpellDictionary {
  const header = indexHeader(text)
  if (!header || header.format !== indexFormat) throw new Error('mtlint: not a spelling index of format ' + indexFormat)
  const sections = new Map<string, SortedWords>()
  const small = new Map<string, string[]>()
  // Sections start at `\n@name\n`; a body runs to the newline before the next one.
  let section = text.indexOf('\n@')
  while (section !== -1) {
    const nameEnd = text.indexOf('\n', section + 1)
    const name = text.slice(section + 2, nameEnd === -1 ? text.length : nameEnd)
    const start = nameEnd === -1 ? text.length : nameEnd + 1
    const next = nameEnd === -1 ? -1 : text.indexOf('\n@', nameEnd)
    let end = next === -1 ? text.length : next
    if (next === -1 && text.endsWith('\n')) end--
    end = Math.max(start, end)
    if (name === 'nosuggest' || name === 'rep') small.set(name, text.slice(start, end).split('\n').filter(Boolean))
    else sections.set(name, new SortedWords(text, start, end))
    section = next
  }
  const empty = new SortedWords('')
  return new SpellDictionary({
    source: header.source,
    common: sections.get('common') ?? empty,
    us: sections.get('us') ?? empty,
    gb: sections.get('gb') ?? empty,
    nosuggest: small.get('nosuggest') ?? [],
    rep: (small.get('rep') ?? []).map((d) => d.split('\t') as [string, string])
  })
}

/** A set of words that answers with hunspell's case rules (see `correct`). */
export type Lookup = (word: string) => boolean

const apostrophes = /[’‘ʼ]/g

/**
 * Whether `word` is known to `has`, with hunspell's case rules: the exact
 * form, else (all capitals) its capitalised and lowercase forms, else its
 * lowercase form. So `Paris` and `PARIS` pass when `Paris` is known, `paris`
 * does not; `The` and `THE` pass when `the` is known.
 */
export function knownWithCase(word: string, has: Lookup): boolean {
  if (has(word)) return true
  const lower = word.toLowerCase()
  if (word === word.toUpperCase() && lower !== word) {
    const title = word.charAt(0) + lower.slice(1)
    if (has(title)) return true
  }
  return lower !== word && has(lower)
}

/** The word lists of a dictionary: given as arrays, or searched in place in an index text. */
export interface DictionaryLists {
  /** Where the words came from. */
  source: string
  /** Words both dictionaries hold. */
  common: SortedWords | readonly string[]
  /** American-only words. */
  us: SortedWords | readonly string[]
  /** British-only words. */
  gb: SortedWords | readonly string[]
  /** Words never suggested. */
  nosuggest: readonly string[]
  /** hunspell `REP` pairs. */
  rep: ReadonlyArray<readonly [string, string]>
}

/** A spelling dictionary: American and British words as sorted lists. */
export class SpellDictionary {
  /** Where the words came from. */
  readonly source: string
  private readonly common: SortedWords
  private readonly us: SortedWords
  private readonly gb: SortedWords
  private readonly nosuggest: Set<string>
  /** hunspell `REP` pairs (`_` in the replacement is a space). */
  readonly rep: ReadonlyArray<readonly [string, string]>

  constructor(data: DictionaryLists) {
    const list = (d: SortedWords | readonly string[]) => (d instanceof SortedWords ? d : SortedWords.from(d))
    this.source = data.source
    this.common = list(data.common)
    this.us = list(data.us)
    this.gb = list(data.gb)
    this.nosuggest = new Set(data.nosuggest)
    this.rep = data.rep
  }

  /** Number of word forms (both spellings). */
  get size(): number {
    return this.common.size + this.us.size + this.gb.size
  }

  /** Whether this exact form is a word of the variant (no case folding). */
  has(word: string, variant: Variant = 'both'): boolean {
    return this.common.has(word) || (variant !== 'gb' && this.us.has(word)) || (variant !== 'us' && this.gb.has(word))
  }

  /** The spelling a form belongs to: both, American only, British only, or none. */
  spellingOf(word: string): 'common' | 'us' | 'gb' | undefined {
    if (this.common.has(word)) return 'common'
    if (this.us.has(word)) return 'us'
    if (this.gb.has(word)) return 'gb'
    return undefined
  }

  /** Whether a form may be suggested. */
  suggestable(word: string): boolean {
    return !this.nosuggest.has(word)
  }

  /**
   * Whether a word is spelled right: hunspell's case rules, smart
   * apostrophes read as straight ones, a possessive `'s` read as its noun
   * (the index stores no possessives: every noun takes one).
   */
  correct(word: string, variant: Variant = 'both'): boolean {
    const value = word.replace(apostrophes, "'")
    const has: Lookup = (d) => this.has(d, variant)
    if (knownWithCase(value, has)) return true
    const base = stripPossessive(value)
    return base !== value && base.length > 0 && knownWithCase(base, has)
  }
}

/** A word without its possessive `'s` (or the bare `'` after an `s`). */
export function stripPossessive(word: string): string {
  // Character codes, not a regular expression: this runs for every word.
  const length = word.length
  if (length < 2) return word
  const last = word.charCodeAt(length - 1)
  const before = word.charCodeAt(length - 2)
  if (isS(last) && isApostrophe(before)) return word.slice(0, -2)
  if (isApostrophe(last) && isS(before)) return word.slice(0, -1)
  return word
}

// Outside `stripPossessive`: not two closures made for every word.
function isApostrophe(code: number): boolean {
  return code === 39 || code === 0x2019
}

function isS(code: number): boolean {
  return code === 115 || code === 83
}
