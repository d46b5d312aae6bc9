/**
 * @module name-consistency
 * Flag one name spelled two ways in one article: an accent dropped
 * (`Élisabeth` / `Elisabeth`), a French transliteration beside the English
 * one (`Gordeï` / `Gordei`, `Pavlovski` / `Pavlovsky`).
 *
 * Document-level: every capitalised word is gathered first and grouped by a
 * skeleton (no accents, transliteration variants reduced); each occurrence
 * of a minority spelling is then reported once, with the majority spelling
 * — or the glossary's preferred form — as `expected`. On a tie the English
 * transliteration wins (no word-final `ï`, fewer French spellings such as
 * `ou`, `tch`, `-ski`), and otherwise the spelling with its accents. Words
 * the glossary already reports, words in the `words` setting, all-caps
 * headlines, possessives, case differences and names that differ by more
 * than accents without being long or sharing a neighbouring name (`Louis` /
 * `Luis`) stay silent.
 *
 * @example ok
 *   Gordei Vaitovich spoke first; later Gordei Vaitovich added details.
 *   Marie Dupont met Mari Tanaka in Tokyo.
 *   Louis Martin and Luis Garcia played for the same club.
 *   MÉLENCHON WINS: Jean-Luc Mélenchon celebrated on Sunday.
 *   Vladimir Poutine met Vladimir Putin's envoy on Friday.
 *   Rose Dupont bought a rose for Rose Martin.
 *   Mélenchon spoke, then Mélenchon’s allies cheered.
 *   Élisabeth Borne resigned; Élisabeth Borne will stay in Parliament.
 *   The Rhône and the Rhine are rivers that Mr Rhodes crossed.
 *   Jean Martin met Jeanne Martin at the station.
 *   France beat Francis Ngannou's team in a friendly.
 *   Anna Karenina and Ana Ivanovic never met.
 *   Sánchez arrived, and Sánchez left again at noon.
 *   The Moscow correspondent met the Minsk correspondent.
 *   Paris Saint-Germain beat Paris FC at the Parc des Princes.
 *   Eric Zemmour debated Éric Ciotti on television.
 *   Elite troops arrived; the elite units and the series Élite were shown.
 * @example not-ok
 *   Gordeï Vaitovich spoke first; later Gordei Vaitovich added details.
 *   Élisabeth Borne resigned on Monday, and Elisabeth Borne left Matignon.
 *   Jean-Luc Mélenchon spoke; Melenchon then left the room.
 *   Oleg Pavlovski met Oleg Pavlovsky's ministers; Pavlovsky spoke.
 *   Storm Irène hit Brittany; Irène then moved east and Irene weakened.
 *   Kévin Vauquelin won the stage, and Kevin Vauquelin kept the jersey.
 *   Pedro Sánchez said Sánchez would decide; Sanchez declined to comment.
 *   Viktor Mouraviov and Viktor Muraviov are the same minister.
 *   Yuri Grebenkov spoke; Yuriy Grebenkov later denied it.
 *   Ivan Koutchenko met Ivan Kuchenko's deputy.
 *   Hélène Roux-Barthélémy spoke, Roux-Barthelemy then left.
 *   Léa Martin won; Léa Martin and Lea Martin are one player.
 *   Maëlle Corvez sang, and Maëlle Corvez thanked Maelle Corvez's band.
 *   The Taiwan Strait is tense; Taiwan and Taïwan talks stalled.
 *   Timur Kazbouchev and Timur Kazbushev were one man, Kazbushev said.
 */
import type {Root, Sentence} from 'nlcst'
import type {Point} from 'unist'
import {location} from 'vfile-location'
import {defineRule, type BaseRuleOptions} from '../rule.js'
import {oncePer} from '../util/once.js'
import type {Glossary} from '../glossary/compile.js'
import {collectSentences, sentenceTokens, type Token} from '../tokens.js'
import {fold, isAllCaps, isCapitalized} from '../util/text.js'

/** One transliteration difference: the French and the English spelling. */
export interface Transliteration {
  /** The French side (`ou`; `-ski` at the end of a word). */
  french: string
  /** The English side (`u`; `-sky`). */
  english: string
}

/** Options of the `name-consistency` rule (defaults in `rules/fr-en/data/name-consistency.yml`). */
export interface NameConsistencyOptions extends BaseRuleOptions {
  /** The glossary: its reports are not repeated, its preferred names win. */
  glossary?: Glossary | undefined
  /** Correct spellings (names, jargon) never reported. */
  words?: string[] | undefined
  /** French/English transliteration differences, applied in order. */
  transliterations?: Transliteration[] | undefined
  /** Letters French transliteration adds at the end of a name (`ï`, `ë`). */
  frenchFinalLetters?: string[] | undefined
  /** Shortest name (in letters) considered. */
  minLength?: number | undefined
  /** Shortest name that may differ by more than accents without a shared neighbouring name. */
  minTransliterationLength?: number | undefined
}

/** One capitalised word of the document. */
interface Occurrence {
  /** The word as written, possessive removed. */
  form: string
  /** Lowercase, accents kept: the spelling compared. */
  spelling: string
  /** Folded (no accents, lowercase). */
  folded: string
  start: Point
  end: Point
  /** Whether the glossary already reports this word. */
  covered: boolean
  /** Whether the glossary's hit on this word is this one word alone. */
  single: boolean
  /** Key of the capitalised word before, if any. */
  before: string | undefined
  /** Key of the capitalised word after, if any. */
  after: string | undefined
}

/** One spelling of a name, with its occurrences. */
interface Variant {
  spelling: string
  folded: string
  occurrences: Occurrence[]
  neighbours: Set<string>
}

/** The `name-consistency` rule. */
export const nameConsistency = defineRule<NameConsistencyOptions>(
  {
    id: 'name-consistency',
    description: 'Flag a name spelled two ways in one article (accents dropped, French transliterations).',
    category: 'consistency',
    severity: 'warning'
  },
  function (tree, file, options, {report}) {
    const transliterations = options.transliterations ?? []
    const finalLetters = options.frenchFinalLetters ?? ['ï', 'ë']
    const minLength = options.minLength ?? 3
    const minTransliteration = options.minTransliterationLength ?? 7
    const words = projectWords(options)
    const preferred = preferredNames(options.glossary)
    // The line index is built only for a possessive name (its end is not a
    // token's): most documents need none.
    let points: ReturnType<typeof location> | undefined
    const {occurrences, sentences} = gather(tree, options.glossary, minLength)
    // Lowercase words are asked about only when a name has two spellings
    // (rare): gathered then, not for every word of every document.
    let lowercaseWords: Set<string> | undefined

    // Most names have one spelling in an article: find the skeletons written
    // two ways first, and build variants (a set of neighbours each) for
    // those alone. Groups keep the order of their first occurrence.
    const keys: string[] = []
    const spellingOf = new Map<string, string | null>()
    for (const occurrence of occurrences) {
      const key = skeleton(occurrence.folded, transliterations)
      keys.push(key)
      const seen = spellingOf.get(key)
      if (seen === undefined) spellingOf.set(key, occurrence.spelling)
      else if (seen !== null && seen !== occurrence.spelling) spellingOf.set(key, null)
    }
    const groups = new Map<string, Map<string, Variant>>()
    for (let index = 0; index < occurrences.length; index++) {
      const occurrence = occurrences[index]!
      const key = keys[index]!
      if (spellingOf.get(key) !== null) continue
      let group = groups.get(key)
      if (!group) groups.set(key, (group = new Map()))
      let variant = group.get(occurrence.spelling)
      if (!variant) {
        variant = {spelling: occurrence.spelling, folded: occurrence.folded, occurrences: [], neighbours: new Set()}
        group.set(occurrence.spelling, variant)
      }
      variant.occurrences.push(occurrence)
      // Skeletons of the capitalised neighbours (`p:` before, `n:` after),
      // made here: only names written two ways need them.
      if (occurrence.before !== undefined) variant.neighbours.add('p:' + skeleton(occurrence.before, transliterations))
      if (occurrence.after !== undefined) variant.neighbours.add('n:' + skeleton(occurrence.after, transliterations))
    }

    for (const group of groups.values()) {
      if (group.size < 2) continue
      const variants = [...group.values()]
      const target = pickTarget(variants, preferred, transliterations, finalLetters)
      const shown = mostCommonForm(target)
      for (const variant of variants) {
        if (variant === target || words.has(variant.spelling)) continue
        // An English word capitalised (`Rose` beside `rose`, `Elite` beside
        // `elite`), not a name: its spellings are not a name's.
        lowercaseWords ??= lowercaseOf(sentences)
        if (lowercaseWords.has(variant.spelling) || lowercaseWords.has(target.spelling)) continue
        const accentsOnly = variant.folded === target.folded
        // `Eric Zemmour` and `Éric Ciotti`: full names with different neighbours are different people.
        if (fullNames(variant) && fullNames(target) && ![...variant.neighbours].some((d) => target.neighbours.has(d))) continue
        if (!accentsOnly) {
          const long = Math.min(variant.folded.length, target.folded.length) >= minTransliteration
          const shared = [...variant.neighbours].some((d) => target.neighbours.has(d))
          if (!long && !shared) continue
        }
        const note = explain(variant, target, variants, accentsOnly, preferred.has(target.folded), finalLetters)
        for (const occurrence of variant.occurrences) {
          // The glossary keeps what it reports — except a spelling that
          // differs from the document's other spelling by accents alone
          // (`Andreï` beside `Andrei`): that is an inconsistency in this
          // article, reported once, here, and the entry's message goes.
          if (occurrence.covered && !(occurrence.single && accentsOnly)) continue
          if (occurrence.covered) {
            file.messages = file.messages.filter(
              (d) => !((d as {rule?: string}).rule === 'glossary' && d.place && 'start' in d.place && d.place.start.offset === occurrence.start.offset)
            )
          }
          report({
            place: {start: occurrence.start, end: occurrence.end},
            reason: 'Unexpected `' + occurrence.form + '`, expected `' + shown + '`',
            actual: occurrence.form,
            expected: [shown],
            note
          })
        }
      }
    }

    function gather(root: Root, glossary: Glossary | undefined, shortest: number) {
      const found: Occurrence[] = []
      const sentences = collectSentences(root)
      for (const sentence of sentences) {
        const tokens = sentenceTokens(sentence)
        // Indexes the glossary reports (true: a hit on that one word alone);
        // no map for the many sentences without a hit.
        let covered: Map<number, boolean> | undefined
        if (glossary && glossary.size > 0) {
          for (const hit of glossary.match(tokens)) {
            covered ??= new Map()
            for (let index = hit.start; index <= hit.end; index++) covered.set(index, hit.start === hit.end)
          }
        }
        let headline: boolean | undefined
        for (let index = 0; index < tokens.length; index++) {
          const token = tokens[index]!
          if (token.kind !== 'word') continue
          const form = token.possessive ? token.value.slice(0, -token.possessive.length) : token.value
          if (!isCapitalized(form)) continue
          // Whether every word with letters is in capitals (or a single
          // letter): asked once, at the sentence's first capitalised word.
          headline ??= isHeadline(tokens)
          if (headline || isAllCaps(form)) continue
          if (!hasLetters(form, shortest)) continue
          const previous = tokens[index - 1]
          const next = tokens[index + 1]
          const before = previous?.kind === 'word' && isCapitalized(previous.value) ? previous.key : undefined
          const after = next?.kind === 'word' && isCapitalized(next.value) ? next.key : undefined
          const startOffset = token.start.offset!
          let end = token.end
          if (token.possessive) {
            points ??= location(file)
            end = points.toPoint(startOffset + form.length) ?? token.end
          }
          found.push({
            form,
            spelling: form.toLowerCase(),
            folded: fold(form),
            start: token.start,
            end,
            covered: covered !== undefined && covered.has(index),
            single: covered !== undefined && covered.get(index) === true,
            before,
            after
          })
        }
      }
      return {occurrences: found, sentences}
    }
  }
)

/** The lowercase words of the sentences (possessive removed), lowercased. */
function lowercaseOf(sentences: readonly Sentence[]): Set<string> {
  const result = new Set<string>()
  for (const sentence of sentences) {
    for (const token of sentenceTokens(sentence)) {
      if (token.kind !== 'word') continue
      const form = token.possessive ? token.value.slice(0, -token.possessive.length) : token.value
      if (!isCapitalized(form)) result.add(form.toLowerCase())
    }
  }
  return result
}

/** Whether a sentence is a headline in capitals: every word with a letter is all caps or has no two letters in a row. */
function isHeadline(tokens: readonly Token[]): boolean {
  for (const token of tokens) {
    if (token.kind !== 'word') continue
    const value = token.value
    // ASCII words (most) in one scan, without the Unicode patterns: letters,
    // two letters in a row, lowercase letters, capitals.
    let ascii = true
    let letters = 0
    let pair = false
    let lowercase = false
    let capitals = 0
    let previousLetter = false
    for (let index = 0; index < value.length; index++) {
      const code = value.charCodeAt(index)
      if (code >= 128) {
        ascii = false
        break
      }
      const upper = code >= 65 && code <= 90
      const lower = code >= 97 && code <= 122
      if (upper) capitals++
      if (lower) lowercase = true
      if (upper || lower) {
        letters++
        if (previousLetter) pair = true
      }
      previousLetter = upper || lower
    }
    if (ascii) {
      if (letters > 0 && pair && (lowercase || capitals < 2)) return false
      continue
    }
    if (!/\p{L}/u.test(value)) continue
    if (!(isAllCaps(value) || !/\p{L}{2}/u.test(value))) return false
  }
  return true
}

/** Whether a word has at least `count` letters; ASCII words are counted without a pattern or a match array. */
function hasLetters(value: string, count: number): boolean {
  let letters = 0
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index)
    if (code >= 128) return (value.match(/\p{L}/gu)?.length ?? 0) >= count
    if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) letters++
  }
  return letters >= count
}

/** The `words` setting, lowercased; built once per options object (the same for every document). */
const projectWords = oncePer((options: NameConsistencyOptions) => new Set((options.words ?? []).map((d) => d.toLowerCase())))

/** Whether every occurrence of a spelling stands next to another capitalised word. */
function fullNames(variant: Variant): boolean {
  return variant.occurrences.every((d) => d.before !== undefined || d.after !== undefined)
}

/** Reduce a folded name to its skeleton: transliteration differences rewritten to the English side. */
export function skeleton(folded: string, transliterations: readonly Transliteration[]): string {
  // Names repeat within and across articles: one rewrite per name (bounded).
  const memo = skeletons(transliterations)
  let result = memo.get(folded)
  if (result !== undefined) return result
  if (memo.size >= 10_000) memo.clear()
  result = rewrite(folded, transliterations)
  memo.set(folded, result)
  return result
}

const skeletons = oncePer((_: readonly Transliteration[]) => new Map<string, string>())

function rewrite(folded: string, transliterations: readonly Transliteration[]): string {
  let result = folded
  for (const {french, english} of transliterations) {
    if (french.startsWith('-')) {
      const suffix = french.slice(1)
      if (result.endsWith(suffix)) result = result.slice(0, -suffix.length) + english.replace(/^-/, '')
    } else {
      result = result.split(french).join(english)
    }
  }
  return result
}

/** How many French transliteration spellings a folded name carries. */
function frenchScore(folded: string, transliterations: readonly Transliteration[]): number {
  let score = 0
  for (const {french, english} of transliterations) {
    if (french.startsWith('-')) {
      if (folded.endsWith(french.slice(1)) && !folded.endsWith(english.replace(/^-/, ''))) score++
    } else if (!english.includes(french)) {
      score += folded.split(french).length - 1
    }
  }
  return score
}

function hasFinalFrenchLetter(spelling: string, letters: readonly string[]): boolean {
  return letters.some((d) => new RegExp('[aeiouy]' + d + '$', 'u').test(spelling))
}

function accentCount(spelling: string): number {
  return spelling.normalize('NFD').match(/\p{M}/gu)?.length ?? 0
}

function pickTarget(
  variants: Variant[],
  preferred: Map<string, string>,
  transliterations: readonly Transliteration[],
  finalLetters: readonly string[]
): Variant {
  const known = variants.find((d) => preferred.get(d.folded)?.toLowerCase() === d.spelling)
  if (known) return known
  return [...variants].sort((a, b) => {
    const count = b.occurrences.length - a.occurrences.length
    if (count !== 0) return count
    // Tie: the English transliteration (no word-final ï), then fewer French
    // spellings, then the spelling that keeps its accents.
    const final = Number(hasFinalFrenchLetter(a.spelling, finalLetters)) - Number(hasFinalFrenchLetter(b.spelling, finalLetters))
    if (final !== 0) return final
    const french = frenchScore(a.folded, transliterations) - frenchScore(b.folded, transliterations)
    if (french !== 0) return french
    const accents = accentCount(b.spelling) - accentCount(a.spelling)
    if (accents !== 0) return accents
    return (a.occurrences[0]!.start.offset ?? 0) - (b.occurrences[0]!.start.offset ?? 0)
  })[0]!
}

function mostCommonForm(variant: Variant): string {
  const counts = new Map<string, number>()
  for (const occurrence of variant.occurrences) counts.set(occurrence.form, (counts.get(occurrence.form) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0]
}

function explain(
  variant: Variant,
  target: Variant,
  variants: Variant[],
  accentsOnly: boolean,
  fromGlossary: boolean,
  finalLetters: readonly string[]
): string {
  const form = mostCommonForm(variant)
  const best = mostCommonForm(target)
  const times = (n: number) => (n === 1 ? 'once' : n + ' times')
  let note =
    'This article writes one name two ways: `' + best + '` (' + times(target.occurrences.length) + ') and `' + form + '` (' +
    times(variant.occurrences.length) + ').'
  const tie = variants.every((d) => d.occurrences.length <= target.occurrences.length) && variant.occurrences.length === target.occurrences.length
  if (fromGlossary) note += ' The glossary gives `' + best + '`.'
  else if (tie && hasFinalFrenchLetter(variant.spelling, finalLetters)) {
    note += ' On a tie the English transliteration wins: a final `' + [...variant.spelling].at(-1) + '` is the French transliteration (*Andreï* for Andrei).'
  } else if (tie && !accentsOnly) note += ' On a tie the English transliteration wins over the French one.'
  else if (tie) note += ' On a tie the spelling with its accents wins: dropping them is the usual slip.'
  else note += accentsOnly ? ' Only the accents differ; keep the majority spelling.' : ' The spellings differ as French and English transliterations do; keep the majority spelling.'
  return note
}

/** Folded single words of the glossary's preferred names (`putin` → `Putin`); read-only. */
function preferredNames(glossary: Glossary | undefined): Map<string, string> {
  return glossary ? preferredOf(glossary) : noNames
}

const noNames = new Map<string, string>()

// Built once per glossary: it walks every entry, and ran for each document.
const preferredOf = oncePer(function (glossary: Glossary): Map<string, string> {
  const result = new Map<string, string>()
  for (const entry of glossary.entries) {
    if (entry.family !== 'names') continue
    for (const phrase of entry.preferred) {
      for (const word of phrase.split(/\s+/)) {
        if (isCapitalized(word)) result.set(fold(word), word)
      }
    }
  }
  return result
})
