/**
 * Expand hunspell dictionaries into the word lists of a spelling index, with
 * nspell's affix engine (it applies every affix rule when a dictionary
 * loads). Run at build time into `dist/spelling/`, and at run time only when
 * that index is missing or stale.
 */
import nspell from 'nspell'
import type {IndexData} from './dictionary.js'

/** A hunspell dictionary: affix and word files. */
export interface Hunspell {
  /** The `.aff` file. */
  aff: Uint8Array | string
  /** The `.dic` file. */
  dic: Uint8Array | string
}

/** The word forms of one dictionary, the forms never suggested, and its `REP` pairs. */
export interface Expanded {
  /** Every accepted form (possessives of accepted nouns left out). */
  words: Set<string>
  /** Forms flagged `NOSUGGEST`. */
  nosuggest: Set<string>
  /** `REP` pairs. */
  rep: Array<[string, string]>
}

/** Expand one hunspell dictionary. */
export function expandHunspell(dictionary: Hunspell): Expanded {
  const spell = nspell(dictionary)
  const flag = (name: string) => (typeof spell.flags[name] === 'string' ? (spell.flags[name] as string) : undefined)
  const onlyInCompound = flag('ONLYINCOMPOUND')
  const forbidden = flag('FORBIDDENWORD')
  const noSuggest = flag('NOSUGGEST')
  const words = new Set<string>()
  const nosuggest = new Set<string>()
  for (const [word, codes] of Object.entries(spell.data)) {
    if ((onlyInCompound && codes.includes(onlyInCompound)) || (forbidden && codes.includes(forbidden))) continue
    words.add(word)
    if (noSuggest && codes.includes(noSuggest)) nosuggest.add(word)
  }
  // Every noun takes a possessive, and the checker reads `x's` as `x`:
  // storing both would make the index a third larger for nothing.
  for (const word of words) {
    if (word.endsWith("'s") && words.has(word.slice(0, -2))) words.delete(word)
  }
  return {words, nosuggest, rep: spell.replacementTable.map(([from, to]) => [from, to])}
}

/**
 * The index of an American and a British dictionary: the words they share,
 * and each one's own.
 */
export function buildIndexData(us: Hunspell, gb: Hunspell, source: string): IndexData {
  const american = expandHunspell(us)
  const british = expandHunspell(gb)
  const sort = (values: Iterable<string>) => [...values].sort()
  const rep = new Map<string, [string, string]>()
  for (const pair of [...american.rep, ...british.rep]) rep.set(pair.join('\t'), pair)
  return {
    source,
    common: sort([...american.words].filter((d) => british.words.has(d))),
    us: sort([...american.words].filter((d) => !british.words.has(d))),
    gb: sort([...british.words].filter((d) => !american.words.has(d))),
    nosuggest: sort(new Set([...american.nosuggest, ...british.nosuggest])),
    rep: [...rep.values()]
  }
}
