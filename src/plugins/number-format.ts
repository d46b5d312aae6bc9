/**
 * @module number-format
 * Flag French number, date and unit notation left in English text: decimal
 * commas (`3,5 million`), space-separated thousands (`10 000`), French
 * ordinals (`1er`, `20e`, `XXe siècle`), `n°`, the titles `M.`/`Mme`/`Mlle`
 * before a name, times written `20h30`, a currency symbol after the amount
 * (`10 €`) and a space before `%`.
 *
 * A number that could be either (`1,788`: a decimal or a thousand?) is
 * reported only when the article itself settles it — it writes other
 * decimals with a comma or thousands with a space, never the English way —
 * and the value reads as a decimal (`1,788 million`, `3,250%`); otherwise
 * the rule stays silent. English numbers (`10,000`, `3.5`, `1,500,000`),
 * years, seasons (`2020-21`), scores (`2-1`) and `km/h` are never reported.
 *
 * @example ok
 *   The company hired 10,000 people and grew by 3.5 percent.
 *   Sales reached 1,500,000 units in the 2020-21 season.
 *   Lyon won 2-1 after a 1,788-mile trip.
 *   Prices rose 15% and the ticket costs €10.
 *   The 20th century ended in 2000, the 1st of the month was a Monday.
 *   The storm brought winds of 150 km/h at 8 p.m.
 *   Director M. Night Shyamalan met Richard M. Nixon's biographer.
 *   Mr Dupont and Ms Martin arrived at 20:30.
 *   In 2019 200 people were evacuated.
 *   The 24h race at Le Mans starts on Saturday.
 *   He scored in the 53rd minute and again in the 2nd half.
 *   The 3,500 protesters marched on Sunday.
 *   The vote was 1,788 to 1,201.
 *   Call 01 23 45 67 89 for tickets.
 *   The file lists items 1,2 and 3,4 as urgent, it costs $3,250.
 *   Temperatures could exceed 42 °C in the afternoon, or 20º C at night.
 *   He earns 3,500 per month and 1.500 is a valid decimal with 1.5 people per home.
 *   Petrol now costs 1.985 euros a litre and diesel 1.830 euros.
 *   On March 15 200 people marched, as Figure 3e shows.
 *   Millions of people, 2 million voters and billions of dollars.
 *   The 4H club met; the centre is 5'11" tall and won in 2nd place.
 * @example not-ok
 *   The deficit reached 3,5 million euros.
 *   Unemployment fell to 7,4 % last year.
 *   Inflation stood at 1,5% in March.
 *   In front of 28 500 spectators, Rennes won.
 *   The state will spend 1 500 000 euros on the project.
 *   The ticket costs 10 € at the door.
 *   Rents rose by 15 % in two years.
 *   The bill came to 16€ per person.
 *   He opened the scoring in the 53e minute.
 *   It was the 1er time the club had won there.
 *   The painting dates from the XIXe siècle.
 *   The meeting starts at 20h30 on Tuesday.
 *   Traffic will resume from 8h on Monday.
 *   The shop is open from 9 h 30 on weekdays.
 *   The law n°27 was adopted on Monday.
 *   According to M. Dupont, the vote is lost.
 *   Mme Martin has resigned from the board.
 *   The index rose by 2,5 percent, while debt reached 1,788 million euros.
 *   The project will cost 3 M€ and the stadium 1,2 Md€.
 *   Around 1.500 people marched in Madrid on Sunday.
 *   Real Madrid finished 2º in the league.
 *   The town received 2 millions from the state.
 *   The doors open at 20H30 on Friday.
 *   He will travel to Paris on the 15 th of May.
 *   He finished 1'40" behind the winner.
 *   She won in 4 h 32'15", 1'06" ahead.
 */
import {defineRule, type BaseRuleOptions, type RuleContext} from '../rule.js'
import {oncePer} from '../util/once.js'
import {cachedRegExp, frenchSpace, placeMapper, proseTexts, reportCharacterFindings, type CharacterFinding, type PlaceMapper, type ProseText} from '../util/source-text.js'

/** Options of the `number-format` rule (defaults in `rules/fr-en/data/number-format.yml`). */
export interface NumberFormatOptions extends BaseRuleOptions {
  /** How `20h30` is rewritten: `24h` → `20:30` (default), `12h` → `8:30 p.m.`. */
  timeFormat?: '12h' | '24h' | undefined
  /** French ordinal suffixes (`er`, `e`, `ème` …). */
  ordinalSuffixes?: string[] | undefined
  /** Nouns after a Roman ordinal, with their English form (`siècle` → `century`). */
  romanNouns?: Record<string, string> | undefined
  /** French titles and their English forms (`M.` → `Mr`). */
  titles?: Record<string, string[]> | undefined
  /** Names after a genuine English initial `M.` (`Night`). */
  titleExceptions?: string[] | undefined
  /** Words before a spaced `8 h` that make it a time. */
  timeWords?: string[] | undefined
  /** Words before `2h30` that make it a duration. */
  durationWords?: string[] | undefined
  /** Currency symbols written before the amount in English. */
  currencies?: string[] | undefined
  /** Words after an ambiguous `1,788` that make it read as a decimal. */
  decimalContexts?: string[] | undefined
  /** Nouns that count whole things: `1.500 people` is a thousand and a half, never one and a half. */
  countNouns?: string[] | undefined
  /** French multiplier symbols after an amount (`3 M€`) and the English word (`million`). */
  multipliers?: Record<string, string> | undefined
  /** Month names: `March 15 200 people` is a date and a count, not 15,200. */
  months?: string[] | undefined
  /** Words before `3e` that make it a label (`Figure 3e`), not an ordinal. */
  labels?: string[] | undefined
}

const sp = frenchSpace

// Patterns and pre-tests of the checks, compiled once. Most patterns open
// with a look-behind, which makes the engine try them at every character;
// each pre-test is what a match cannot do without (the characters it
// consumes, in order) and fails on most paragraphs.
const hasDigit = /\d/
const spaceChar = /[ \u00A0\u202F\u2009]/
const splitOrdinal = cachedRegExp('(?<![\\p{L}\\p{N}.,])(\\d{1,3})(' + sp + '+)(st|nd|rd|th)(?![\\p{L}\\p{N}])', 'gu')
const maySplitOrdinal = /\d[ \u00A0\u202F\u2009]+(?:st|nd|rd|th)(?![\p{L}\p{N}])/u
const pluralMultiplier = cachedRegExp('(?<=\\d' + sp + ')(millions|billions|trillions)(?!\\p{L})', 'gu')
const raceTime = cachedRegExp('(?<![\\p{L}\\p{N}\'’])(?:(\\d{1,2})' + sp + '?h' + sp + '?)?(\\d{1,3})[\'’′]([0-5]\\d)(?:"|”|\'\'|’’|″)(?!\\p{N})', 'gu')
const mayRaceTime = /\d['’′][0-5]\d/
const clockTime = cachedRegExp('(?<![\\p{L}\\p{N}_:.,/])([01]?\\d|2[0-3])(' + sp + '?)([hH])(?:(' + sp + '?)([0-5]\\d))?(?![\\p{L}\\p{N}])', 'gu')
const mayTime = /\d[ \u00A0\u202F\u2009]?[hH]/
const numero = cachedRegExp('(?<![\\p{L}\\p{N}])([nN])°(' + sp + '?)(?=\\d)', 'gu')
const mayArabicOrdinal = /\d\p{L}/u
const nounNext = cachedRegExp('^(' + sp + ')(\\p{L}+)', 'u')

type Finding = CharacterFinding

/** What the article's own numbers say about its decimal separator. */
interface Evidence {
  /** An unambiguous French decimal or thousands (`2,5`, `10 000`), or undefined. */
  french: string | undefined
  /** An unambiguous English decimal or thousands (`2.5`, `1,500,000`), or undefined. */
  english: string | undefined
}

/** The `number-format` rule. */
export const numberFormat = defineRule<NumberFormatOptions>(
  {
    id: 'number-format',
    description: 'Flag French number, ordinal, time, currency and title notation in English text.',
    category: 'locale-convention',
    severity: 'warning',
    safe: true
  },
  function (tree, file, options, context) {
    const settings = resolve(options)
    const mapper = placeMapper(file)
    const texts = proseTexts(tree, mapper.doc)
    const evidence = gatherEvidence(texts)
    // Words the article writes in lowercase: `M. Delete …` is a list item, not a title.
    // Gathered on the first title only: most articles have none.
    let lowercase: Set<string> | undefined
    const lowercaseWords = () => {
      if (!lowercase) {
        lowercase = new Set<string>()
        for (const {text} of texts) for (const word of text.matchAll(/(?<!\p{L})\p{Ll}+(?!\p{L})/gu)) lowercase.add(word[0])
      }
      return lowercase
    }

    for (const prose of texts) {
      const text = prose.text
      // Every check but the Roman ordinals and the titles needs a digit.
      const digits = hasDigit.test(text)
      const found: Finding[] = []
      // Characters already reported: the first (most specific) check wins a range.
      const claimed = new Uint8Array(text.length)
      const add = (finding: Finding | undefined) => {
        if (!finding) return
        for (let index = finding.from; index < finding.to; index++) if (claimed[index]) return
        claimed.fill(1, finding.from, finding.to)
        found.push(finding)
      }

      if (digits) for (const finding of multiplied(text, settings)) add(finding)
      // `the 15 th`: an English ordinal suffix split from its number.
      if (digits && maySplitOrdinal.test(text)) for (const match of text.matchAll(splitOrdinal)) {
        const ordinal = englishOrdinal(Number(match[1]))
        if (!ordinal.endsWith(match[3]!)) continue
        add({
          from: match.index,
          to: match.index + match[0].length,
          reason: 'Unexpected `' + match[0] + '`, expected `' + ordinal + '`',
          expected: [ordinal],
          note: 'An ordinal suffix goes straight after its number (`15th`); the space comes from the French superscript (`15e`).',
          safe: true
        })
      }
      // `2 millions`: French pluralises *millions* and *milliards* after a number; English does not.
      if (digits && text.includes('illions')) for (const match of text.matchAll(pluralMultiplier)) {
        const singular = match[0].slice(0, -1)
        add({
          from: match.index,
          to: match.index + match[0].length,
          reason: 'Unexpected `' + match[0] + '` after a number, expected `' + singular + '`',
          expected: [singular],
          note: 'French writes *2 millions*, *3 milliards* in the plural; after a number English keeps `million`, `billion` singular.',
          safe: true
        })
      }
      if (digits) for (const match of text.matchAll(/(?<![\p{L}\p{N}_.,'’])\d+(?:(?:[.,]|[ \u00A0\u202F\u2009](?=\d))\d+)*/gu)) {
        // `On March 15 200 people marched`: a date, then a count. Only a
        // run with a space splits, so only then is the word before read.
        let afterMonth = false
        if (settings.months.size > 0 && spaceChar.test(match[0])) {
          const word = /(\p{L}+)\.?[ \u00A0\u202F\u2009]+$/u.exec(text.slice(Math.max(0, match.index - 20), match.index))?.[1]?.toLowerCase()
          afterMonth = word !== undefined && settings.months.has(word)
        }
        for (const run of splitRuns(match[0], match.index, afterMonth)) add(checkNumber(text, run, settings, evidence))
      }
      for (const finding of ordinals(text, settings, digits)) add(finding)
      // `1'40"`, `4h32'15"`: French race times. Seconds of 12 or more, or
      // written with a leading zero, cannot be inches (`5'11"` is a height).
      if (digits && mayRaceTime.test(text)) for (const match of text.matchAll(raceTime)) {
        const [, hours, minutes, seconds] = match as unknown as [string, string | undefined, string, string]
        if (hours === undefined && Number(seconds) < 12 && !seconds.startsWith('0')) continue
        const expected = hours === undefined ? minutes + ':' + seconds : hours + ':' + minutes.padStart(2, '0') + ':' + seconds
        add({
          from: match.index,
          to: match.index + match[0].length,
          reason: 'Unexpected `' + match[0] + '`, expected `' + expected + '`',
          expected: [expected],
          note: 'French sports reports write times as `1\'40"` (minutes and seconds); English writes `1:40` or `1min 40sec`.',
          safe: false
        })
      }
      if (digits && mayTime.test(text)) for (const finding of times(text, settings)) add(finding)
      if (settings.mayTitle.test(text)) for (const finding of titles(text, settings, lowercaseWords())) add(finding)
      if (digits && text.includes('°')) for (const match of text.matchAll(numero)) {
        add({
          from: match.index,
          to: match.index + match[0].length,
          reason: 'Unexpected `' + match[1] + '°`, expected `No.`',
          expected: ['No. '],
          note: 'French abbreviates *numéro* as `n°`; English writes `No.`.',
          safe: true
        })
      }
      reportCharacterFindings(found, prose, mapper, context)
    }
  }
)

interface Resolved {
  timeFormat: '12h' | '24h'
  ordinalSuffixes: Set<string>
  romanNouns: Map<string, string>
  titles: Map<string, string[]>
  titleExceptions: Set<string>
  timeWords: Set<string>
  durationWords: Set<string>
  currencies: Set<string>
  decimalContexts: Set<string>
  countNouns: Set<string>
  multipliers: Map<string, string>
  months: Set<string>
  labels: Set<string>
  /** `%` or a currency symbol right after a number, with the space before it. */
  unit: RegExp
  /** `3 M€`: the multiplier symbols after an amount (undefined without symbols). */
  multiplied: RegExp | undefined
  /** What a multiplier match cannot do without: a digit, maybe a space, a symbol. */
  mayMultiply: RegExp | undefined
  /** `M. Dupont`: the titles before a name. */
  titled: RegExp
  /** What a title match cannot do without. */
  mayTitle: RegExp
}

// The same options object comes with every document a processor lints:
// resolve it once.
const resolve = oncePer(function (options: NumberFormatOptions): Resolved {
  const lower = (values: string[] | undefined, fallback: string[]) => new Set((values ?? fallback).map((d) => d.toLowerCase()))
  const multipliers = new Map(Object.entries(options.multipliers ?? {'k€': 'thousand', 'M€': 'million', 'Md€': 'billion'}))
  const symbols = [...multipliers.keys()].sort((a, b) => b.length - a.length)
  const symbolsSource = symbols.map((d) => d.replace(/[$]/g, '\\$')).join('|')
  const titles = new Map(Object.entries(options.titles ?? {'M.': ['Mr'], Mme: ['Ms'], Mlle: ['Ms']}))
  const names = [...titles.keys()].sort((a, b) => b.length - a.length)
  const namesSource = names.map((d) => d.replace(/\./g, '\\.')).join('|')
  return {
    timeFormat: options.timeFormat === '12h' ? '12h' : '24h',
    ordinalSuffixes: lower(options.ordinalSuffixes, ['er', 're', 'ère', 'e', 'ème', 'eme', 'è']),
    romanNouns: new Map(Object.entries(options.romanNouns ?? {siècle: 'century', siecle: 'century', century: 'century'})),
    titles,
    titleExceptions: new Set(options.titleExceptions ?? ['Night']),
    timeWords: lower(options.timeWords, ['at', 'from', 'to', 'until', 'since', 'before', 'after', 'around', 'by', 'between', 'and']),
    durationWords: lower(options.durationWords, ['for', 'during', 'lasting', 'over', 'in', 'of', 'within']),
    currencies: new Set(options.currencies ?? ['€', '£', '$']),
    decimalContexts: lower(options.decimalContexts, ['million', 'billion', 'trillion', '%', 'percent', 'per cent']),
    countNouns: lower(options.countNouns, ['people', 'inhabitants', 'spectators']),
    multipliers,
    months: lower(options.months, []),
    labels: lower(options.labels, ['figure', 'fig', 'table']),
    unit: cachedRegExp('^(' + sp + '?)(%|' + (options.currencies ?? ['€', '£', '$']).map((d) => d.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')).join('|') + ')', ''),
    multiplied:
      symbols.length === 0
        ? undefined
        : cachedRegExp('(?<![\\p{L}\\p{N}_.,])(\\d+(?:,\\d+)?)(' + sp + '?)(' + symbolsSource + ')(?![\\p{L}\\p{N}])', 'gu'),
    mayMultiply: symbols.length === 0 ? undefined : cachedRegExp('\\d' + sp + '?(?:' + symbolsSource + ')', 'u'),
    titled: cachedRegExp('(?<![\\p{L}\\p{N}.])(' + namesSource + ')(?=' + sp + '+(\\p{Lu}\\p{Ll}+))', 'gu'),
    mayTitle: cachedRegExp('(?:' + namesSource + ')' + sp + '+\\p{Lu}\\p{Ll}', 'u')
  }
})

interface Run {
  value: string
  from: number
}

/**
 * Split a digit run on spaces unless the spaces group thousands (`12 000`,
 * `1 500 000`): `2019 200` is a year then a count.
 */
function splitRuns(value: string, from: number, afterMonth: boolean): Run[] {
  if (!/[ \u00A0\u202F\u2009]/.test(value)) return [{value, from}]
  const groups = value.split(/[ \u00A0\u202F\u2009]/)
  const head = groups[0]!
  const middle = groups.slice(1, -1)
  const last = groups.at(-1)!
  const thousands =
    /^\d{1,3}$/.test(head) && middle.every((d) => /^\d{3}$/.test(d)) && /^\d{3}(?:,\d+)?$/.test(last)
  if (thousands && !afterMonth) return [{value, from}]
  const runs: Run[] = []
  let offset = from
  for (const group of groups) {
    runs.push({value: group, from: offset})
    offset += group.length + 1
  }
  return runs
}

function checkNumber(text: string, run: Run, settings: Resolved, evidence: Evidence): Finding | undefined {
  const value = run.value
  const end = run.from + value.length
  const after = text.slice(end)
  const spaced = /[ \u00A0\u202F\u2009]/.test(value)
  let english: string | undefined
  let why = ''
  // Read as a decimal from the article's other numbers: for a person to confirm, never `--fix`.
  let ambiguous = false

  if (spaced) {
    const [integer, decimal] = value.split(',')
    english = integer!.replace(/[ \u00A0\u202F\u2009]/g, ',') + (decimal ? '.' + decimal : '')
    why = 'French separates thousands with a (narrow no-break) space; English uses a comma.'
    if (decimal) why += ' The comma before `' + decimal + '` is a French decimal comma.'
  } else if (/^\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?$/.test(value) || /^\d{1,3}(?:\.\d{3})+,\d+$/.test(value)) {
    const [integer, decimal] = value.split(',')
    english = integer!.replace(/\./g, ',') + (decimal ? '.' + decimal : '')
    why = 'Full stops separate thousands in the source language; English uses commas (and a decimal point).'
  } else if (/^\d{1,3}\.\d{3}$/.test(value)) {
    // `1.500 people`: one and a half people is not a count; the full stop groups thousands.
    const noun = /^[ \u00A0\u202F\u2009]+(\p{L}+)/u.exec(after)?.[1]?.toLowerCase()
    if (!noun || !settings.countNouns.has(noun)) return undefined
    english = value.replace('.', ',')
    why = 'The source language groups thousands with a full stop; `' + value + ' ' + noun + '` counts ' + noun + ', so it is ' + english + ' in English.'
  } else if (/^\d+,\d+$/.test(value)) {
    const [integer, decimal] = value.split(',') as [string, string]
    // `1,2 and 3,4`: a list of small numbers, not decimals.
    if (/^\s*(?:and|or|&)\s+\d+,\d+/.test(after) || /\d+,\d+\s+(?:and|or|&)\s*$/.test(text.slice(Math.max(0, run.from - 40), run.from))) return undefined
    if (decimal.length !== 3 || integer.length > 3 || /^0+$/.test(integer)) {
      english = integer + '.' + decimal
      why = 'French writes decimals with a comma; English uses a decimal point.'
    } else {
      // `1,788`: English thousands or a French decimal. Let the article decide.
      const next = /^[ \u00A0\u202F\u2009]?(%|\p{L}+(?: \p{L}+)?)/u.exec(after)?.[1]?.toLowerCase()
      const context = next && [...settings.decimalContexts].find((d) => next === d || next.startsWith(d + ' '))
      if (!context) return undefined
      if (!evidence.french || evidence.english) return undefined
      english = integer + '.' + decimal
      ambiguous = true
      why =
        'French writes decimals with a comma. `' + value + '` could be a thousand, but this article writes `' +
        evidence.french + '` the French way and no number the English way, and `' + value + ' ' + context + '` reads as a decimal.'
    }
  }

  // A space before `%`, a currency symbol after the amount.
  const unit = settings.unit.exec(after)
  let to = end
  let expected = english ?? value
  if (unit) {
    const [whole, gap, symbol] = unit as unknown as [string, string, string]
    if (symbol === '%') {
      if (gap !== '' || english) {
        to = end + whole.length
        expected = expected + '%'
        if (gap !== '') why += (why ? ' ' : '') + 'French puts a space before `%`; English writes it tight (`15%`).'
      }
    } else {
      to = end + whole.length
      expected = symbol + expected
      why += (why ? ' ' : '') + 'French writes the currency symbol after the amount (`10 €`); English puts it first (`€10`).'
    }
  }

  if (!why) return undefined
  const actual = text.slice(run.from, to)
  return {
    from: run.from,
    to,
    reason: 'Unexpected `' + actual + '`, expected `' + expected + '`',
    expected: [expected],
    note: why,
    safe: !ambiguous
  }
}

/** `3 M€`, `2,5 Md€`, `500 k€`: French multiplier symbols after the amount. */
function* multiplied(text: string, settings: Resolved): Generator<Finding> {
  const pattern = settings.multiplied
  if (!pattern || !settings.mayMultiply!.test(text)) return
  for (const match of text.matchAll(pattern)) {
    const amount = match[1]!.replace(',', '.')
    const word = settings.multipliers.get(match[3]!)!
    const currency = /[€$£]/.exec(match[3]!)?.[0] ?? ''
    const expected = currency + amount + ' ' + word
    yield {
      from: match.index,
      to: match.index + match[0].length,
      reason: 'Unexpected `' + match[0] + '`, expected `' + expected + '`',
      expected: [expected],
      note: 'French abbreviates amounts with `k€`, `M€` and `Md€` (*millions*, *milliards d’euros*) after the number; English writes `€3 million`.',
      safe: true
    }
  }
}

/** Unambiguous decimals and thousands anywhere in the article. */
function gatherEvidence(texts: ProseText[]): Evidence {
  const evidence: Evidence = {french: undefined, english: undefined}
  for (const {text} of texts) {
    if (evidence.french !== undefined && evidence.english !== undefined) break
    // Every pattern needs a digit.
    if (!hasDigit.test(text)) continue
    evidence.french ??=
      /(?<![\p{L}\p{N}.,])\d+,\d{1,2}(?![\p{N},])/u.exec(text)?.[0] ??
      /(?<![\p{L}\p{N}.,])\d{1,3}(?:[ \u00A0\u202F\u2009]\d{3})+(?![\p{N},.])/u.exec(text)?.[0]
    evidence.english ??=
      /(?<![\p{L}\p{N}.,])\d+\.\d{1,2}(?![\p{N}.])/u.exec(text)?.[0] ??
      /(?<![\p{L}\p{N}.,])\d{1,3}(?:,\d{3}){2,}(?![\p{N}])/u.exec(text)?.[0] ??
      /(?<![\p{L}\p{N}.,])\d{1,3},\d{3}\.\d+/u.exec(text)?.[0]
  }
  return evidence
}

function englishOrdinal(value: number): string {
  const tens = value % 100
  if (tens >= 11 && tens <= 13) return value + 'th'
  const unit = value % 10
  return value + (unit === 1 ? 'st' : unit === 2 ? 'nd' : unit === 3 ? 'rd' : 'th')
}

function* ordinals(text: string, settings: Resolved, digits: boolean): Generator<Finding> {
  const arabic = /(?<![\p{L}\p{N}_.,-])(\d{1,3})(\p{L}{1,3})(?![\p{L}\p{N}])/gu
  if (digits && mayArabicOrdinal.test(text)) for (const match of text.matchAll(arabic)) {
    const suffix = match[2]!.toLowerCase()
    if (!settings.ordinalSuffixes.has(suffix)) continue
    const number = Number(match[1])
    if (number === 0) continue
    if ((suffix === 'er' || suffix === 're' || suffix === 'ère') && number !== 1) continue
    const label = /(\p{L}+)\.?[ \u00A0\u202F\u2009]+$/u.exec(text.slice(Math.max(0, match.index - 20), match.index))?.[1]?.toLowerCase()
    if (label !== undefined && settings.labels.has(label)) continue
    // `20º C`: a degree sign typed as an ordinal indicator.
    if (suffix === 'º' && /^[ \u00A0\u202F\u2009]?[CF]\b/.test(text.slice(match.index + match[0].length))) continue
    yield ordinalFinding(text, match.index, match[0], number, settings)
  }
  const roman = /(?<![\p{L}\p{N}_])([IVXL]+)(\p{L}{1,3})(?![\p{L}\p{N}])/gu
  for (const match of text.matchAll(roman)) {
    const suffix = match[2]!
    if (!settings.ordinalSuffixes.has(suffix) || suffix !== suffix.toLowerCase()) continue
    const number = romanValue(match[1]!)
    if (number === undefined || number === 0 || number > 30) continue
    const noun = nounAfter(text, match.index + match[0].length, settings)
    // A lone letter (`Xe` is xenon) only before a noun that makes it an ordinal.
    if (match[1]!.length === 1 && !noun) continue
    yield ordinalFinding(text, match.index, match[0], number, settings)
  }
}

function nounAfter(text: string, at: number, settings: Resolved): {length: number; english: string} | undefined {
  const next = nounNext.exec(text.slice(at))
  if (!next) return undefined
  const english = settings.romanNouns.get(next[2]!) ?? settings.romanNouns.get(next[2]!.toLowerCase())
  return english ? {length: next[0].length, english} : undefined
}

function ordinalFinding(text: string, from: number, actual: string, number: number, settings: Resolved): Finding {
  const noun = nounAfter(text, from + actual.length, settings)
  const ordinal = englishOrdinal(number)
  if (noun && noun.english !== text.slice(from + actual.length + 1, from + actual.length + noun.length)) {
    const whole = text.slice(from, from + actual.length + noun.length)
    return {
      from,
      to: from + whole.length,
      reason: 'Unexpected `' + whole + '`, expected `' + ordinal + ' ' + noun.english + '`',
      expected: [ordinal + ' ' + noun.english],
      note: 'French abbreviates ordinals with a superscript `e` (`' + actual + '`); English writes `' + ordinal + '`.',
      safe: true
    }
  }
  return {
    from,
    to: from + actual.length,
    reason: 'Unexpected `' + actual + '`, expected `' + ordinal + '`',
    expected: [ordinal],
    note: 'French abbreviates ordinals with `e`/`er` (`' + actual + '`, *' + (number === 1 ? 'premier' : 'ième') + '*); English writes `' + ordinal + '`.',
    safe: true
  }
}

function romanValue(value: string): number | undefined {
  if (!/^(?:L?X{0,3}|XL)(?:IX|IV|V?I{0,3})$/.test(value)) return undefined
  const digits: Record<string, number> = {I: 1, V: 5, X: 10, L: 50}
  let total = 0
  for (let index = 0; index < value.length; index++) {
    const current = digits[value[index]!]!
    const next = digits[value[index + 1] ?? ''] ?? 0
    total += current < next ? -current : current
  }
  return total
}

function* times(text: string, settings: Resolved): Generator<Finding> {
  for (const match of text.matchAll(clockTime)) {
    const hours = Number(match[1])
    const gap = match[2] !== ''
    // `8h 30 people`: minutes must be spaced like the hours (`20h30`, `20 h 30`).
    const hasMinutes = match[5] !== undefined && gap === (match[4] !== '')
    // A capital `H` (`20H30`) only with its minutes: `4H` alone is no time.
    if (match[3] === 'H' && !hasMinutes) continue
    const minutes = hasMinutes ? Number(match[5]) : 0
    const actual = hasMinutes ? match[0] : match[1]! + match[2]! + match[3]!
    const previous = /(\p{L}+)[ \u00A0\u202F\u2009]+$/u.exec(text.slice(Math.max(0, match.index - 40), match.index))?.[1]?.toLowerCase()
    // `8 h` alone is a time only after `at`, `from`, `until` …
    if (gap && !hasMinutes && !(previous && settings.timeWords.has(previous))) continue
    const duration = previous !== undefined && settings.durationWords.has(previous)
    const expected = duration ? durationText(hours, minutes) : timeText(hours, minutes, settings.timeFormat)
    yield {
      from: match.index,
      to: match.index + actual.length,
      reason: 'Unexpected `' + actual + '`, expected `' + expected + '`',
      expected: [expected],
      note: 'French writes times and durations with `h` (`20h30`, *vingt heures trente*); English writes `20:30` or `8:30 p.m.`.',
      safe: false
    }
  }
}

function timeText(hours: number, minutes: number, format: '12h' | '24h'): string {
  const mm = String(minutes).padStart(2, '0')
  if (format === '24h') return hours + ':' + mm
  if (minutes === 0 && hours === 12) return 'noon'
  if (minutes === 0 && hours === 0) return 'midnight'
  const half = hours < 12 ? 'a.m.' : 'p.m.'
  const twelve = hours % 12 === 0 ? 12 : hours % 12
  return (minutes === 0 ? String(twelve) : twelve + ':' + mm) + ' ' + half
}

function durationText(hours: number, minutes: number): string {
  const h = hours + (hours === 1 ? ' hour' : ' hours')
  return minutes === 0 ? h : h + ' ' + minutes + (minutes === 1 ? ' minute' : ' minutes')
}

function* titles(text: string, settings: Resolved, lowercase: Set<string>): Generator<Finding> {
  for (const match of text.matchAll(settings.titled)) {
    const title = match[1]!
    if (settings.titleExceptions.has(match[2]!) || lowercase.has(match[2]!.toLowerCase())) continue
    if (title === 'M.' || title === 'MM.') {
      // `Richard M. Nixon`, `J. M. Coetzee`: a middle initial, not a title.
      const before = text.slice(Math.max(0, match.index - 40), match.index)
      if (/\p{Lu}\p{L}*\.?[ \u00A0\u202F\u2009]+$/u.test(before)) continue
    }
    const english = settings.titles.get(title)!
    yield {
      from: match.index,
      to: match.index + title.length,
      reason: 'Unexpected `' + title + '`, expected `' + english.join('` or `') + '`',
      expected: english,
      note: 'French abbreviates *Monsieur*, *Madame* and *Mademoiselle* as `M.`, `Mme` and `Mlle`; English writes `Mr`, `Ms`/`Mrs`.',
      safe: false
    }
  }
}

