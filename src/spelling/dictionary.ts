/**
 * The spelling dictionary as plain sets of words: dictionary-en (American)
 * and dictionary-en-gb (British) expanded once, at build time, into every
 * form their affix rules allow, so checking a word is a `Set` lookup and a
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
 * Read an index text into a dictionary.
 *
 * @throws {Error}
 *   When the text is not an index of this format.
 */
export function parseIndex(text: string): SpellDictionary {
  const header = indexHeader(text)
  if (!header || header.format !== indexFormat) throw new Error('mtlint: not a spelling index of format ' + indexFormat)
  const lines = text.split('\n')
  const sections: Record<string, [number, number]> = {}
  let name = ''
  let start = 1
  for (let index = 1; index <= lines.length; index++) {
    const line = lines[index]
    if (index === lines.length || line!.charCodeAt(0) === 64 /* @ */) {
      if (name) sections[name] = [start, index]
      name = line?.slice(1) ?? ''
      start = index + 1
    }
  }
  const slice = (key: string) => {
    const range = sections[key]
    return range ? lines.slice(range[0], range[1]).filter((d) => d !== '') : []
  }
  return new SpellDictionary({
    source: header.source,
    common: slice('common'),
    us: slice('us'),
    gb: slice('gb'),
    nosuggest: slice('nosuggest'),
    rep: slice('rep').map((d) => d.split('\t') as [string, string])
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

/** A spelling dictionary: American and British words as sets. */
export class SpellDictionary {
  /** Where the words came from. */
  readonly source: string
  private readonly common: Set<string>
  private readonly us: Set<string>
  private readonly gb: Set<string>
  private readonly nosuggest: Set<string>
  /** hunspell `REP` pairs (`_` in the replacement is a space). */
  readonly rep: ReadonlyArray<readonly [string, string]>

  constructor(data: IndexData) {
    this.source = data.source
    this.common = new Set(data.common)
    this.us = new Set(data.us)
    this.gb = new Set(data.gb)
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
  if (/['’][sS]$/.test(word)) return word.slice(0, -2)
  if (/[sS]['’]$/.test(word)) return word.slice(0, -1)
  return word
}
