/**
 * @module untranslated
 * Flag French left in the English text: words that are French and not
 * English (“selon”, “manifestants”), runs of French function words (“lors
 * du”, “de la”, “en nombre”), bracketed editorial insertions (`[le]`), and
 * whole sentences, which a language identifier (eld, loaded only when a
 * sentence looks French) confirms.
 *
 * The lexicon is a word list in the data file, loaded in milliseconds. A
 * span the glossary (which knows the translation) or the `boilerplate` rule
 * already reported is left to them.
 * English loan phrases (“en masse”, “coup d'état”, “raison d'être”), names
 * (a capitalised word that does not start a sentence, and French particles
 * between names: “Place de la République”), and quoted French the article
 * presents as French (“the slogan «…»”, “known as …”) stay silent.
 *
 * @example ok
 *   Demonstrators turned out en masse in Paris on Saturday.
 *   The general staged a coup d'état in 1958 and called it a fait accompli.
 *   Such stories are the paper's raison d'être.
 *   The chargé d'affaires was summoned to the ministry.
 *   Many carried placards bearing the motto “liberté, égalité, fraternité”.
 *   The crowd filled Place de la République on Sunday.
 *   Marine Le Pen met Charles de Gaulle's grandson in Colombey.
 *   The report appeared in Le Monde on Tuesday.
 *   The menu is à la carte and the soupe du jour costs six euros.
 *   It gave him a strange feeling of déjà vu.
 *   The protesters chanted “on ne lâche rien” outside the town hall.
 *   The de facto leader of the party spoke at a tête-à-tête with the minister.
 *   The firm's savoir-faire and the laissez-faire policy of the state helped.
 *   They dance a pas de deux at the Opéra de Paris.
 *   The film, known as “La Haine”, was shown in the suburbs.
 *   The festival des Vieilles Charrues opens on Thursday.
 *   The maître d' seated us near the window.
 *   The report [sic] was wrong [in part] and [the] minister knew [it].
 *   Le Pen et al. met de Villepin and du Bellay in Paris.
 *   The café served crème brûlée and pâté to the fiancée.
 *   I dont know what he meant, she said.
 *   The Alliance française and the Mouvement des entreprises de France signed the charter.
 *   The banner read “nous ne lâcherons rien, jamais, jamais”.
 * @example not-ok
 *   Selon the prefecture, three people were injured.
 *   Lors du meeting, the minister announced new measures.
 *   The government announced a new aid [de la] region.
 *   The police said [le] suspect had fled.
 *   He praised [l’]action of the rescuers.
 *   La victoire n'était pas gagnée d'avance.
 *   The grévistes called for a new day of action.
 *   The lycéens gathered in front of the town hall.
 *   The salariés complained about the noise.
 *   The roads near the mairie were closed on Sunday.
 *   The price is in slight hausse this month.
 *   The unions called for a grève on Thursday.
 *   Supporters came en nombre to the stadium.
 *   The chômage rate rose again in the quartier.
 *   The minister said that c'est une catastrophe for the region.
 *   He will come back notamment to talk about the budget.
 *   Le président de la République a annoncé une réforme des retraites.
 */
import type {Root} from 'nlcst'
import {defineRule, type BaseRuleOptions, type RuleContext} from '../rule.js'
import {oncePer} from '../util/once.js'
import {collectSentences, sentenceTokens, type Token} from '../tokens.js'
import {fold, isCapitalized} from '../util/text.js'

/** Options of the `untranslated` rule (defaults in `rules/fr-en/data/untranslated.yml`). */
export interface UntranslatedOptions extends BaseRuleOptions {
  /** French words that are not English: reported alone. */
  strong?: string[] | undefined
  /** French words that are also English or in loan phrases: reported next to another French word. */
  weak?: string[] | undefined
  /** English loan phrases, never reported. */
  loans?: string[] | undefined
  /** Words before a quotation that present it as French. */
  cues?: string[] | undefined
  /** Translations the data knows, by the words found. */
  translations?: Record<string, string> | undefined
  /** Words from which a sentence is checked with the language identifier. */
  sentenceWords?: number | undefined
  /** Score by which French must beat English for a whole sentence. */
  sentenceMargin?: number | undefined
  /** Project words that are never French leftovers. */
  words?: string[] | undefined
}

interface Compiled {
  /** What each word is on its own (`lexical`), by the word as written; bounded. */
  lexicon: Map<string, number>
  strong: Set<string>
  weak: Set<string>
  /** English loan phrases (folded words), by first word. */
  loans: Map<string, string[][]>
  cues: Set<string>
  translations: Map<string, string>
  sentenceWords: number
  sentenceMargin: number
  words: Set<string>
}

/** What the language identifier tells of a sentence. */
interface Identified {
  french: number
  english: number
}

type Identify = (text: string) => Identified

const openingQuotes = new Set(['“', '«', '"', '‘', "'", '„'])
const closingQuotes = new Set(['”', '»', '"', '’', "'"])
const frenchLetters = /[éèêëàâçôîïûùœ]/
// English words that look like French elisions.
const englishElisions = new Set(["c'mon", "s'more", "s'mores", "m'lady", "l'chaim", "t'was", "s'pose"])

/** The untranslated rule. */
export const untranslated = defineRule<UntranslatedOptions>(
  {
    id: 'untranslated',
    description: 'Flag French left in the English text: French-only words, runs of French function words, `[le]`, whole sentences.',
    category: 'untranslated',
    severity: 'warning'
  },
  async function (tree: Root, file, options, context) {
    const compiled = compile(options)
    // A span the glossary (which knows the translation) or the boilerplate
    // rule (a scraped block) already reported is theirs: one issue, one message.
    const taken = takenRanges(file.messages)
    const guarded: RuleContext = {
      report(report) {
        const start = report.place.start.offset ?? 0
        const end = report.place.end.offset ?? 0
        if (taken.some(([from, to]) => from < end && start < to)) return
        context.report(report)
      }
    }
    for (const sentence of collectSentences(tree)) {
      const tokens = sentenceTokens(sentence)
      if (tokens.length === 0) continue
      // One pass first, with each word's memoised reading: most sentences of
      // an English article hold no French-looking word and no bracket, and
      // then neither check below can find anything. It also spares them an
      // `await` (a promise and a microtask) per sentence.
      let words = 0
      let french = 0
      let strongish = 0
      let bracket = false
      for (const token of tokens) {
        if (token.kind === 'word') {
          words++
          const bits = lexical(token.value, compiled)
          if (bits !== 0) {
            french++
            if ((bits & (strongWord | frenchLowercase)) !== 0) strongish++
          }
        } else if (token.value === '[') bracket = true
      }
      if (french === 0 && !bracket) continue
      // The loan phrases of the sentence, found once for both checks.
      const loans = french === 0 ? noLoans : loanCovered(tokens, compiled)
      // Upper bounds of `frenchSentence`'s counts: below its thresholds it
      // cannot report, and the identifier is not consulted.
      const maybeSentence = words >= compiled.sentenceWords && strongish >= 2 && french >= Math.max(3, Math.ceil(words * 0.4))
      if (maybeSentence && (await frenchSentence(tokens, words, loans, compiled, guarded))) continue
      checkWords(tokens, loans, compiled, guarded)
    }
  }
)

/** Ranges reported by the glossary and the boilerplate rule. */
function takenRanges(messages: ReadonlyArray<{place?: unknown}>): Array<[number, number]> {
  const result: Array<[number, number]> = []
  for (const message of messages) {
    const rule = (message as {rule?: string}).rule
    if (rule !== 'glossary' && rule !== 'boilerplate') continue
    const place = message.place as {start?: {offset?: number}; end?: {offset?: number}} | undefined
    if (place?.start?.offset !== undefined && place.end?.offset !== undefined) result.push([place.start.offset, place.end.offset])
  }
  return result
}

function lower(value: string): string {
  return value.toLowerCase().replace(/[’ʼ‘`´]/g, "'")
}

const compile = oncePer(function (options: UntranslatedOptions): Compiled {
  // A trailing apostrophe is its own token (maître d'): compare without it.
  const loans = (options.loans ?? []).map((d) => fold(d).split(/[\s,]+/).map((w) => w.replace(/'$/, '')).filter(Boolean))
  return {
    lexicon: new Map(),
    strong: new Set((options.strong ?? []).map(lower)),
    weak: new Set((options.weak ?? []).map(lower)),
    loans: loansByFirst(loans),
    cues: new Set((options.cues ?? []).map(lower)),
    translations: new Map(Object.entries(options.translations ?? {}).map(([key, value]) => [lower(key), value])),
    sentenceWords: options.sentenceWords ?? 6,
    sentenceMargin: options.sentenceMargin ?? 0.08,
    words: new Set((options.words ?? []).map(lower))
  }
})

// The language identifier is loaded on the first sentence that looks French,
// so English documents never pay for it.
let identifier: Promise<Identify> | undefined

function loadIdentifier(): Promise<Identify> {
  identifier ??= import('eld/extrasmall').then(({eld}) => {
    eld.setLanguageSubset(['en', 'fr', 'es', 'it', 'de', 'pt', 'nl'])
    return (text: string) => {
      const scores = eld.detect(text).getScores() as Record<string, number>
      return {french: scores['fr'] ?? 0, english: scores['en'] ?? 0}
    }
  })
  return identifier
}

function isWord(token: Token | undefined): token is Token {
  return token !== undefined && token.kind === 'word'
}

/** Whether a word starts its sentence (or a quotation or bracket that does). */
function isInitial(tokens: Token[], at: number): boolean {
  for (let index = at - 1; index >= 0; index--) {
    const token = tokens[index]!
    if (token.kind === 'word') return false
    if (token.kind === 'symbol') continue
    if (!(openingQuotes.has(token.value) || token.value === '(' || token.value === '[' || token.value === ':' || token.value === '—')) return false
  }
  return true
}

/** How a word reads: `strong` French, `weak` French, or not French. */
function classify(tokens: Token[], at: number, compiled: Compiled): 'strong' | 'weak' | undefined {
  const token = tokens[at]!
  const kind = lexical(token.value, compiled) & (strongWord | weakWord)
  if (kind === 0) return undefined
  // A capital inside a sentence is a name (Le Monde, Jean de La Fontaine).
  if (isCapitalized(token.value) && !isInitial(tokens, at)) return undefined
  return kind === strongWord ? 'strong' : 'weak'
}

/** `lexical`: a French-only word (or elided pronoun or article). */
const strongWord = 1
/** `lexical`: a French word that is also English or in a loan phrase (or `d'…`). */
const weakWord = 2
/** `lexical`: a lowercase word with a French letter (`é`, `ç`…), whatever else it is. */
const frenchLowercase = 4

/** An empty set of covered indexes, shared (never changed). */
const noLoans: ReadonlySet<number> = new Set()

/**
 * What a word is on its own, wherever it stands: `strongWord` or `weakWord`
 * (or neither) and `frenchLowercase`, as bits. `classify` adds what depends
 * on the word's place (a capital inside a sentence is a name). Memoised per
 * options (bounded): every word of every sentence is read, and news
 * vocabulary repeats; lowering, the set look-ups and the elision patterns
 * were most of this rule's time.
 */
function lexical(written: string, compiled: Compiled): number {
  const memo = compiled.lexicon
  let bits = memo.get(written)
  if (bits === undefined) {
    if (memo.size >= 50_000) memo.clear()
    bits = readWord(written, compiled)
    if (frenchLetters.test(written) && !isCapitalized(written)) bits |= frenchLowercase
    memo.set(written, bits)
  }
  return bits
}

/** `strongWord`, `weakWord` or 0 for a word as written, its place aside. */
function readWord(written: string, compiled: Compiled): number {
  const value = lower(written)
  if (compiled.words.has(value)) return 0
  if (compiled.strong.has(value)) return strongWord
  if (compiled.weak.has(value)) return weakWord
  // Elided French pronouns and articles: l'homme, qu'il, n'a (not d', which
  // English keeps in names and loans: d'Artagnan, hors d'oeuvre).
  // The letter after the apostrophe must be lowercase as written: l'Arbre is a name.
  // Most words have no apostrophe: skip the elision patterns for them.
  if (!hasApostrophe(written)) return 0
  const straight = written.replace(/[’ʼ‘`´]/g, "'")
  if (englishElisions.has(value)) return 0
  if (/^(?:[lncjsmt]|qu|jusqu|lorsqu|puisqu)'\p{Ll}/u.test(straight[0]!.toLowerCase() + straight.slice(1)) && !/^(?:l|s|t)'s$/i.test(straight)) return strongWord
  if (/^d'\p{Ll}/u.test(straight[0]!.toLowerCase() + straight.slice(1))) return weakWord
  return 0
}

/** Whether a word holds an apostrophe (straight, curly, modifier, grave or acute). */
function hasApostrophe(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index)
    if (code === 0x27 || code === 0x2019 || code === 0x2bc || code === 0x2018 || code === 0x60 || code === 0xb4) return true
  }
  return false
}

/** Indexes of tokens covered by an English loan phrase. */
function loanCovered(tokens: Token[], compiled: Compiled): ReadonlySet<number> {
  const byFirst = compiled.loans
  // Most sentences hold no word that starts a loan: no word lists for them.
  let starts = false
  for (const token of tokens) {
    if (token.kind === 'word' && byFirst.has(token.key)) {
      starts = true
      break
    }
  }
  if (!starts) return noLoans
  const covered = new Set<number>()
  const words: number[] = []
  tokens.forEach((token, index) => {
    if (token.kind === 'word') words.push(index)
  })
  // Loans compare folded words: hyphenated loans are one token (vis-à-vis).
  const keys = words.map((index) => tokens[index]!.key)
  for (let at = 0; at < keys.length; at++) {
    const candidates = byFirst.get(keys[at]!)
    if (!candidates) continue
    for (const loan of candidates) {
      if (at + loan.length <= keys.length && loan.every((word, offset) => keys[at + offset] === word)) {
        for (let offset = 0; offset < loan.length; offset++) covered.add(words[at + offset]!)
      }
    }
  }
  return covered
}

/**
 * Loans by first word, built once: scanning every loan at every word was
 * 62% of this rule's time on news text (bench/NOTES.md).
 */
function loansByFirst(loans: string[][]): Map<string, string[][]> {
  const byFirst = new Map<string, string[][]>()
  for (const loan of loans) {
    if (loan.length === 0) continue
    const list = byFirst.get(loan[0]!) ?? []
    list.push(loan)
    byFirst.set(loan[0]!, list)
  }
  return byFirst
}

/** Whether the word at `at` is inside a quotation presented as French (“the slogan «…»”). */
function presentedAsFrench(tokens: Token[], at: number, compiled: Compiled): boolean {
  // Bounded look-back, so a long sentence stays linear.
  for (let index = at - 1; index >= Math.max(0, at - 200); index--) {
    const token = tokens[index]!
    if (token.kind !== 'word' && closingQuotes.has(token.value) && !openingQuotes.has(token.value)) return false
    if (token.kind !== 'word' && openingQuotes.has(token.value) && (token.value !== "'" || token.spaceBefore || index === 0)) {
      // The opening quote: look for a cue in the few words before it.
      let seen = 0
      for (let before = index - 1; before >= 0 && seen < 4; before--) {
        const word = tokens[before]!
        if (word.kind !== 'word') continue
        seen++
        if (compiled.cues.has(lower(word.value)) || compiled.cues.has(word.key)) return true
      }
      return false
    }
  }
  return false
}

function checkWords(tokens: Token[], loans: ReadonlySet<number>, compiled: Compiled, context: RuleContext): void {
  const kinds = tokens.map((token, index) => (token.kind === 'word' && !loans.has(index) ? classify(tokens, index, compiled) : undefined))

  for (let at = 0; at < tokens.length; at++) {
    // Bracketed insertion: `[le]`, `[de la]`.
    if (tokens[at]!.value === '[') {
      let end = at + 1
      let inner = ''
      while (end < tokens.length && end - at <= 4) {
        const token = tokens[end]!
        // An elided article is a letter and an apostrophe token: `[l’]`.
        if (token.kind === 'word' && /^(?:l|d|qu)$/i.test(token.value) && /^['’]$/.test(tokens[end + 1]?.value ?? '')) {
          inner += (inner ? ' ' : '') + lower(token.value) + "'"
          end += 2
          continue
        }
        if (kinds[end] === undefined) break
        inner += (inner ? ' ' : '') + lower(token.value)
        end++
      }
      if (end > at + 1 && tokens[end]?.value === ']') {
        reportRun(tokens, at, end, '[' + inner + ']', compiled, context, 'bracket')
        at = end
        continue
      }
    }
    if (kinds[at] === undefined) continue
    // A run of consecutive French words (white space between them only).
    let end = at
    while (end + 1 < tokens.length && kinds[end + 1] !== undefined && !tokens[end]!.possessive) end++
    const run = kinds.slice(at, end + 1)
    const strong = run.includes('strong')
    const weakPair = run.length >= 2
    if (strong || weakPair) {
      const before = previousWord(tokens, at)
      const after = nextWord(tokens, end)
      const capitalBefore = before !== undefined && isCapitalized(before.value) && !isInitial(tokens, at - 1)
      const capitalAfter = after !== undefined && isCapitalized(after.value)
      // Next to a name, weak words are its particles (Place de la République);
      // between two capitalised words even French-only words belong to a
      // name (Mouvement des entreprises de France).
      const nameContext = strong ? capitalBefore && capitalAfter : capitalBefore || capitalAfter
      if (!nameContext && !presentedAsFrench(tokens, at, compiled)) {
        const text = tokens.slice(at, end + 1).map((d) => d.value).join(' ')
        reportRun(tokens, at, end, text, compiled, context, 'words')
      }
    }
    at = end
  }
}

/** Whether a word stands next to a capitalised word that does not start the sentence (a name's particle). */
function nextToName(tokens: Token[], at: number): boolean {
  const before = previousWord(tokens, at)
  const after = nextWord(tokens, at)
  return (before !== undefined && isCapitalized(before.value) && !isInitial(tokens, at - 1)) || (after !== undefined && isCapitalized(after.value))
}

function previousWord(tokens: Token[], at: number): Token | undefined {
  const token = tokens[at - 1]
  return isWord(token) ? token : undefined
}

function nextWord(tokens: Token[], at: number): Token | undefined {
  const token = tokens[at + 1]
  return isWord(token) ? token : undefined
}

function reportRun(tokens: Token[], first: number, last: number, text: string, compiled: Compiled, context: RuleContext, kind: 'bracket' | 'words'): void {
  const translation = compiled.translations.get(lower(text))
  const actual = tokens
    .slice(first, last + 1)
    .map((d, index) => (index > 0 && d.spaceBefore ? ' ' : '') + d.value)
    .join('')
  const expected = translation === undefined ? [] : [isCapitalized(actual) && kind === 'words' ? translation.charAt(0).toUpperCase() + translation.slice(1) : translation]
  context.report({
    place: {start: tokens[first]!.start, end: tokens[last]!.end},
    reason: 'Unexpected French `' + actual + '`' + (expected.length > 0 ? ', expected `' + expected[0] + '`' : ''),
    actual,
    expected,
    note:
      kind === 'bracket'
        ? 'A bracketed editorial insertion left in French (`' + actual + '`, as the French original completed the quotation); translate it.'
        : 'French *' + lower(text) + '*' + (translation ? ' (' + translation + ')' : '') + ' was left untranslated; it is not an English word or loan phrase.'
  })
}

/** Report the sentence whole when it is French; true when reported. `words`: how many word tokens it has. */
async function frenchSentence(tokens: Token[], words: number, loans: ReadonlySet<number>, compiled: Compiled, context: RuleContext): Promise<boolean> {
  if (words < compiled.sentenceWords) return false
  let strong = 0
  let weak = 0
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!
    if (token.kind !== 'word') continue
    // A word that is neither French nor lowercase with a French letter
    // counts nowhere: skip the look-back below for it (most words).
    if (lexical(token.value, compiled) === 0 || loans.has(index)) continue
    // Quoted French the sentence presents as French does not count.
    if (presentedAsFrench(tokens, index, compiled)) continue
    const kind = classify(tokens, index, compiled)
    if (kind === 'strong' || (kind === undefined && (lexical(token.value, compiled) & frenchLowercase) !== 0)) strong++
    else if (kind === 'weak' && !nextToName(tokens, index)) weak++
  }
  // Only a sentence with enough French words, some of them French-only, is
  // worth identifying (“Le Pen et al. met de Villepin” is not).
  if (strong < 2 || strong + weak < Math.max(3, Math.ceil(words * 0.4))) return false
  const first = tokens[0]!
  const last = tokens.at(-1)!
  const text = tokens.map((d, index) => (index > 0 && d.spaceBefore ? ' ' : '') + d.value).join('')
  const identify = await loadIdentifier()
  const scores = identify(text)
  if (scores.french - scores.english < compiled.sentenceMargin) return false
  context.report({
    place: {start: first.start, end: last.end},
    reason: 'Unexpected French sentence',
    actual: text,
    expected: [],
    note:
      'The sentence is in French (the language identifier scores French ' +
      scores.french.toFixed(2) +
      ' against English ' +
      scores.english.toFixed(2) +
      '): it was left untranslated.'
  })
  return true
}
