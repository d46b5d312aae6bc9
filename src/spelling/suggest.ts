/**
 * Suggestions without hunspell: every word one edit away (a letter dropped,
 * added, changed, or two swapped), hunspell's `REP` table of common
 * misspellings, and a missing space — each candidate a set lookup. Editing
 * distance two is not tried: it costs a thousand times more lookups, and
 * machine translation rarely makes typos; what it leaves unknown is mostly
 * names and source-language words, for which no suggestion is right anyway.
 */
import {matchCase} from '../util/text.js'

/** Letters tried, most frequent in English first (hunspell's `TRY`). */
const alphabet = "esianrtolcdugmphbyfvkwz'jxq"

/** Options of `suggest`. */
export interface SuggestOptions {
  /** The dictionary form of a candidate (`paris` → `Paris`), or undefined when it is no word. */
  lookup(candidate: string): string | undefined
  /** hunspell `REP` pairs (`_` in the replacement is a space). */
  rep?: ReadonlyArray<readonly [string, string]> | undefined
  /** At most this many suggestions (default: 5). */
  limit?: number | undefined
}

/**
 * Suggest replacements for an unknown word, best first, each with the case
 * of the word it replaces.
 */
export function suggest(word: string, options: SuggestOptions): string[] {
  const limit = options.limit ?? 5
  const lower = word.toLowerCase()
  const found = new Map<string, number>()
  let rank = 0
  const tryCandidate = (candidate: string, bucket: number) => {
    if (candidate === lower || candidate.length === 0) return
    const parts = candidate.split(' ')
    let form: string | undefined
    if (parts.length === 1) form = options.lookup(candidate)
    else {
      const forms = parts.map((d) => (d.length > 0 ? options.lookup(d) : undefined))
      if (forms.every((d) => d !== undefined)) form = forms.join(' ')
    }
    if (form === undefined || found.has(form)) return
    // Keeping the first letter and the length is what typing errors do
    // most: within a kind of edit, rank those first.
    const firstKept = form.charAt(0).toLowerCase() === lower.charAt(0) ? 0 : 4
    const lengthKept = Math.min(Math.abs(form.length - lower.length), 2)
    found.set(form, bucket * 10 + firstKept + lengthKept + rank++ / 1e6)
  }

  for (const [from, to] of options.rep ?? []) {
    let index = lower.indexOf(from)
    while (index !== -1) {
      tryCandidate(lower.slice(0, index) + to.replace(/_/g, ' ') + lower.slice(index + from.length), 0)
      index = lower.indexOf(from, index + 1)
    }
  }
  for (let index = 0; index < lower.length - 1; index++) {
    tryCandidate(lower.slice(0, index) + lower[index + 1] + lower[index] + lower.slice(index + 2), 1)
  }
  for (let index = 0; index < lower.length; index++) {
    for (const letter of alphabet) {
      if (letter !== lower[index]) tryCandidate(lower.slice(0, index) + letter + lower.slice(index + 1), 2)
    }
    tryCandidate(lower.slice(0, index) + lower.slice(index + 1), 2)
  }
  for (let index = 0; index <= lower.length; index++) {
    for (const letter of alphabet) tryCandidate(lower.slice(0, index) + letter + lower.slice(index), 2)
  }
  for (let index = 1; index < lower.length; index++) {
    tryCandidate(lower.slice(0, index) + ' ' + lower.slice(index), 3)
  }

  return [...found]
    .sort((a, b) => a[1] - b[1])
    .slice(0, limit)
    .map(([form]) => matchCase(form, word))
}
