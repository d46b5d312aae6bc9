/**
 * @module quote-inversion
 * Flag attributions in the French order: after a quotation (or a reported
 * clause ending in a comma) French puts the verb before its subject —
 * « … », analyse un journaliste — and machine translation keeps that order
 * with verbs English never inverts ("…”, analyzes a journalist", "…, details
 * the ministry"). Also the sentence-initial "And to add:" (Et d'ajouter :).
 *
 * Neutral reporting verbs English news does invert ("said the minister",
 * "added the coach") stay silent, and English speech verbs in the past tense
 * ("warned the minister") too, unless `inversionVerbs: strict`. An
 * “And to …:” a glossary entry already flags is left to that entry. A verb
 * separated from its subject by a time or place ("said on Thursday on
 * franceinfo Andrei Vaitovich") is reported whatever the verb. `expected`
 * puts the subject first.
 *
 * @example ok
 *   “We will not give in,” said the minister.
 *   “We will not give in,” says the minister on Monday.
 *   "The talks are over", added the spokesman.
 *   “Is this the end?” asked the reporter.
 *   “The vote is close,” warned the party leader.
 *   “It was a hard season,” the coach admitted after the match.
 *   She called the plan “a step backwards”, welcomed the delay and left.
 *   The union described the offer as “an insult”, regretted the minister’s silence and walked out.
 *   He hears a noise, calls the police and waits.
 *   The report lists the failures, details the costs and recommends reforms.
 *   The company closed two plants, launched a new model and hired staff.
 *   “We are ready”, she insists.
 *   “About 300 people,” he estimated.
 *   “It was a long night,” she recalled, “and nobody slept.”
 *   “We will win,” he launched into his speech.
 *   “The price is too high,” he explains, “and nobody can pay it.”
 *   And to think that he almost missed the train.
 *   “Not now,” explained Smith, who declined to say more.
 *   The minister, who chairs the committee, estimates the cost at two million.
 *   The word “crisis”, repeated the whole week, lost its meaning.
 *   He left the party, announced on Friday the launch of a movement and toured the country.
 *   The choir sang “God Save the King”, launched the fireworks.
 *   The minister resigned, said on Monday the people close to him.
 * @example not-ok
 *   Vladimir Putin “is a bit of a Lukashenko hostage”, analyzes a Franco-Belarusian journalist
 *   “The border will stay closed”, details the ministry in a statement.
 *   The roads are closed until further notice, details the prefecture.
 *   “Nobody was hurt”, specifies the mayor.
 *   “We will not give up”, insists the minister.
 *   “We can still win the title,” assures the coach.
 *   “The town is exhausted”, underlines the prefect.
 *   « We had no choice », justified the head of the government.
 *   “It is a strong signal”, welcomed the director of the festival.
 *   “She no longer goes out”, confided the latter at the exit of the room.
 *   “Prices will go up again”, estimates an economist at the central bank.
 *   “This is a scandal!” cries out Nadia, a nurse.
 *   “The team lacked rhythm,” regretted the captain.
 *   The crew then cut off the gas, continues the gendarmerie.
 *   “The risk remains high”, explains the curator, Anne Vidal.
 *   “We need time and money”, judge the unions.
 *   “Russia will not give up Belarus”, said Thursday on franceinfo Andrei Vaitovich, a journalist.
 *   “The case is closed”, commented after the verdict the lawyer for the accused.
 *   “We will find a solution together”, nevertheless assured his Polish counterpart.
 *   Prices rose by 4.9% over a year, announced on Friday the National Institute of Statistics.
 *   And to continue: “We are determined to go further.”
 *   And to promise, facing the journalists: “We will come back.”
 *   “Nothing is excluded, but the timing matters”, he specifies.
 *   “We will be there, and to win”, she details.
 */
import type {Root, Sentence} from 'nlcst'
import {defineRule, type BaseRuleOptions, type RuleContext} from '../rule.js'
import {oncePer} from '../util/once.js'
import {sentenceTokens, tokensText, type Token} from '../tokens.js'
import {isCapitalized} from '../util/text.js'

/** One verb of attribution, in the data file. */
export interface AttributionVerb {
  /** Third person singular present (`analyzes`); may be two words (`cries out`). */
  present: string
  /** Past tense (`analyzed`). */
  past: string
  /** The French verb it renders, named in the note. */
  french?: string | undefined
}

/** Options of the `quote-inversion` rule (defaults in `rules/fr-en/data/quote-inversion.yml`). */
export interface QuoteInversionOptions extends BaseRuleOptions {
  /** `default` keeps neutral and past-tense English speech verbs silent; `strict` reports every inversion. */
  inversionVerbs?: 'default' | 'strict' | undefined
  /** Neutral reporting verbs English inverts (`said`, `added`). */
  neutral?: AttributionVerb[] | undefined
  /** English speech verbs: inverted only in the past tense in English news. */
  english?: AttributionVerb[] | undefined
  /** Verbs English does not use in an inverted attribution at all. */
  calque?: AttributionVerb[] | undefined
  /** Calque verbs (present form) reported only after a quotation, never after a plain comma. */
  quoteOnly?: string[] | undefined
  /** Words allowed between the quotation and the verb (`nevertheless`). */
  adverbs?: string[] | undefined
  /** Words before an opening quote that make the quotation part of the clause. */
  embedders?: string[] | undefined
  /** Heads of a reporting subject, required after a plain comma. */
  speakers?: string[] | undefined
  /** Verbs of the sentence-initial `And to add:` construction. */
  andTo?: string[] | undefined
  /** Calque verbs (present form) reported after a quotation even with a pronoun first (“…”, he specifies). */
  pronounVerbs?: string[] | undefined
}

type Tier = 'neutral' | 'english' | 'calque'
type Tense = 'present' | 'plural' | 'past'

interface VerbForm {
  words: string[]
  tier: Tier
  tense: Tense
  verb: AttributionVerb
  quoteOnly: boolean
}

interface Compiled {
  strict: boolean
  forms: Map<string, VerbForm[]>
  adverbs: Set<string>
  embedders: Set<string>
  speakers: Set<string>
  andTo: Set<string>
  pronounVerbs: Map<string, AttributionVerb>
}

const closingQuotes = new Set(['”', '»', '"'])
const openingQuotes = new Set(['“', '«', '"', '„'])
const sentenceEnds = new Set(['.', '!', '?', '…', ';'])
const determiners = new Set([
  'the', 'a', 'an', 'his', 'her', 'its', 'their', 'our', 'this', 'that', 'these', 'those', 'one', 'two', 'three',
  'several', 'many', 'some', 'another', 'each'
])
// Words that end a subject noun phrase (the attribution goes on with a
// complement: "…, details the ministry in a statement").
const npStoppers = new Set([
  'in', 'on', 'at', 'during', 'after', 'before', 'while', 'from', 'for', 'with', 'who', 'whose', 'which', 'as',
  'when', 'since', 'via', 'outside', 'inside', 'near', 'under', 'behind', 'about', 'speaking', 'quoted', 'interviewed',
  'contacted', 'questioned', 'asked', 'still', 'again', 'then', 'later', 'himself', 'herself', 'itself', 'themselves',
  'close', 'of'
])
// Words after which the noun phrase is an object, not a subject
// ("welcomed the decision and left", "welcomed the move to …").
const objectSignals = new Set(['and', 'to', 'that', 'but', 'or', 'nor', 'than', 'would', 'will', 'was', 'were', 'is', 'are', 'had', 'has', 'have'])
// Prepositions and time words that may stand between a verb and a subject
// placed after a complement ("said on Thursday on franceinfo Andrei V.").
const complementStarts = new Set([
  'on', 'in', 'at', 'from', 'after', 'before', 'during', 'outside', 'via', 'yesterday', 'today', 'tonight',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'this', 'last', 'in front of'
])
const weekdays = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'yesterday', 'today'])
// Lowercase particles inside a name (`Charles de Gaulle`, `Ursula von der Leyen`).
const nameParticles = new Set(['de', 'du', 'des', 'la', 'le', 'van', 'von', 'der', 'den', 'da', 'di', 'del', 'al', 'el', 'bin', 'ben', "d'"])

/** The quote-inversion rule. */
export const quoteInversion = defineRule<QuoteInversionOptions>(
  {
    id: 'quote-inversion',
    description: 'Flag attributions in the French verb-subject order with verbs English does not invert, and “And to add:”.',
    category: 'calque',
    severity: 'warning'
  },
  function (tree, file, options, context) {
    const compiled = compile(options)
    // "And to add:" is also a fixed phrase a glossary entry may flag: its
    // message wins, so the span is reported once.
    const glossaryStarts = new Set<number>()
    for (const message of file.messages) {
      const place = message.place as {start?: {offset?: number}} | undefined
      if ((message as {rule?: string}).rule === 'glossary' && place?.start?.offset !== undefined) glossaryStarts.add(place.start.offset)
    }
    for (const paragraph of paragraphs(tree)) {
      // A paragraph of one sentence (a heading, a caption, a short
      // paragraph) reads the sentence's shared token list, not a copy.
      let tokens: Token[]
      if (paragraph.length === 1) {
        tokens = sentenceTokens(paragraph[0]!)
        checkParagraph(tokens, oneSentence, compiled, context, glossaryStarts)
        continue
      }
      tokens = []
      const sentenceStarts = new Set<number>()
      for (const sentence of paragraph) {
        sentenceStarts.add(tokens.length)
        for (const token of sentenceTokens(sentence)) tokens.push(token)
      }
      checkParagraph(tokens, sentenceStarts, compiled, context, glossaryStarts)
    }
  }
)

// The options are resolved once per attach: `defineRule` hands the same
// object to every run, so the compiled lists are cached on it.
const compile = oncePer(function (options: QuoteInversionOptions): Compiled {
  const quoteOnly = new Set((options.quoteOnly ?? []).map((d) => d.toLowerCase()))
  const forms = new Map<string, VerbForm[]>()
  const add = (verbs: AttributionVerb[] | undefined, tier: Tier) => {
    for (const verb of verbs ?? []) {
      const only = quoteOnly.has(verb.present.toLowerCase())
      const variants: Array<[string, Tense]> = [
        [verb.present, 'present'],
        [pluralOf(verb.present), 'plural'],
        [verb.past, 'past']
      ]
      for (const [text, tense] of variants) {
        // `outbid`, `let go`: the plural present is the past; read it as the past.
        if (tense === 'plural' && text === verb.past) continue
        const words = text.toLowerCase().split(/\s+/)
        const list = forms.get(words[0]!) ?? []
        list.push({words, tier, tense, verb, quoteOnly: only})
        forms.set(words[0]!, list)
      }
    }
  }
  add(options.neutral, 'neutral')
  add(options.english, 'english')
  add(options.calque, 'calque')
  // Longest form first, so `cries out` wins over a one-word verb.
  for (const list of forms.values()) list.sort((a, b) => b.words.length - a.words.length)
  const result: Compiled = {
    strict: options.inversionVerbs === 'strict',
    forms,
    adverbs: new Set((options.adverbs ?? []).map((d) => d.toLowerCase())),
    embedders: new Set((options.embedders ?? []).map((d) => d.toLowerCase())),
    speakers: new Set((options.speakers ?? []).map((d) => d.toLowerCase())),
    andTo: new Set((options.andTo ?? []).map((d) => d.toLowerCase())),
    pronounVerbs: new Map()
  }
  const wanted = new Set((options.pronounVerbs ?? []).map((d) => d.toLowerCase()))
  for (const verb of options.calque ?? []) {
    if (!wanted.has(verb.present.toLowerCase())) continue
    for (const text of [verb.present, pluralOf(verb.present), verb.past]) result.pronounVerbs.set(text.toLowerCase(), verb)
  }
  return result
})

/** The plural present of a third-person form (`judges` → `judge`, `is worried` → `are worried`). */
function pluralOf(present: string): string {
  const [first = '', ...rest] = present.split(' ')
  let plural: string
  if (first === 'is') plural = 'are'
  else if (/(?:ch|sh|ss|x)es$/.test(first)) plural = first.slice(0, -2)
  else if (first.endsWith('ies')) plural = first.slice(0, -3) + 'y'
  else if (first.endsWith('s')) plural = first.slice(0, -1)
  else plural = first
  return [plural, ...rest].join(' ')
}

/** The sentence starts of a paragraph of one sentence (read-only). */
const oneSentence: ReadonlySet<number> = new Set([0])

/** The sentences of each paragraph, in document order (a plain walk: nested generators cost more than the rule's checks). */
function paragraphs(tree: Root): Array<Array<Sentence>> {
  const result: Array<Array<Sentence>> = []
  const walk = (node: Root | Root['children'][number]) => {
    if (node.type === 'ParagraphNode') {
      result.push(node.children.filter((d): d is Sentence => d.type === 'SentenceNode'))
      return
    }
    if ('children' in node) for (const child of node.children) walk(child as Root['children'][number])
  }
  walk(tree)
  return result
}

function isWord(token: Token | undefined): token is Token {
  return token !== undefined && token.kind === 'word'
}

function isPunct(token: Token | undefined, values: Set<string> | string): boolean {
  if (!token || (token.kind !== 'punctuation' && token.kind !== 'symbol')) return false
  return typeof values === 'string' ? token.value === values : values.has(token.value)
}

/** A word's key without a sentence-final full stop the tokenizer left on it. */
function bare(token: Token): string {
  return token.key.replace(/[.]+$/, '')
}

function checkParagraph(
  tokens: Token[],
  sentenceStarts: ReadonlySet<number>,
  compiled: Compiled,
  context: RuleContext,
  glossaryStarts: Set<number>
): void {
  for (let index = 0; index < tokens.length; index++) {
    if (sentenceStarts.has(index) && !glossaryStarts.has(tokens[index]!.start.offset ?? -1)) checkAndTo(tokens, index, compiled, context)
    const token = tokens[index]!
    if (!isWord(token)) continue
    // What precedes: a closing quote (optionally then a comma), or a comma.
    let before = index - 1
    const comma = isPunct(tokens[before], ',')
    if (comma) before--
    const quote = isClosingQuote(tokens, before, sentenceStarts)
    if (!quote && !comma) continue
    if (quote && !quoteIsUtterance(tokens, before, sentenceStarts, compiled)) continue
    if (!quote && !clauseBeforeComma(tokens, index - 1, sentenceStarts)) continue

    // Adverbs between the quotation and the verb ("nevertheless assured").
    let verbAt = index
    while (isWord(tokens[verbAt]) && (compiled.adverbs.has(bare(tokens[verbAt]!)) || /^[a-z]+ly$/.test(tokens[verbAt]!.value)) && verbAt - index < 2) verbAt++
    if (quote && pronounAttribution(tokens, index, compiled, context)) continue
    const verb = matchVerb(tokens, verbAt, compiled)
    if (!verb) continue
    const afterVerb = verbAt + verb.words.length
    const finding = attribution(tokens, index, verbAt, afterVerb, verb, quote, compiled)
    if (!finding) continue
    report(finding, tokens, context)
    index = finding.end
  }
}

function isClosingQuote(tokens: Token[], at: number, sentenceStarts: ReadonlySet<number>): boolean {
  const token = tokens[at]
  if (!token || token.kind !== 'punctuation' || !closingQuotes.has(token.value)) return false
  if (token.value !== '"') return true
  // A straight quote closes when it is glued to what precedes it.
  // (Tokens carry no space across sentences: a sentence start opens.)
  return !token.spaceBefore && at > 0 && !sentenceStarts.has(at)
}

// Punctuation after which a straight quote opens, and after which a quotation starts a clause.
const straightQuoteOpeners = new Set([':', '(', '—', '–'])
const clauseOpeners = new Set([':', '.', '!', '?', '—', '–', '-'])

/**
 * Whether the quotation that ends at `close` is a reported utterance (not a
 * quoted word inside the clause, after which a verb is coordinated).
 */
function quoteIsUtterance(tokens: Token[], close: number, sentenceStarts: ReadonlySet<number>, compiled: Compiled): boolean {
  let open = -1
  // Bounded look-back: a quotation longer than this began earlier (accepted).
  for (let at = close - 1; at >= Math.max(0, close - 300); at--) {
    const token = tokens[at]!
    if (token.kind === 'punctuation' && openingQuotes.has(token.value) && (token.value !== '"' || token.spaceBefore || at === 0 || sentenceStarts.has(at) || !tokens[at - 1] || isPunct(tokens[at - 1], straightQuoteOpeners))) {
      open = at
      break
    }
  }
  // No opening quote in the paragraph: the quotation began earlier; accept.
  if (open < 0) return true
  let words = 0
  for (let at = open + 1; at < close; at++) if (tokens[at]!.kind === 'word') words++
  const previous = tokens[open - 1]
  const startsClause = open === 0 || sentenceStarts.has(open) || isPunct(previous, clauseOpeners)
  if (startsClause) return words >= 1
  if (previous && previous.kind === 'word' && !isCapitalized(previous.value) && compiled.embedders.has(bare(previous))) return false
  // After an ordinary word the quotation is more often an object ("sang “God
  // Save the King”, launched the fireworks"): only a whole utterance counts.
  if (previous && previous.kind === 'word' && !isCapitalized(previous.value)) return words >= 6
  return words >= 3
}

/** Whether a comma closes a clause long enough to be reported speech. */
function clauseBeforeComma(tokens: Token[], comma: number, sentenceStarts: ReadonlySet<number>): boolean {
  // Stops at the third word: a bounded look-back keeps long sentences linear.
  let words = 0
  for (let at = comma - 1; at >= 0 && words < 3; at--) {
    const token = tokens[at]!
    if (token.kind === 'word') words++
    if (sentenceStarts.has(at)) break
  }
  return words >= 3
}

function matchVerb(tokens: Token[], at: number, compiled: Compiled): VerbForm | undefined {
  const first = tokens[at]
  if (!isWord(first) || isCapitalized(first.value) || first.possessive) return undefined
  for (const form of compiled.forms.get(bare(first)) ?? []) {
    let ok = true
    for (let offset = 1; offset < form.words.length; offset++) {
      const token = tokens[at + offset]
      if (!isWord(token) || bare(token) !== form.words[offset]) {
        ok = false
        break
      }
    }
    if (ok) return form
  }
  return undefined
}

interface Finding {
  /** Index of the first reported token. */
  start: number
  /** Index of the last reported token. */
  end: number
  verb: VerbForm
  verbStart: number
  verbEnd: number
  subject?: [number, number] | undefined
  complement?: [number, number] | undefined
  kind: 'inversion' | 'separated'
}

/** The subject noun phrase starting at `at`, as [first, last] token indexes. */
function subjectAt(tokens: Token[], at: number): [number, number] | undefined {
  const first = tokens[at]
  if (!isWord(first)) return undefined
  let end: number
  if (determiners.has(bare(first)) && !isCapitalized(first.value)) {
    end = at
    let words = 0
    for (let next = at + 1; isWord(tokens[next]) && words < 5; next++) {
      const key = bare(tokens[next]!)
      // "and" inside a name: Statistics and Economic Studies.
      if (key === 'and' && isCapitalized(tokens[next - 1]!.value) && isWord(tokens[next + 1]) && isCapitalized(tokens[next + 1]!.value)) continue
      if (key !== 'of' && (npStoppers.has(key) || objectSignals.has(key) || determiners.has(key))) break
      if (key === 'of') {
        // "the director of the festival": one `of` phrase belongs to the subject.
        const after = tokens[next + 1]
        if (!isWord(after)) break
        next++
        if (determiners.has(bare(after)) || isCapitalized(after.value)) {
          end = next
          continue
        }
        break
      }
      end = next
      words++
      if (tokens[next]!.possessive) break
    }
    if (end === at) return undefined
  } else if (isCapitalized(first.value) || first.value === 'Me') {
    end = at
    for (let next = at + 1; isWord(tokens[next]); next++) {
      const token = tokens[next]!
      if (isCapitalized(token.value)) end = next
      else if (nameParticles.has(token.key) && isWord(tokens[next + 1]) && isCapitalized(tokens[next + 1]!.value)) continue
      else break
    }
  } else {
    return undefined
  }
  return [at, end]
}

/** What follows the subject must end it: an end of clause or a complement. */
function subjectEnds(tokens: Token[], after: number): boolean {
  const next = tokens[after]
  if (!next) return true
  if (next.kind === 'punctuation' || next.kind === 'symbol') return !isPunct(next, '-') || next.spaceBefore
  if (next.kind !== 'word') return true
  const key = bare(next)
  if (objectSignals.has(key)) return false
  return npStoppers.has(key) || /^\d/.test(key)
}

function attribution(
  tokens: Token[],
  start: number,
  verbAt: number,
  afterVerb: number,
  verb: VerbForm,
  quote: boolean,
  compiled: Compiled
): Finding | undefined {
  if (!quote && verb.quoteOnly) return undefined
  const base = {start: verbAt === start ? verbAt : start, verb, verbStart: verbAt, verbEnd: afterVerb - 1}

  // Verb, complement, then subject: French order whatever the verb
  // ("said on Thursday on franceinfo Andrei Vaitovich").
  const next = tokens[afterVerb]
  // After a plain comma, only a time complement ("…, announced on Friday the
  // National Institute …"): other complements are too often an object.
  const timed = isWord(next) && (weekdays.has(bare(next)) || (bare(next) === 'on' && isWord(tokens[afterVerb + 1]) && weekdays.has(bare(tokens[afterVerb + 1]!))))
  if ((quote || timed) && isWord(next) && (complementStarts.has(bare(next)) || (next.value === 'in' && bare(tokens[afterVerb + 1] ?? next) === 'front'))) {
    for (let at = afterVerb + 1; at < Math.min(tokens.length, afterVerb + 12); at++) {
      const token = tokens[at]!
      if (isPunct(token, sentenceEnds)) break
      if (!isWord(token)) continue
      const previous = tokens[at - 1]!
      // The subject: a name or "the …" right after the complement's object.
      const startsSubject =
        (isCapitalized(token.value) && isWord(previous) && !isCapitalized(previous.value) && !complementStarts.has(bare(previous)) && !['of', 'de', 'at', 'in', 'on', 'from', 'to'].includes(bare(previous))) ||
        (determiners.has(bare(token)) && isWord(previous) && !['of', 'at', 'in', 'on', 'from', 'to', 'after', 'before', 'during', 'outside'].includes(bare(previous)) && !determiners.has(bare(previous)))
      if (!startsSubject) continue
      const subject = subjectAt(tokens, at)
      if (!subject || !subjectEnds(tokens, subject[1] + 1)) continue
      if (!quote) {
        // A named subject (a name, or "the" + a capitalised name), then the clause ends.
        const lead = tokens[subject[0]]!
        const named = isCapitalized(lead.value) || (bare(lead) === 'the' && isWord(tokens[subject[0] + 1]) && isCapitalized(tokens[subject[0] + 1]!.value))
        const after = tokens[subject[1] + 1]
        if (!named || (after && !isPunct(after, sentenceEnds) && !isPunct(after, new Set([',', '('])))) return undefined
      }
      return {...base, end: subject[1], subject, complement: [afterVerb, at - 1], kind: 'separated'}
    }
    return undefined
  }

  const subject = subjectAt(tokens, afterVerb)
  if (!subject || !subjectEnds(tokens, subject[1] + 1)) return undefined
  // The head noun: before an `of` phrase ("the prefect of the Pas-de-Calais").
  const head = tokens[headIndex(tokens, subject)]!
  if (verb.tense === 'plural' && !/s$/.test(bare(head))) return undefined
  if (verb.tense === 'present' && determiners.has(bare(tokens[subject[0]]!)) && !isCapitalized(head.value) && /(?:[^s]s)$/.test(bare(head)) && !head.possessive) {
    // "judges the unions": a plural subject wants the plural verb; this is
    // more likely an object ("details the costs").
    if (!compiled.speakers.has(bare(head))) return undefined
  }
  if (!quote) {
    // After a plain comma: only the French present of narration with a
    // reporting subject ("…, details the ministry."), then the clause ends.
    if (verb.tense === 'past' || verb.tier === 'neutral') return undefined
    const firstKey = bare(tokens[subject[0]]!)
    const named = isCapitalized(tokens[subject[0]]!.value)
    if (!named && !(determiners.has(firstKey) && compiled.speakers.has(bare(tokens[headIndex(tokens, subject)]!)))) return undefined
    const after = tokens[subject[1] + 1]
    if (after && !isPunct(after, sentenceEnds) && !isPunct(after, ',') && !(isWord(after) && ['in', 'on', 'at', 'during'].includes(bare(after)))) return undefined
  }
  if (!compiled.strict) {
    if (verb.tier === 'neutral') return undefined
    if (verb.tier === 'english' && verb.tense === 'past') return undefined
  }
  return {...base, end: subject[1], subject, kind: 'inversion'}
}

/** Index of the head noun of a subject: the last word before an `of` phrase. */
function headIndex(tokens: Token[], subject: [number, number]): number {
  for (let at = subject[0] + 1; at <= subject[1]; at++) if (bare(tokens[at]!) === 'of') return at - 1
  return subject[1]
}

const pronouns = new Set(['he', 'she', 'they', 'we', 'i'])

/**
 * After a quotation, a pronoun and a verb English does not use to attribute
 * words, with nothing after it ("…”, he specifies."): the French verb of the
 * incise (précise-t-il) rendered word for word.
 */
function pronounAttribution(tokens: Token[], at: number, compiled: Compiled, context: RuleContext): boolean {
  const pronoun = tokens[at]
  const verb = tokens[at + 1]
  if (!isWord(pronoun) || !pronouns.has(pronoun.key) || !isWord(verb)) return false
  const form = compiled.pronounVerbs.get(bare(verb))
  if (!form || verb.value !== verb.value.toLowerCase()) return false
  const after = tokens[at + 2]
  if (after && !isPunct(after, sentenceEnds) && !isPunct(after, ',')) return false
  const past = bare(verb) === form.past.toLowerCase()
  const actual = pronoun.value + ' ' + verb.value
  const said = past ? 'said' : pronoun.key === 'he' || pronoun.key === 'she' ? 'says' : 'say'
  context.report({
    place: {start: pronoun.start, end: verb.end},
    reason: 'Unexpected attribution `' + actual + '`, expected `' + pronoun.value + ' ' + said + '`',
    actual,
    expected: [pronoun.value + ' ' + said],
    note:
      'French attributes a quotation with verbs such as ' +
      (form.french ?? 'préciser') +
      ' (« … », précise-t-il); English attributes with “said” or a verb of speech, not `' +
      verb.value +
      '`.'
  })
  return true
}

function checkAndTo(tokens: Token[], at: number, compiled: Compiled, context: RuleContext): void {
  const and = tokens[at]
  const to = tokens[at + 1]
  const verb = tokens[at + 2]
  if (!isWord(and) || and.value !== 'And' || !isWord(to) || to.key !== 'to' || !isWord(verb) || !compiled.andTo.has(bare(verb))) return
  for (let end = at + 3; end < Math.min(tokens.length, at + 12); end++) {
    const token = tokens[end]!
    if (isPunct(token, sentenceEnds)) return
    if (isPunct(token, ':')) {
      const then = tokens[end + 1]
      // The colon must introduce what is said: a quotation or nothing more.
      if (then && !(then.kind === 'punctuation' && openingQuotes.has(then.value))) return
      context.report({
        place: {start: and.start, end: token.end},
        reason: 'Unexpected `And to ' + verb.value + ':`, a French construction',
        actual: tokensText(tokens, at, end),
        expected: [],
        note:
          'French introduces a quotation with “Et de + infinitive” (Et d’ajouter : « … »); English writes a finite verb with its subject: “He added: …”.'
      })
      return
    }
  }
}

function report(finding: Finding, tokens: Token[], context: RuleContext): void {
  const {verb} = finding
  const actual = tokensText(tokens, finding.start, finding.end)
  const verbText = tokensText(tokens, finding.verbStart, finding.verbEnd)
  const french = verb.verb.french ? ' (' + verb.verb.french + ')' : ''
  const expected: string[] = []
  let ordered = ''
  if (finding.subject) {
    const subject = tokensText(tokens, finding.subject[0], finding.subject[1])
    const lead = finding.verbStart > finding.start ? tokensText(tokens, finding.start, finding.verbStart - 1) + ' ' : ''
    const complement = finding.complement ? ' ' + tokensText(tokens, finding.complement[0], finding.complement[1]) : ''
    ordered = subject + ' ' + lead + verbText + complement
    expected.push(ordered)
    if (verb.tier !== 'neutral') {
      const neutral = verb.tense === 'past' ? 'said' : verb.tense === 'plural' ? 'say' : 'says'
      expected.push(subject + ' ' + lead + neutral + complement)
    }
  }
  if (finding.kind === 'separated') {
    // Only the verb is reported: the complement and the name after it are
    // correct words, and moving the speaker across them is an editor's call.
    context.report({
      place: {start: tokens[finding.start]!.start, end: tokens[finding.verbEnd]!.end},
      reason: 'Unexpected `' + tokensText(tokens, finding.start, finding.verbEnd) + '` before its complement and subject',
      actual: tokensText(tokens, finding.start, finding.verbEnd),
      expected: [],
      note:
        'French places the verb of an attribution, then when and where, then the speaker (« … », a déclaré jeudi sur franceinfo X); English names the speaker first: “' +
        ordered +
        '”.'
    })
    return
  }
  const reason = 'Unexpected inverted attribution `' + actual + '`' + (ordered ? ', expected `' + ordered + '`' : '')
  const note =
    'French attributions put the verb before the subject after a quotation (« … », analyse un journaliste); English does not invert `' +
    verbText +
    '`' +
    french +
    ': put the subject first, or use “said”.'
  context.report({place: {start: tokens[finding.start]!.start, end: tokens[finding.end]!.end}, reason, actual, expected, note})
}
