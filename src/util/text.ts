/**
 * Text helpers shared by the matcher and the rules: folding for comparison,
 * and keeping the capitalisation of what a suggestion replaces.
 */

const combining = /\p{M}+/gu
const apostrophes = /[\u2019\u2018\u02BC\u0060\u00B4]/g
const ligatures: Record<string, string> = {
  œ: 'oe',
  Œ: 'OE',
  æ: 'ae',
  Æ: 'AE',
  ß: 'ss'
}

/** Remove diacritics and normalise apostrophes, keeping case. */
export function foldDiacritics(value: string): string {
  return value
    .normalize('NFD')
    .replace(combining, '')
    .replace(apostrophes, "'")
    .replace(/[œŒæÆß]/g, (d) => ligatures[d] ?? d)
}

const foldMemo = new Map<string, string>()

/**
 * The comparison key of a token: diacritic- and case-insensitive. Memoised
 * (bounded): news vocabulary repeats, and Unicode normalisation is the
 * costliest step of tokenising.
 */
export function fold(value: string): string {
  // Fast path: in plain ASCII (no backtick, the one ASCII character the
  // apostrophe rule rewrites) folding is lowering the case — no memo
  // lookup, and no memo entry; a word without capitals is its own key.
  // Most words of an English text take it.
  let ascii = true
  let upper = false
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index)
    if (code >= 128 || code === 96) {
      ascii = false
      break
    }
    if (code >= 65 && code <= 90) upper = true
  }
  if (ascii) return upper ? value.toLowerCase() : value
  let key = foldMemo.get(value)
  if (key === undefined) {
    if (foldMemo.size >= 50_000) foldMemo.clear()
    key = foldDiacritics(value).toLowerCase()
    foldMemo.set(value, key)
  }
  return key
}

/** Whether a word carries a capital letter. */
export function hasCapital(value: string): boolean {
  return value !== value.toLowerCase()
}

/** Whether a word is written all in capitals (and has at least two letters). */
export function isAllCaps(value: string): boolean {
  // Fast path for ASCII (most words): no pattern, no copies.
  let capitals = 0
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index)
    if (code >= 128) return allCapsUnicode(value)
    if (code >= 97 && code <= 122) return false
    if (code >= 65 && code <= 90) capitals++
  }
  return capitals > 1
}

function allCapsUnicode(value: string): boolean {
  const letters = value.replace(/[^\p{L}]/gu, '')
  return letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()
}

/** Whether the first letter of a word is a capital. */
export function isCapitalized(value: string): boolean {
  // Fast path: an ASCII letter first is the first letter (rules call this
  // on most words of a document; the Unicode pattern was 3% of a warm re-lint).
  const code = value.charCodeAt(0)
  if (code >= 65 && code <= 90) return true
  if (code >= 97 && code <= 122) return false
  const first = value.match(/\p{L}/u)
  return first !== null && first[0] !== first[0].toLowerCase()
}

/**
 * Give `replacement` the capitalisation of `actual`: all caps stays all caps,
 * a capitalised start (sentence start) capitalises the replacement.
 * A replacement that starts with a capital (a name) keeps its own case.
 */
export function matchCase(replacement: string, actual: string): string {
  if (replacement.length === 0) return replacement
  if (isAllCaps(actual) && actual.replace(/[^\p{L}]/gu, '').length > 1) {
    return replacement.toUpperCase()
  }

  if (isCapitalized(actual) && !isCapitalized(replacement)) {
    return replacement.charAt(0).toUpperCase() + replacement.slice(1)
  }

  return replacement
}

/** Count words (letter or digit runs) in a text. */
export function countWords(value: string): number {
  const words = value.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)
  return words ? words.length : 0
}
