/**
 * @module source-typography
 * Flag French typography and spacing slips that machine translation carries
 * into English: a space before `: ; ? !`, « guillemets », spaces inside
 * quotation marks, missing spaces around brackets, quotes and dashes,
 * doubled punctuation, a space before a comma or full stop, and a straight
 * apostrophe inside curly-quoted text (info).
 *
 * Code, URLs and e-mail addresses are never read; times and ratios
 * (`10 : 30`, `3 : 1`), emoticons, ellipses, `member(s)`, `(re)election`,
 * `etc.,` and English dashes stay silent. Each `expected` is the corrected
 * text of exactly the reported range.
 *
 * @example ok
 *   The minister said: “We will not give in.”
 *   Is this the end? Nobody knows!
 *   The meeting starts at 10 : 30 and the ratio was 3 : 1.
 *   He wrote "we'll see" and left.
 *   The candidate(s) must register before the (re)election.
 *   They waited... and waited . . . then left.
 *   Bring pens, paper, etc., to the exam.
 *   The Paris–London route reopened—at last.
 *   The word “fake” was used 12 times (twice in the title).
 *   The pre- and post-war periods differ.
 *   “I can’t,” she said, “it’s too late.”
 *   She replied :) and logged off.
 *   The score was 2-1 (after extra time) and the fans sang.
 *   A so-called “reform” [sic] was adopted.
 *   See https://example.com/a;b?c=d for details.
 *   Version 1..10 of the file is corrupt.
 *   Prices rose 3,5 and the U.S. Army left Washington, D.C. on foot.
 *   Visit Amazon.com or read e.g. the notes, i.e. this one.
 *   The vote — held on Monday — was close.
 * @example not-ok
 *   The minister said : we will not give in.
 *   Why did he resign ?
 *   This is unacceptable !
 *   Two options remain ; neither is good.
 *   He called it « a disaster » on Monday.
 *   « We will win », said the coach.
 *   The “ heat dome ” will last until Sunday.
 *   This is due to a " heat dome " over Europe.
 *   He spoke in the Assembly […]to tell people the truth.
 *   The fire reached Gigean(Hérault) on Sunday.
 *   The match ended (2-2, 72nd)-But the coach was furious.
 *   She called it a “scandal”and walked out.
 *   The prime minister,, speaking on Monday, disagreed.
 *   The minister resigned..
 *   He said it was “experience.” .
 *   The government , however, disagreed.
 *   “They told us 'wait' and we waited,” he said.
 *   The chancellor called it „a turning point“ in Berlin.
 *   ¿Who will pay for the reform?
 *   The fire reached Paris,then Lyon.
 *   Talks ended without a deal.Then the minister left.
 *   Who will pay?Nobody knows.
 *   Disputes remain over Taiwan. –
 *   The reform ( adopted in 2019 ) was repealed.
 *   The minister said it wasn´t over.
 */
import {defineRule, type BaseRuleOptions} from '../rule.js'
import {cachedRegExp, frenchSpace, placeMapper, proseTexts, reportCharacterFindings, type CharacterFinding, type ProseText, type PlaceMapper} from '../util/source-text.js'
import type {RuleContext} from '../rule.js'
import {oncePer} from '../util/once.js'

/** Options of the `source-typography` rule (defaults in `rules/fr-en/data/source-typography.yml`). */
export interface SourceTypographyOptions extends BaseRuleOptions {
  /** Marks English writes without a space before (default `: ; ? !`). */
  spaceBefore?: string[] | undefined
  /** Quotes suggested for guillemets: follow the document, or always curly / straight. */
  quotes?: 'auto' | 'curly' | 'straight' | undefined
  /** Short affixes English brackets against a word (`member(s)`, `(re)election`). */
  bracketAffixes?: string[] | undefined
  /** Marks whose repetition (`!!`) is emphasis: reported as info. */
  emphasis?: string[] | undefined
}

// Horizontal spaces French typography uses: space, no-break, narrow no-break, thin.
const space = frenchSpace
const spaceRe = /[ \u00A0\u202F\u2009]/

// The patterns built from `space`, compiled once (building their sources
// and looking them up per paragraph showed in profiles).
const afterEnd = cachedRegExp('(?<=[.!?])(["”’»]?)(' + space + '*)\\.(?![.\\p{L}\\p{N}])', 'gu')
const guillemets = cachedRegExp('«' + space + '*|' + space + '*»', 'gu')
const breadcrumb = cachedRegExp('^' + space + '+\\p{Lu}', 'u')
const openingSpaced = cachedRegExp('(?<=^|[\\s(\\[—–])“(' + space + '+)(?=\\S)', 'gu')
const closingSpaced = cachedRegExp('(?<=\\S)(' + space + '+)”(?=[\\s.,;:!?)\\]]|$)', 'gu')
const unbalancedDash = cachedRegExp('(?<=\\p{L})(' + space + ')([–—])(?=\\p{L})|(?<=\\p{L})([–—])(' + space + ')(?=\\p{L})', 'gu')
const trailingDash = cachedRegExp('(?<=[.!?][”"’»)]?)(' + space + '*[–—-])(?=' + space + '*(?:[\\r\\n]|$))', 'gu')
const bracketSpaced = cachedRegExp('(?<=^|\\s)\\((' + space + '+)(?=[^\\s)])|(?<=[^\\s(])(' + space + '+)\\)', 'gu')
const spaceBeforeStop = cachedRegExp('(?<=[\\p{L}\\p{N}”’)\\]»"])(' + space + '+)([,.])(?=\\s|$|["”’)])', 'gu')

// Pre-tests. Most patterns above open with a look-behind, which makes the
// engine try them at every character of a paragraph; each pre-test is what
// a match cannot do without (the characters it consumes, in order), opens
// with a plain character, and fails on most paragraphs.
const mayDouble = /,[,.]|;;|::|\.\./
// A match whose quote and space groups are both empty is skipped anyway
// (and it consumes only its own full stop, so it hides no other match).
const mayFollowEnd = /[.!?](?:["”’»][ \u00A0\u202F\u2009]*|[ \u00A0\u202F\u2009]+)\.(?![.\p{L}\p{N}])/u
const mayTrailDash = /[.!?][”"’»)]?[ \u00A0\u202F\u2009]*[–—-][ \u00A0\u202F\u2009]*(?:[\r\n]|$)/
const mayBracketSpace = /\([ \u00A0\u202F\u2009]|[ \u00A0\u202F\u2009]\)/
const maySpaceBeforeStop = /[ \u00A0\u202F\u2009][,.]/
const mayGlue = /,\p{L}{2}|[.?!]\p{Lu}\p{Ll}/u
const mayEllipsis = /\.[ \u00A0\u202F]\./

/** What the options give, derived once per options object (not per document). */
const compile = oncePer(function (options: SourceTypographyOptions) {
  const marks = options.spaceBefore ?? [':', ';', '?', '!']
  const marksClass = '[' + marks.map(escape).join('') + ']'
  return {
    affixes: new Set((options.bracketAffixes ?? ['s', 'es', 'e', 'ies', 're', 'un', 'u']).map((d) => d.toLowerCase())),
    emphasis: new Set(options.emphasis ?? ['!', '?']),
    spaceBeforeMark: cachedRegExp('(?<=[^\\s\\uFFFC(\\[“"‘«])(' + space + '+)(' + marksClass + '+)(?=\\s|$|["”’»\\]])', 'gu'),
    mayMarkSpace: cachedRegExp(space + marksClass, 'u')
  }
})

type Finding = CharacterFinding

/** The `source-typography` rule. */
export const sourceTypography = defineRule<SourceTypographyOptions>(
  {
    id: 'source-typography',
    description: 'Flag French typography and spacing left in English text.',
    category: 'typography',
    severity: 'warning',
    safe: true
  },
  function (tree, file, options, context) {
    const {affixes, emphasis, spaceBeforeMark, mayMarkSpace} = compile(options)
    const mapper = placeMapper(file)
    const texts = proseTexts(tree, mapper.doc)
    // Count the quotes of the prose only: HTML attributes and code have their own.
    const straight = quoteStyle(texts.map((d) => d.text).join('\n'), options.quotes ?? 'auto') === 'straight'
    const open = straight ? '"' : '“'
    const close = straight ? '"' : '”'

    for (const prose of texts) {
      const text = prose.text
      const found: Finding[] = []
      // Characters already reported: the first (most specific) check wins a
      // range. Made on the first finding: most paragraphs have none.
      let claimed: Uint8Array | undefined
      const add = (finding: Finding) => {
        claimed ??= new Uint8Array(text.length)
        for (let index = finding.from; index < finding.to; index++) if (claimed[index]) return
        claimed.fill(1, finding.from, finding.to)
        found.push(finding)
      }

      // A spaced ellipsis (`. . .`) is English: claim its range so nothing reports inside it.
      if (mayEllipsis.test(text)) for (const match of text.matchAll(/\.(?:[ \u00A0\u202F]\.){2,}/g)) {
        add({from: match.index, to: match.index + match[0].length, reason: '', expected: [], note: '', safe: false, skip: true})
      }

      // Doubled and stray punctuation first: they are the most specific.
      // Spaces before the marks go with them (`2023 ,,` → `2023,`), so one fix settles it.
      if (mayDouble.test(text)) for (const match of text.matchAll(/(?<=[^\s])[ \u00A0\u202F\u2009]*(?:,{2,}|;{2,}|:{2,}|,\.(?!\.))|(?<![.\d\s])[ \u00A0\u202F\u2009]*\.\.(?![.\d])/g)) {
        const marks = match[0].trim()
        const mark = marks.endsWith('.') ? '.' : marks[0]!
        add({
          from: match.index,
          to: match.index + match[0].length,
          reason: 'Unexpected `' + marks + '`, expected `' + mark + '`',
          expected: [mark],
          note: 'Doubled punctuation: one mark is enough.',
          safe: true
        })
      }
      if (text.includes('!!') || text.includes('??')) for (const match of text.matchAll(/([!?])\1+/g)) {
        if (!emphasis.has(match[1]!)) continue
        add({
          from: match.index,
          to: match.index + match[0].length,
          reason: 'Repeated `' + match[1] + '`, expected one',
          expected: [match[1]!],
          note: 'News English uses a single exclamation or question mark.',
          severity: 'info',
          safe: false
        })
      }
      if (mayFollowEnd.test(text)) for (const match of text.matchAll(afterEnd)) {
        if (match[1] === '' && match[2] === '') continue
        const from = match.index + match[1]!.length
        add({
          from,
          to: match.index + match[0].length,
          reason: 'Unexpected full stop after the end of a sentence',
          expected: [''],
          note: 'The sentence already ends before this full stop (a leftover of French punctuation around the closing quote).',
          safe: true
        })
      }

      // A space before `: ; ? !` — French typography, not English.
      if (mayMarkSpace.test(text)) for (const match of text.matchAll(spaceBeforeMark)) {
        const before = text[match.index - 1] ?? ''
        const after = text.slice(match.index + match[0].length, match.index + match[0].length + 8)
        // `10 : 30`, `3 : 1`: a time, a ratio or a score.
        if (/\d/.test(before) && /^[ \u00A0\u202F\u2009]*\d/.test(after)) continue
        add({
          from: match.index,
          to: match.index + match[0].length,
          reason: 'Unexpected space before `' + match[2] + '`',
          expected: [match[2]!],
          note: 'French typography puts a (narrow) no-break space before `: ; ? !`; English puts none.',
          safe: true
        })
      }

      // « guillemets » → English quotation marks.
      const hasOpening = text.includes('«')
      if (hasOpening || text.includes('»')) for (const match of text.matchAll(guillemets)) {
        const opening = match[0].includes('«')
        const end = match.index + match[0].length
        // A lone `»` between title-like words is a breadcrumb separator (boilerplate), not a quote.
        if (!opening && !hasOpening && spaceRe.test(match[0]) && breadcrumb.test(text.slice(end))) continue
        add({
          from: match.index,
          to: end,
          reason: 'Unexpected `' + (opening ? '«' : '»') + '`, expected `' + (opening ? open : close) + '`',
          expected: [opening ? open : close],
          note: 'French quotes with « guillemets » (and spaces inside them); English uses ' + (straight ? '"…"' : '“…”') + ' with no spaces.',
          safe: true
        })
      }

      // German „low quotes“ → English quotation marks (the German closing `“` is the English opening one).
      if (text.includes('„')) for (const match of text.matchAll(/„([^„“”"]*)([“”])?/g)) {
        add({
          from: match.index,
          to: match.index + 1,
          reason: 'Unexpected `„`, expected `' + open + '`',
          expected: [open],
          note: 'German opens quotations with a low `„`; English uses ' + (straight ? '"…"' : '“…”') + '.',
          safe: true
        })
        if (match[2] === '“') {
          const at = match.index + match[0].length - 1
          add({from: at, to: at + 1, reason: 'Unexpected `“` closing a quotation, expected `' + close + '`', expected: [close], note: 'German closes quotations with `“`; English closes them with `' + close + '`.', safe: true})
        }
      }

      // Spaces inside curly quotes: `“ text ”`.
      const hasOpeningCurly = text.includes('“')
      const hasClosingCurly = text.includes('”')
      if (hasOpeningCurly) for (const match of text.matchAll(openingSpaced)) {
        add(insideQuote(match.index, match.index + match[0].length, '“'))
      }
      if (hasClosingCurly) for (const match of text.matchAll(closingSpaced)) {
        add(insideQuote(match.index, match.index + match[0].length, '”'))
      }

      // Straight double quotes, read in pairs when the paragraph has an even number of them.
      const straightQuotes = text.includes('"') ? [...text.matchAll(/"/g)].map((d) => d.index) : []
      if (straightQuotes.length % 2 === 0) {
        for (let index = 0; index < straightQuotes.length; index += 2) {
          const a = straightQuotes[index]!
          const b = straightQuotes[index + 1]!
          if (b - a < 3) continue
          const inner = text.slice(a + 1, b)
          const lead = /^[ \u00A0\u202F\u2009]+/.exec(inner)?.[0].length ?? 0
          const trail = /[ \u00A0\u202F\u2009]+$/.exec(inner)?.[0].length ?? 0
          if (lead > 0 && lead < inner.length && (a === 0 || /[\s(\[—–]/.test(text[a - 1]!))) {
            add(insideQuote(a, a + 1 + lead, '"'))
          }
          if (trail > 0 && trail < inner.length && (b + 1 === text.length || /[\s.,;:!?)\]]/.test(text[b + 1]!))) {
            add(insideQuote(b - trail, b + 1, '"'))
          }
          if (a > 0 && /[\p{L}\p{N}]/u.test(text[a - 1]!) && lead === 0) add(missingSpace(a, a + 1, ' "', 'before'))
          if (b + 1 < text.length && /[\p{L}\p{N}]/u.test(text[b + 1]!) && trail === 0) add(missingSpace(b, b + 1, '" ', 'after'))
        }
      }

      // Missing spaces around brackets, quotes and dashes.
      if (text.includes(']')) for (const match of text.matchAll(/\](?=[\p{L}\p{N}])/gu)) {
        add(missingSpace(match.index, match.index + 1, '] ', 'after'))
      }
      const hasClosingBracket = text.includes(')')
      if (hasClosingBracket) for (const match of text.matchAll(/\)(?=[\p{L}\p{N}])/gu)) {
        const inner = bracketContent(text, match.index)
        if (inner === undefined || !/[\s\d]/.test(inner)) continue
        add(missingSpace(match.index, match.index + 1, ') ', 'after'))
      }
      if (hasClosingBracket) for (const match of text.matchAll(/\)[-–—](?=\p{Lu})/gu)) {
        add({
          from: match.index,
          to: match.index + 2,
          reason: 'Missing space around `' + match[0][1] + '` after `)`',
          expected: [') – ', '). '],
          note: 'A dash glued between a closing bracket and the next sentence is a leftover of the source layout; English separates them.',
          safe: false
        })
      }
      // `Gigean(Hérault)`: a name or a number glued to the word before. A
      // lowercase start (`expand(str)`, `member(s)`) or a camelCase word
      // before it is code or an affix, not a slip.
      if (hasClosingBracket && text.includes('(')) for (const match of text.matchAll(/(?<=[\p{L}])\((?=[\p{Lu}\p{N}][^()]{0,200}\))/gu)) {
        const end = text.indexOf(')', match.index)
        const inner = text.slice(match.index + 1, end)
        const word = /[\p{L}\p{N}._]*$/u.exec(text.slice(Math.max(0, match.index - 80), match.index))![0]
        if (affixes.has(inner.toLowerCase()) || /[._]|\p{Ll}\p{Lu}/u.test(word)) continue
        if (!/\s/.test(inner) && inner.length < 4) continue
        add(missingSpace(match.index, match.index + 1, ' (', 'before'))
      }
      if (hasClosingCurly) for (const match of text.matchAll(/”(?=[\p{L}\p{N}])/gu)) {
        add(missingSpace(match.index, match.index + 1, '” ', 'after'))
      }
      if (hasOpeningCurly) for (const match of text.matchAll(/(?<=[\p{L}\p{N},:;])“/gu)) {
        add(missingSpace(match.index, match.index + 1, ' “', 'before'))
      }
      if (text.includes('–') || text.includes('—')) for (const match of text.matchAll(unbalancedDash)) {
        const dash = match[2] ?? match[3]!
        add({
          from: match.index,
          to: match.index + 2,
          reason: 'Unbalanced spaces around `' + dash + '`',
          expected: [' ' + dash + ' ', dash],
          note: 'A dash between words takes a space on both sides or on neither; one space only is a slip.',
          safe: false
        })
      }

      // An acute accent or an opening quote typed as an apostrophe (`don´t`, `it‘s`).
      if (text.includes('´') || text.includes('‘')) for (const match of text.matchAll(/(?<=\p{L})[´‘](?=\p{L})/gu)) {
        add({
          from: match.index,
          to: match.index + 1,
          reason: 'Unexpected `' + match[0] + '` as an apostrophe, expected `’`',
          expected: ['’'],
          note: 'An apostrophe inside a word is `’` (or `\'`); `' + match[0] + '` is another character that looks like it.',
          safe: true
        })
      }

      // Spanish inverted marks `¿` `¡` have no place in English.
      if (text.includes('¿') || text.includes('¡')) for (const match of text.matchAll(/[¿¡]/g)) {
        add({
          from: match.index,
          to: match.index + 1,
          reason: 'Unexpected `' + match[0] + '`',
          expected: [''],
          note: 'Spanish opens questions and exclamations with `¿` and `¡`; English does not.',
          safe: true
        })
      }

      // Missing space after a comma or a full stop between words (`Paris,France`, `left.Then`).
      if (mayGlue.test(text)) for (const match of text.matchAll(/(?<=\p{Ll}{2})(,)(?=\p{L}{2})|(?<=\p{Ll}{2})([.?!])(?=\p{Lu}\p{Ll})/gu)) {
        add(missingSpace(match.index, match.index + 1, match[0] + ' ', 'after'))
      }

      // A dash left after the end of the last sentence of a paragraph (`… Taiwan. –`): a headline separator.
      if (mayTrailDash.test(text)) for (const match of text.matchAll(trailingDash)) {
        add({
          from: match.index,
          to: match.index + match[0].length,
          reason: 'Unexpected `' + match[0].trim() + '` after the end of the paragraph',
          expected: [''],
          note: 'A dash after the last full stop of a paragraph is a leftover separator from the source page layout.',
          safe: false
        })
      }

      // Spaces just inside brackets: `( in 2020 )`.
      // `name( args )` glued to a word is code style, not prose: only a free-standing bracket counts.
      if (mayBracketSpace.test(text)) for (const match of text.matchAll(bracketSpaced)) {
        const opening = match[0].startsWith('(')
        if (!opening) {
          const inner = bracketContent(text, match.index + match[0].length - 1)
          const at = inner === undefined ? -1 : match.index + match[0].length - 1 - inner.length - 1
          if (at < 0 || (at > 0 && !/\s/.test(text[at - 1]!))) continue
        }
        add({
          from: match.index,
          to: match.index + match[0].length,
          reason: 'Unexpected space ' + (opening ? 'after `(`' : 'before `)`'),
          expected: [opening ? '(' : ')'],
          note: 'Brackets hug the words they enclose; the spaces inside are a leftover of the source layout.',
          safe: true
        })
      }

      // A space before a comma or a full stop.
      if (maySpaceBeforeStop.test(text)) for (const match of text.matchAll(spaceBeforeStop)) {
        add({
          from: match.index,
          to: match.index + match[0].length,
          reason: 'Unexpected space before `' + match[2] + '`',
          expected: [match[2]!],
          note: 'No space goes before a comma or a full stop.',
          safe: true
        })
      }

      // A straight apostrophe inside curly-quoted text.
      if (hasOpeningCurly && hasClosingCurly && text.includes("'")) for (const match of text.matchAll(/“[^“”]*”/g)) {
        for (const apostrophe of match[0].matchAll(/'/g)) {
          const at = match.index + apostrophe.index
          const before = text[at - 1] ?? ''
          const after = text[at + 1] ?? ''
          // After a letter it is an apostrophe or a closing quote (’); before a
          // digit an elision (’90s); before a letter an opening quote (‘).
          const curly = /[\p{L}\p{N}.,!?]/u.test(before) || /\p{N}/u.test(after) ? '’' : /\p{L}/u.test(after) ? '‘' : undefined
          if (!curly) continue
          add({
            from: at,
            to: at + 1,
            reason: "Unexpected straight `'` in curly-quoted text, expected `" + curly + '`',
            expected: [curly],
            note: 'The quotation uses curly quotes; its apostrophes and inner quotes should be curly too.',
            severity: 'info',
            safe: true
          })
        }
      }

      reportCharacterFindings(found, prose, mapper, context)
    }
  }
)

function insideQuote(from: number, to: number, quote: string): Finding {
  return {
    from,
    to,
    reason: 'Unexpected space inside `' + quote + '`',
    expected: [quote],
    note: 'French sets « guillemets » off with spaces inside them; English quotation marks hug the quoted words.',
    safe: true
  }
}

function missingSpace(from: number, to: number, expected: string, where: 'before' | 'after'): Finding {
  const mark = expected.trim()
  return {
    from,
    to,
    reason: 'Missing space ' + where + ' `' + mark + '`',
    expected: [expected],
    note: 'Brackets and quotation marks are separated from the neighbouring word by a space; the translation glued them.',
    safe: true
  }
}

/** The text inside the bracket pair closed at `close`, if it opens in the same paragraph. */
function bracketContent(text: string, close: number): string | undefined {
  // Bounded look-back keeps a paragraph full of `)` linear.
  const window = text.slice(Math.max(0, close - 200), close)
  const open = window.lastIndexOf('(')
  return open === -1 ? undefined : window.slice(open + 1)
}


/** Which double quotes to suggest: the document's own majority in `auto` mode. */
function quoteStyle(prose: string, setting: 'auto' | 'curly' | 'straight'): 'curly' | 'straight' {
  if (setting !== 'auto') return setting
  // A `"` after a digit or an apostrophe is a unit (`27"`, `1'40"`), not a quote.
  const straight = prose.match(/(?<![\d'’])"/g)?.length ?? 0
  const curly = prose.match(/[“”]/g)?.length ?? 0
  return straight > curly ? 'straight' : 'curly'
}

function escape(value: string): string {
  return value.replace(/[\\\]\[^-]/g, '\\$&')
}
