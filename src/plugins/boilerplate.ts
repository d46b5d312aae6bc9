/**
 * @module boilerplate
 * Flag text a scraper or an aggregator took from the page along with the
 * article: related-article links (“Read also: …”, a paragraph that is only a
 * link), tag lists and keyword dumps, newsletter and paywall prompts, caption
 * and credit residue (“Video.”, “Photo DR”), bylines and timestamps, the
 * aggregator’s trailing “source site”, and HTML attributes or entities left
 * in the text.
 *
 * Structure first: a short block opened by a label, a link-only paragraph, a
 * run of short bullet items after the article body, a short lowercase line
 * ending the document, a headline-shaped line next to other page furniture.
 * Labels and prompts are data; a label must be followed by `:`, `.`, `|`, a
 * dash, a line break, a quotation or nothing, so article prose that merely
 * starts with “Read” or “Video” stays silent. This rule wins over glossary
 * entries of category or family `boilerplate` (“source site”, “Read also”,
 * “À lire aussi”): a glossary
 * message inside one of its findings is dropped, since deleting the whole
 * block is the fix; with this rule off, the glossary entries report alone.
 *
 * @example ok
 *   Read the report before the meeting on Monday.
 *   Video footage showed the suspect leaving the bank.
 *   Photographers gathered outside the court on Tuesday.
 *   Tags were attached to the birds before their release.
 *   The party, which published its manifesto on Monday, wants lower taxes.
 *   Updated figures will be released next week, the ministry said.
 *   Readers can subscribe to the paper for one euro a month, the publisher said.
 *   He followed the debate live on television.
 *   See you in court, the lawyer told the reporters.
 *   Paris, Lyon, Marseille, Lille and Bordeaux all reported record turnout.
 *   The source of the leak has not been identified.
 *   Related charges were dropped in 2019.
 *   The keywords of the campaign were security and growth.
 *   The site was evacuated before the source of the fire was found.
 *   Credit card fraud rose by 12% last year, the bank said.
 *   Subscribers to the service will pay more from January.
 *   Share prices fell on Monday.
 *   Published in 1862, the novel sold out.
 *   Facebook and Twitter removed the posts.
 * @example not-ok
 *   Read also: Budget: what the finance bill contains
 *   To read also: the ten most beautiful markets of France
 *   See also: “Everything is nitroglycerin”
 *   À lire aussi : Grève des enseignants, ce qu'il faut savoir
 *   Tags: Paris, security, video-protection, municipal council
 *   Keywords: prices, pump, fuel, terrace, demand, liter
 *   Subscribe to our newsletter to receive the cultural news every Friday.
 *   This article is reserved for subscribers.
 *   Photo: Loïc Bernard / West France
 *   Photo DR
 *   Video. Champions League: the summary of the match
 *   LIVE - Fuel shortage: follow the evolution of the situation
 *   By the editorial staff — Published on 17/10/2023 at 07h45
 *   Trending on Canadian News: six concerts you cannot miss
 *   The minister spoke.<div class="share-buttons">Share</div>
 *   The mayor resigned.&nbsp;The council will meet on Monday.
 *   Share Facebook Twitter Email
 *   Advertisement
 *   © AFP / Ludovic Marin
 *   Published on 12/03/2024 at 14h05
 */
import type {Root, Paragraph, Sentence} from 'nlcst'
import type {Point} from 'unist'
import type {VFile} from 'vfile'
import {defineRule, type BaseRuleOptions, type RuleContext} from '../rule.js'
import {oncePer} from '../util/once.js'
import type {Glossary} from '../glossary/compile.js'
import {sentenceTokens, type Token} from '../tokens.js'
import {fold, isCapitalized} from '../util/text.js'

/** A group of labels that open page furniture. */
export interface BoilerplateLabels {
  /** What the block is (`related`, `credit`, `tags` …). */
  kind: string
  /** Words for the message reason (“related-article link”). */
  reason: string
  /** The why, naming the French page text. */
  note: string
  /** The labels, as words. */
  phrases: string[]
}

/** Options of the `boilerplate` rule (defaults in `rules/fr-en/data/boilerplate.yml`). */
export interface BoilerplateOptions extends BaseRuleOptions {
  /** Words above which a block is article text (only its label is reported). */
  maxBlockWords?: number | undefined
  /** Words from which a paragraph counts as article body. */
  bodyWords?: number | undefined
  /** Labels that open page furniture. */
  labels?: BoilerplateLabels[] | undefined
  /** Words above which a block is not a prompt. */
  promptWords?: number | undefined
  /** Words a block made only of is page furniture (share buttons, ad slots). */
  furniture?: string[] | undefined
  /** Small words that may appear in furniture but do not make it alone. */
  furnitureSmall?: string[] | undefined
  /** Newsletter, paywall and sharing prompts. */
  prompts?: string[] | undefined
  /** Note of prompt findings. */
  promptNote?: string | undefined
  /** Note of HTML residue findings. */
  htmlNote?: string | undefined
  /** The glossary: spans its `boilerplate` entries report are left to them. */
  glossary?: Glossary | undefined
}

interface Label {
  words: string[]
  group: BoilerplateLabels
}

interface Compiled {
  maxBlockWords: number
  bodyWords: number
  labels: Map<string, Label[]>
  promptWords: number
  /** The prompts (as words) by their first word. */
  promptsByFirst: Map<string, string[][]>
  furniture: Set<string>
  furnitureSmall: Set<string>
  promptNote: string
  htmlNote: string
}

interface Block {
  tokens: Token[]
  words: number
  start: Point
  end: Point
}

interface Finding {
  start: Point
  end: Point
  reason: string
  note: string
  expected: string[]
}

const months = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'])
const weekdays = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'])
const followers = new Set([':', '.', '|', '-', '–', '—', '/', '»', '”', '"', '“', '«', '>', '•'])
const bullets = new Set(['•', '·', '▪', '►', '-', '*', '–', '‣', '◦'])
const itemSeparators = new Set([',', '|', '•', '·', ';', '/', '#'])
const sentenceEnd = /[.!?…]["”»’)]*$/
const htmlAttribute = /\b(?:class|style|id|href|src|alt|width|height|target|rel|data-[\w-]+|aria-[\w-]+)\s*=\s*(?:"[^"\n]*"|'[^'\n]*')|<\/?(?:div|span|p|a|img|br|iframe|script|figure|figcaption|strong|em)\b[^<>\n]*>/gi
// In Markdown and HTML, tags are syntax; an attribute written out in the prose is residue.
const htmlAttribute0 = /\b(?:class|style|data-[\w-]+|aria-[\w-]+)\s*=\s*"[^"\n]*"/
const htmlAttributeOnly = htmlAttribute0
const htmlEntity = /&(?:nbsp|amp|quot|apos|lt|gt|rsquo|lsquo|rdquo|ldquo|laquo|raquo|hellip|mdash|ndash|eacute|egrave|ecirc|agrave|acirc|ccedil|ocirc|ucirc|icirc|euro|#\d{2,5}|#x[\da-f]{2,4});/gi
const entityText: Record<string, string> = {
  nbsp: ' ', amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“',
  laquo: '«', raquo: '»', hellip: '…', mdash: '—', ndash: '–', eacute: 'é', egrave: 'è', ecirc: 'ê', agrave: 'à',
  acirc: 'â', ccedil: 'ç', ocirc: 'ô', ucirc: 'û', icirc: 'î', euro: '€'
}

/** The boilerplate rule. */
export const boilerplate = defineRule<BoilerplateOptions>(
  {
    id: 'boilerplate',
    description: 'Flag scraping and aggregator leftovers: related links, tag lists, prompts, captions, “source site”, HTML residue.',
    category: 'boilerplate',
    severity: 'warning'
  },
  function (tree, file, options, context) {
    const compiled = compile(options)
    const blocks = blocksOf(tree)
    const findings: Finding[] = []
    const taken = new Set<number>()
    const add = (finding: Finding, indexes: number[]) => {
      findings.push(finding)
      for (const index of indexes) taken.add(index)
    }

    let bodyEnd = -1
    blocks.forEach((block, index) => {
      // Body: long and ending like prose (a long keyword dump does not).
      if (block.words >= compiled.bodyWords && endsLikeSentence(block.tokens)) bodyEnd = index
    })

    blocks.forEach((block, index) => {
      const labelled = labelFinding(block, compiled)
      if (labelled) return add(labelled, labelled.whole ? [index] : [])
      const prompt = promptFinding(block, compiled) ?? furnitureFinding(block, compiled)
      if (prompt) return add(prompt, [index])
      // An unlabelled list of names is a tag list only after the body.
      const list = index > bodyEnd ? itemList(block, compiled) : undefined
      if (list) return add(list, [index])
    })

    // Link-only paragraphs (Markdown, HTML): a related-article widget.
    for (const range of linkOnlyRanges(file)) {
      const index = blocks.findIndex((d) => (d.start.offset ?? 0) >= range[0] && (d.end.offset ?? 0) <= range[1])
      if (index < 0 || taken.has(index)) continue
      const block = blocks[index]!
      if (block.words < 4 || block.words > compiled.maxBlockWords) continue
      add({start: block.start, end: block.end, reason: 'Unexpected related-article link `' + clip(textOf(block.tokens)) + '`', note: relatedNote(compiled), expected: ['']}, [index])
    }

    // After the body: runs of short bullet items (tags), and a short
    // lowercase last line (the aggregator's "source site").
    for (let index = bodyEnd + 1; index < blocks.length; index++) {
      if (taken.has(index)) continue
      let last = index
      while (last < blocks.length && !taken.has(last) && isBulletItem(blocks[last]!)) last++
      if (last - index >= 4) {
        add({start: blocks[index]!.start, end: blocks[last - 1]!.end, reason: 'Unexpected tag list', note: tagsNote(compiled), expected: ['']}, range(index, last))
        index = last - 1
      }
    }
    // Markdown and HTML lists of short items after the body: tag lists.
    for (const [start, end] of listRanges(file)) {
      const inside: number[] = []
      blocks.forEach((block, index) => {
        if ((block.start.offset ?? 0) >= start && (block.end.offset ?? 0) <= end) inside.push(index)
      })
      if (inside.length < 4 || inside[0]! <= bodyEnd || inside.some((index) => taken.has(index))) continue
      const short = inside.every((index) => {
        const block = blocks[index]!
        // Plain words only: code, URLs, arrows and dashes make it a list the author wrote.
        return block.words > 0 && block.words <= 3 && block.tokens.every((d) => d.kind === 'word' && /^[\p{L}\p{N}][\p{L}\p{N}'’.-]*$/u.test(d.value))
      })
      if (!short) continue
      add({start: blocks[inside[0]!]!.start, end: blocks[inside.at(-1)!]!.end, reason: 'Unexpected tag list', note: tagsNote(compiled), expected: ['']}, inside)
    }

    const final = blocks.length - 1
    if (final > bodyEnd && final >= 0 && !taken.has(final)) {
      const block = blocks[final]!
      const words = block.tokens.filter((d) => d.kind === 'word')
      const text = textOf(block.tokens)
      const plain = block.tokens.every((d) => d.kind === 'word' && /^\p{L}+(?:[-'’]\p{L}+)*$/u.test(d.value))
      if (plain && words.length <= 4 && !sentenceEnd.test(text) && words.slice(1).every((d) => !isCapitalized(d.value)) && !words.every((d) => isCapitalized(d.value))) {
        const note = [...compiled.labels.values()].flat().find((d) => d.group.kind === 'source')?.group.note ?? 'Aggregator residue after the article.'
        add({start: block.start, end: block.end, reason: 'Unexpected trailing line `' + text + '`', note, expected: ['']}, [final])
      }
    }

    // Headline-shaped lines next to page furniture are more of it (a list of
    // related headlines without a label).
    // One pass each way spreads through a run of headlines, linearly.
    const spread = (index: number, neighbour: number) => {
      if (taken.has(index) || !taken.has(neighbour) || index <= bodyEnd || !isHeadline(blocks[index]!)) return
      const block = blocks[index]!
      add({start: block.start, end: block.end, reason: 'Unexpected related-article headline `' + clip(textOf(block.tokens)) + '`', note: relatedNote(compiled), expected: ['']}, [index])
    }
    for (let index = 1; index < blocks.length; index++) spread(index, index - 1)
    for (let index = blocks.length - 2; index >= 0; index--) spread(index, index + 1)

    for (const finding of htmlFindings(blocks, file, compiled)) findings.push(finding)

    findings.sort((a, b) => (a.start.offset ?? 0) - (b.start.offset ?? 0))
    const superseded = supersededGlossary(file, findings, options.glossary)
    if (superseded.size > 0) {
      const kept = file.messages.filter((d) => !superseded.has(d))
      file.messages.length = 0
      file.messages.push(...kept)
    }
    for (const finding of findings) report(finding, file, context)
  }
)

const compile = oncePer(function (options: BoilerplateOptions): Compiled {
  const labels = new Map<string, Label[]>()
  for (const group of options.labels ?? []) {
    for (const phrase of group.phrases) {
      const words = fold(phrase).split(/\s+/)
      const list = labels.get(words[0]!) ?? []
      list.push({words, group})
      labels.set(words[0]!, list)
    }
  }
  for (const list of labels.values()) list.sort((a, b) => b.words.length - a.words.length)
  const prompts = (options.prompts ?? []).map((d) => fold(d).split(/\s+/))
  const promptsByFirst = new Map<string, string[][]>()
  for (const prompt of prompts) {
    const list = promptsByFirst.get(prompt[0]!) ?? []
    list.push(prompt)
    promptsByFirst.set(prompt[0]!, list)
  }
  const result: Compiled = {
    maxBlockWords: options.maxBlockWords ?? 40,
    bodyWords: options.bodyWords ?? 20,
    labels,
    promptWords: options.promptWords ?? 30,
    promptsByFirst,
    furniture: new Set((options.furniture ?? []).map(fold)),
    furnitureSmall: new Set((options.furnitureSmall ?? []).map(fold)),
    promptNote: options.promptNote ?? 'A newsletter or paywall prompt scraped from the page with the article.',
    htmlNote: options.htmlNote ?? 'Markup from the source page left in the text.'
  }
  return result
})

function blocksOf(tree: Root): Block[] {
  const blocks: Block[] = []
  const walk = (node: Root | Root['children'][number]) => {
    if (node.type === 'ParagraphNode') {
      const tokens: Token[] = []
      let words = 0
      for (const child of (node as Paragraph).children) {
        if (child.type !== 'SentenceNode') continue
        for (const token of sentenceTokens(child as Sentence)) {
          tokens.push(token)
          if (token.kind === 'word') words++
        }
      }
      const first = tokens[0]
      const last = tokens.at(-1)
      if (first && last) blocks.push({tokens, words, start: first.start, end: last.end})
      return
    }
    if ('children' in node) for (const child of node.children) walk(child as Root['children'][number])
  }
  walk(tree)
  return blocks
}

function range(from: number, to: number): number[] {
  const result: number[] = []
  for (let index = from; index < to; index++) result.push(index)
  return result
}

function textOf(tokens: Token[]): string {
  let text = ''
  tokens.forEach((token, index) => {
    if (index > 0 && (token.spaceBefore || token.start.line !== tokens[index - 1]!.end.line)) text += ' '
    text += token.value
  })
  return text
}

/**
 * `sentenceEnd.test(textOf(tokens))` without building the text: reads back
 * from the last token (a stop, then only closing quotes and brackets; the
 * space `textOf` puts between two tokens ends the match). Asked of every
 * long block to find the article body.
 */
function endsLikeSentence(tokens: Token[]): boolean {
  for (let index = tokens.length - 1; index >= 0; index--) {
    const value = tokens[index]!.value
    for (let at = value.length - 1; at >= 0; at--) {
      const code = value.charCodeAt(at)
      // . ! ? …
      if (code === 0x2e || code === 0x21 || code === 0x3f || code === 0x2026) return true
      // " ” » ’ )
      if (code !== 0x22 && code !== 0x201d && code !== 0xbb && code !== 0x2019 && code !== 0x29) return false
    }
    const token = tokens[index]!
    if (index > 0 && (token.spaceBefore || token.start.line !== tokens[index - 1]!.end.line)) return false
  }
  return false
}

function clip(text: string): string {
  return text.length > 60 ? text.slice(0, 57) + '…' : text
}

function key(token: Token): string {
  // Most keys end in neither `.` nor `:`: no pattern for them.
  const last = token.key.charCodeAt(token.key.length - 1)
  return last === 0x2e || last === 0x3a ? token.key.replace(/[.:]+$/, '') : token.key
}

/** A label at the start of the block or of a `|`-separated segment. */
function labelFinding(block: Block, compiled: Compiled): (Finding & {whole: boolean}) | undefined {
  const {tokens} = block
  // A label starts the block or a segment among its first seven tokens (see
  // below): the rest of a long paragraph is not read.
  const limit = Math.min(tokens.length, 7)
  for (let at = 0; at < limit; at++) {
    const segmentStart = at === 0 || isSeparator(tokens[at - 1]!) || tokens[at]!.start.line !== tokens[at - 1]!.end.line
    if (!segmentStart) continue
    let first = at
    while (first < tokens.length && tokens[first]!.kind !== 'word' && bullets.has(tokens[first]!.value)) first++
    const token = tokens[first]
    if (!token || token.kind !== 'word') continue
    // Only the block start, or a short first segment (a section tag before a pipe).
    if (at > 0 && (at > 6 || !tokens.slice(0, at).some(isSeparator))) continue
    for (const label of compiled.labels.get(key(token)) ?? []) {
      const end = first + label.words.length - 1
      if (!label.words.every((word, offset) => tokens[first + offset]?.kind === 'word' && key(tokens[first + offset]!) === word)) continue
      const lastWord = tokens[end]!
      const next = tokens[end + 1]
      const trailingStop = /[.:]$/.test(lastWord.value)
      const followed =
        next === undefined ||
        trailingStop ||
        next.start.line !== lastWord.end.line ||
        (next.kind !== 'word' && followers.has(next.value)) ||
        (label.group.kind === 'credit' && isCredit(tokens.slice(end + 1))) ||
        (label.group.kind === 'related' && namedThenBreak(tokens, end + 1)) ||
        (label.group.kind === 'stamp' && next.kind === 'word' && (/^\d/.test(next.value) || months.has(key(next)) || weekdays.has(key(next))))
      if (!followed) continue
      // A one-word label alone is a heading (“Related”, “Video”), not furniture.
      if (next === undefined && label.words.length === 1 && !trailingStop) continue
      // The first word of a label is capitalised, as a label is.
      if (!isCapitalized(token.value)) continue
      const whole = block.words <= compiled.maxBlockWords
      const finalEnd = whole ? block.end : (next && next.kind !== 'word' && followers.has(next.value) ? next.end : lastWord.end)
      const start = whole ? block.start : token.start
      const actual = whole ? textOf(tokens) : textOf(tokens.slice(first, end + 1))
      return {
        start,
        end: finalEnd,
        reason: 'Unexpected ' + label.group.reason + ' `' + clip(actual) + '`',
        note: label.group.note,
        expected: [''],
        whole
      }
    }
  }
  return undefined
}

/**
 * A short capitalised name, then a follower or a gap of several spaces
 * (“Trending on Canadian News  …”: the widget's name, then its headline).
 */
function namedThenBreak(tokens: Token[], from: number): boolean {
  for (let at = from; at < Math.min(tokens.length, from + 4); at++) {
    const token = tokens[at]!
    if (token.kind !== 'word' || !isCapitalized(token.value)) return false
    const next = tokens[at + 1]
    if (!next) return false
    if (next.kind !== 'word' && followers.has(next.value)) return true
    if ((next.start.offset ?? 0) - (token.end.offset ?? 0) >= 2 || next.start.line !== token.end.line) return true
  }
  return false
}

function isSeparator(token: Token): boolean {
  return token.kind !== 'word' && (token.value === '|' || token.value === '•')
}

/** A short credit after `Photo`: capitalised or all-caps words (`DR`, `AFP`, `Loïc Bernard`). */
function isCredit(tokens: Token[]): boolean {
  const words = tokens.filter((d) => d.kind === 'word')
  return words.length > 0 && words.length <= 5 && words.every((d) => isCapitalized(d.value) || /^[©(]/.test(d.value))
}

function promptFinding(block: Block, compiled: Compiled): Finding | undefined {
  if (block.words > compiled.promptWords) return undefined
  const keys = block.tokens.filter((d) => d.kind === 'word').map(key)
  // Any prompt anywhere makes the same finding: look prompts up by the word
  // they start with rather than trying each at each word.
  for (let at = 0; at < keys.length; at++) {
    const candidates = compiled.promptsByFirst.get(keys[at]!)
    if (!candidates) continue
    for (const prompt of candidates) {
      if (at + prompt.length <= keys.length && prompt.every((word, offset) => keys[at + offset] === word)) {
        return {start: block.start, end: block.end, reason: 'Unexpected newsletter or paywall prompt `' + clip(textOf(block.tokens)) + '`', note: compiled.promptNote, expected: ['']}
      }
    }
  }
  return undefined
}

/** A block made only of furniture words (“Share Facebook Twitter Email”, “Advertisement”), or a short `©` credit. */
function furnitureFinding(block: Block, compiled: Compiled): Finding | undefined {
  const first = block.tokens[0]
  if (first && first.value === '©' && block.words <= 8) {
    const credit = [...compiled.labels.values()].flat().find((d) => d.group.kind === 'credit')?.group
    return {start: block.start, end: block.end, reason: 'Unexpected caption or credit residue `' + clip(textOf(block.tokens)) + '`', note: credit?.note ?? 'A photo credit left from the page.', expected: ['']}
  }
  // `block.words` counts the word tokens: no list for the long blocks.
  if (block.words === 0 || block.words > 12) return undefined
  const words = block.tokens.filter((d) => d.kind === 'word')
  if (!block.tokens.every((d) => d.kind === 'word' || /^[|•·,:;/–—-]$/.test(d.value))) return undefined
  if (!words.every((d) => compiled.furniture.has(key(d)))) return undefined
  if (words.every((d) => compiled.furnitureSmall.has(key(d)))) return undefined
  // One word alone may be a heading (“Comments”); only an ad slot is furniture alone.
  if (words.length === 1 && !/^(?:advertisement|advertising|advert|publicite|sponsored)$/.test(key(words[0]!))) return undefined
  // One word must be capitalised, as a button or a widget title is.
  if (!words.some((d) => isCapitalized(d.value))) return undefined
  return {start: block.start, end: block.end, reason: 'Unexpected page furniture `' + clip(textOf(block.tokens)) + '`', note: compiled.promptNote, expected: ['']}
}

/** A block of at least five short separated items, mostly capitalised, without a sentence ending: a tag list. */
function itemList(block: Block, compiled: Compiled): Finding | undefined {
  const items: Token[][] = [[]]
  for (const token of block.tokens) {
    if (token.kind !== 'word' && itemSeparators.has(token.value)) items.push([])
    else items.at(-1)!.push(token)
  }
  const nonEmpty = items.filter((d) => d.some((t) => t.kind === 'word'))
  if (nonEmpty.length < 5 || nonEmpty.length > 20 || nonEmpty.length !== items.length) return undefined
  if (sentenceEnd.test(textOf(block.tokens))) return undefined
  for (const item of nonEmpty) {
    const words = item.filter((d) => d.kind === 'word')
    if (words.length > 3) return undefined
    if (words.some((d) => ['and', 'or', 'is', 'are', 'was', 'were', 'the'].includes(d.key))) return undefined
  }
  const capitalised = nonEmpty.filter((d) => isCapitalized(d.find((t) => t.kind === 'word')!.value)).length
  if (capitalised / nonEmpty.length < 0.6) return undefined
  return {start: block.start, end: block.end, reason: 'Unexpected tag list `' + clip(textOf(block.tokens)) + '`', note: tagsNote(compiled), expected: ['']}
}

function tagsNote(compiled: Compiled): string {
  return [...compiled.labels.values()].flat().find((d) => d.group.kind === 'tags')?.group.note ?? 'The page’s tags, scraped with the article.'
}

function relatedNote(compiled: Compiled): string {
  return [...compiled.labels.values()].flat().find((d) => d.group.kind === 'related')?.group.note ?? 'A related-article link scraped with the article.'
}

/** A bullet item of at most four words without a sentence ending. */
function isBulletItem(block: Block): boolean {
  const first = block.tokens[0]
  return first !== undefined && first.kind !== 'word' && bullets.has(first.value) && block.words > 0 && block.words <= 4 && !sentenceEnd.test(textOf(block.tokens))
}

/** A headline: at most 20 words, a `Topic:` in its first words, no full stop at the end. */
function isHeadline(block: Block): boolean {
  if (block.words > 20 || block.words < 3) return false
  const text = textOf(block.tokens)
  if (/\.["”»’)]*$/.test(text)) return false
  const colon = block.tokens.findIndex((d) => d.value === ':')
  return colon > 0 && colon <= 8
}

/** Ranges of Markdown / HTML paragraphs whose only content is one link. */
function linkOnlyRanges(file: VFile): Array<[number, number]> {
  const data = file.data.mtlint
  if (!data) return []
  const result: Array<[number, number]> = []
  type Node = {type: string; tagName?: string; value?: string; children?: Node[]; position?: {start: Point; end: Point}}
  const significant = (node: Node): Node[] =>
    (node.children ?? []).filter((d) => !(d.type === 'text' && (d.value ?? '').trim() === ''))
  const unwrap = (node: Node): Node => {
    let current = node
    for (;;) {
      const children = significant(current)
      const only = children[0]
      if (children.length === 1 && only && (only.type === 'emphasis' || only.type === 'strong' || (only.type === 'element' && ['strong', 'em', 'b', 'i', 'span'].includes(only.tagName ?? '')))) current = only
      else return current
    }
  }
  const walk = (node: Node) => {
    // A list of links is a table of contents or a link list the author
    // made: list items are skipped, only a paragraph that is one link counts.
    if (node.type === 'listItem' || (node.type === 'element' && (node.tagName === 'li' || node.tagName === 'nav'))) return
    const isParagraph = node.type === 'paragraph' || (node.type === 'element' && node.tagName === 'p')
    if (isParagraph && node.position) {
      const children = significant(unwrap(node))
      const only = children[0]
      if (children.length === 1 && only && (only.type === 'link' || (only.type === 'element' && only.tagName === 'a'))) {
        result.push([node.position.start.offset ?? 0, node.position.end.offset ?? 0])
      }
    }
    for (const child of node.children ?? []) walk(child)
  }
  walk(data.sourceTree as Node)
  return result
}

/** Ranges of Markdown and HTML lists. */
function listRanges(file: VFile): Array<[number, number]> {
  const data = file.data.mtlint
  if (!data) return []
  const result: Array<[number, number]> = []
  type Node = {type: string; tagName?: string; children?: Node[]; position?: {start: Point; end: Point}}
  const walk = (node: Node) => {
    if ((node.type === 'list' || (node.type === 'element' && (node.tagName === 'ul' || node.tagName === 'ol'))) && node.position) {
      result.push([node.position.start.offset ?? 0, node.position.end.offset ?? 0])
      return
    }
    for (const child of node.children ?? []) walk(child)
  }
  walk(data.sourceTree as Node)
  return result
}

function htmlFindings(blocks: Block[], file: VFile, compiled: Compiled): Finding[] {
  const doc = String(file.value)
  const findings: Finding[] = []
  const type = file.data.mtlint?.type ?? 'text'
  const patterns: Array<[RegExp, boolean]> = type === 'text' ? [[htmlAttribute, false], [htmlEntity, true]] : [[htmlAttribute, false]]
  for (const block of blocks) {
    const start = block.start.offset ?? 0
    const end = block.end.offset ?? 0
    // Cheap pre-tests, block by block: every attribute has `=` and every tag
    // `<`; every entity `&`. Most blocks have none of them.
    if (type === 'text' ? !markupCharacter(doc, start, end) : !tokensHold(block.tokens, '=')) continue
    const slice = doc.slice(start, end)
    for (const [pattern, entity] of patterns) {
      if (type !== 'text' && !entity) {
        // In Markdown and HTML, markup is syntax: only attributes that reached
        // the prose (escaped or in plain words) count.
        const prose = textOf(block.tokens)
        if (!htmlAttributeOnly.test(prose)) continue
      }
      pattern.lastIndex = 0
      for (let match = pattern.exec(slice); match; match = pattern.exec(slice)) {
        if (type !== 'text' && !htmlAttributeOnly.test(match[0])) continue
        const from = start + match.index
        const to = from + match[0].length
        const name = match[0].slice(1, -1).toLowerCase()
        findings.push({
          start: pointAt(doc, from),
          end: pointAt(doc, to),
          reason: entity ? 'Unexpected HTML entity `' + match[0] + '`' : 'Unexpected HTML markup `' + clip(match[0]) + '`',
          note: compiled.htmlNote,
          expected: entity && entityText[name] !== undefined ? [entityText[name]!] : ['']
        })
      }
    }
  }
  return findings
}

/** Whether `doc` holds `=`, `<` or `&` between `start` and `end`. */
function markupCharacter(doc: string, start: number, end: number): boolean {
  for (let index = start; index < end; index++) {
    const code = doc.charCodeAt(index)
    if (code === 0x3d || code === 0x3c || code === 0x26) return true
  }
  return false
}

/** Whether a token's value holds `character` (then `textOf` of the tokens does). */
function tokensHold(tokens: Token[], character: string): boolean {
  for (const token of tokens) if (token.value.includes(character)) return true
  return false
}

/** A point (1-based line and column, offset) at an offset of the document. */
function pointAt(doc: string, offset: number): Point {
  let line = 1
  let lineStart = 0
  for (let index = 0; index < offset; index++) {
    const code = doc.charCodeAt(index)
    if (code === 10 || (code === 13 && doc.charCodeAt(index + 1) !== 10)) {
      line++
      lineStart = index + 1
    }
  }
  return {line, column: offset - lineStart + 1, offset}
}

/**
 * The messages of glossary entries of category `boilerplate` inside a
 * finding, to drop: the structural finding covers the whole block (label and
 * title), so deleting it is the right fix, and one span is reported once.
 */
function supersededGlossary(file: VFile, findings: Finding[], glossary: Glossary | undefined): Set<unknown> {
  const result = new Set<unknown>()
  if (!glossary || findings.length === 0) return result
  // The boilerplate family includes untranslated labels (À lire aussi).
  const ids = new Set(glossary.entries.filter((d) => d.family === 'boilerplate' || d.category === 'boilerplate').map((d) => d.id))
  for (const message of file.messages) {
    const fields = message as typeof message & {rule?: string; categoryName?: string}
    if (fields.rule !== 'glossary' || !(fields.categoryName === 'boilerplate' || ids.has(String(message.ruleId)))) continue
    const place = message.place
    if (!place || !('start' in place) || place.start.offset === undefined || place.end.offset === undefined) continue
    const start = place.start.offset
    const end = place.end.offset
    if (findings.some((d) => start >= (d.start.offset ?? 0) && end <= (d.end.offset ?? 0))) result.add(message)
  }
  return result
}

function report(finding: Finding, file: VFile, context: RuleContext): void {
  const doc = String(file.value)
  const actual = doc.slice(finding.start.offset ?? 0, finding.end.offset ?? 0)
  context.report({place: {start: finding.start, end: finding.end}, reason: finding.reason, actual, expected: finding.expected, note: finding.note})
}
