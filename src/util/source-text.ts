/**
 * The prose of a paragraph as one string, with the document offset of every
 * character, for rules whose object really is characters (typography,
 * numbers). Built from the nlcst leaves, so Markdown/HTML markup between
 * words is not in the string and each code span, URL or e-mail address
 * (`SourceNode`) is one placeholder character that no pattern matches.
 */
import type {Root} from 'nlcst'
import type {Point} from 'unist'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import type {Severity} from '../types.js'
import type {RuleContext} from '../rule.js'
import {memoOn} from './memo.js'

/** Horizontal spaces French typography uses: space, no-break, narrow no-break, thin (a pattern class). */
export const frenchSpace = '[ \\u00A0\\u202F\\u2009]'

/** A finding of a character-level rule, by offsets in a prose text. */
export interface CharacterFinding {
  /** First character (in the prose text). */
  from: number
  /** After the last character. */
  to: number
  /** Short reason. */
  reason: string
  /** Drop-in replacements for `from`..`to`. */
  expected: string[]
  /** Why, naming the French convention. */
  note: string
  /** Severity, when not the rule's. */
  severity?: Severity
  /** Whether `--fix` may apply `expected[0]`. */
  safe: boolean
  /** A range claimed only to keep other checks out of it (never reported). */
  skip?: boolean
}

/** Stands for a `SourceNode` (code, URL, e-mail) in the text of a paragraph. */
export const sourcePlaceholder = '\uFFFC'

/** The prose of one paragraph with offsets into the document. */
export interface ProseText {
  /** The text, markup removed, sources replaced by `sourcePlaceholder`. */
  text: string
  /** Document offset of character `index` of `text`. */
  start(index: number): number
  /** Document offset just after character `index` of `text`. */
  end(index: number): number
}

/**
 * The offsets of a prose text, kept as runs rather than two numbers per
 * character: a rule asks for the offsets of its few findings only, and
 * filling per-character arrays was most of the cost of building the prose.
 * A run either maps its characters one to one onto the document from
 * `from` (a word as the document writes it, and its neighbours when nothing
 * stands between them), or lists each character's range (an entity, an
 * escape, a source).
 */
class Prose implements ProseText {
  text = ''
  /** Characters so far, `text` and the run not yet appended. */
  private length = 0
  /**
   * Where the one-to-one run not yet in `text` begins in the document: its
   * characters are appended as one slice of the document when it ends
   * (appending word by word built a rope every pattern then had to flatten).
   */
  private pending = -1
  /** Where each run begins in `text`, ascending. */
  private at: number[] = []
  /** The document offset of each run's first character (one-to-one runs). */
  private from: number[] = []
  /** Each character's range, for runs that are not one to one. */
  private ranges: Array<{starts: number[]; ends: number[]} | undefined> = []
  /** The document offset after the last one-to-one run, when it ends the text (it may grow). */
  private next = -1

  constructor(private readonly doc: string | undefined) {}

  /** Append characters that stand one to one for the document from `start`. */
  plain(value: string, start: number): void {
    if (this.next === start) {
      // The document goes on where the last run stopped: the run grows.
      if (this.doc === undefined) this.text += value
      this.length += value.length
      this.next = start + value.length
      return
    }
    this.flush()
    this.at.push(this.length)
    this.from.push(start)
    this.ranges.push(undefined)
    if (this.doc === undefined) this.text += value
    else this.pending = start
    this.length += value.length
    this.next = start + value.length
  }

  /** Append characters with their own ranges. */
  mapped(value: string, starts: number[], ends: number[]): void {
    this.flush()
    this.at.push(this.length)
    this.from.push(-1)
    this.ranges.push({starts, ends})
    this.text += value
    this.length += value.length
    this.next = -1
  }

  /** Put the pending run into `text` (before reading it). */
  flush(): void {
    if (this.pending === -1) return
    this.text += this.doc!.slice(this.pending, this.next)
    this.pending = -1
  }

  start(index: number): number {
    const run = this.run(index)
    const ranges = this.ranges[run]
    return ranges ? ranges.starts[index - this.at[run]!]! : this.from[run]! + index - this.at[run]!
  }

  end(index: number): number {
    const run = this.run(index)
    const ranges = this.ranges[run]
    return ranges ? ranges.ends[index - this.at[run]!]! : this.from[run]! + index - this.at[run]! + 1
  }

  /** The run holding character `index` (binary search: a paragraph may have many runs). */
  private run(index: number): number {
    let low = 0
    let high = this.at.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (this.at[middle]! <= index) low = middle
      else high = middle - 1
    }
    return low
  }
}

interface Leaf {
  type: string
  value?: string
  children?: Leaf[]
  position?: {start: Point; end: Point} | undefined
}

/**
 * The prose of every paragraph of a tree, in document order. Pass the
 * document so characters written as HTML entities or Markdown escapes
 * (`&nbsp;`, `\\*`) map onto their whole source.
 */
export function proseTexts(tree: Root, doc?: string): ProseText[] {
  // Several rules read the prose of the same tree: build it once per tree
  // and document (the result is shared; callers must not change it).
  const cached = proseCache.get(tree)
  if (cached && cached.doc === doc && cached.children === tree.children) return cached.texts
  const result: ProseText[] = []
  const walk = (node: Leaf) => {
    if (node.type === 'ParagraphNode') {
      const prose = new Prose(doc)
      collect(node, prose, doc)
      prose.flush()
      if (prose.text.length > 0) result.push(prose)
      return
    }
    for (const child of node.children ?? []) walk(child)
  }
  walk(tree as unknown as Leaf)
  proseCache.set(tree, {doc, children: tree.children, texts: result})
  return result
}

const proseCache = memoOn<Root, {doc: string | undefined; children: Root['children']; texts: ProseText[]}>('mtlint.prose')

function collect(node: Leaf, prose: Prose, doc: string | undefined): void {
  if (node.type === 'SourceNode') {
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (start === undefined || end === undefined) return
    prose.mapped(sourcePlaceholder, [start], [end])
    return
  }
  if (typeof node.value === 'string') {
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (start === undefined || end === undefined) return
    const value = node.value
    if (value.length === 0) return
    // `startsWith` and the length say what `doc.slice(start, end) === value`
    // says, without cutting a string out of the document for every leaf.
    if (value.length === end - start && (doc === undefined || doc.startsWith(value, start))) {
      prose.plain(value, start)
    } else if (doc === undefined || doc.slice(start, end) === value) {
      // Without the document, a value longer than its source: the last
      // characters all map onto the last source character.
      const starts: number[] = []
      const ends: number[] = []
      for (let index = 0; index < value.length; index++) {
        starts.push(Math.min(start + index, end - 1))
        ends.push(Math.min(start + index + 1, end))
      }
      prose.mapped(value, starts, ends)
    } else {
      const starts: number[] = []
      const ends: number[] = []
      align(value, doc, start, end, starts, ends)
      prose.mapped(value, starts, ends)
    }
    return
  }
  const children = node.children
  if (children) for (let index = 0; index < children.length; index++) collect(children[index]!, prose, doc)
}

/** Map each character of a value onto its source, where entities and escapes make them differ. */
function align(value: string, doc: string, start: number, end: number, starts: number[], ends: number[]): void {
  let at = start
  let last = {from: start, to: start}
  for (let index = 0; index < value.length; index++) {
    const character = value[index]!
    let range: {from: number; to: number} | undefined
    if (at < end && doc[at] === character) range = {from: at, to: at + 1}
    else if (at < end && doc[at] === '\\' && doc[at + 1] === character) range = {from: at, to: at + 2}
    else if (at < end && doc[at] === '&') {
      const semicolon = doc.indexOf(';', at)
      if (semicolon !== -1 && semicolon < end && semicolon - at <= 32) range = {from: at, to: semicolon + 1}
    }
    if (!range && at < end) {
      // Markup stripped from the value (indentation, `>` of a quote): skip ahead to the character.
      const next = doc.slice(at, Math.min(end, at + 16)).indexOf(character)
      if (next > 0) range = {from: at + next, to: at + next + 1}
    }
    if (range) {
      at = range.to
      last = range
    } else if (index > 0 && /[\uDC00-\uDFFF]/.test(character)) {
      // The second half of an astral character from a numeric entity: same source.
      range = last
    } else {
      range = {from: Math.min(at, end - 1), to: Math.min(at + 1, end)}
      at = Math.min(at + 1, end)
      last = range
    }
    starts.push(range.from)
    ends.push(range.to)
  }
}

/** Maps offsets of the document to points (built once per file). */
export interface PlaceMapper {
  /** The document. */
  doc: string
  /** The place of characters `from`..`to` (exclusive) of a prose text. */
  place(prose: ProseText, from: number, to: number): {start: Point; end: Point; actual: string}
}

/** A place mapper for a file. */
export function placeMapper(file: VFile): PlaceMapper {
  const doc = String(file)
  const points = location(file)
  return {
    doc,
    place(prose, from, to) {
      // Positions are exact (the parser realigns words after entities and
      // block-quote prefixes); where the source differs from the prose text
      // (an entity), `actual` shows the source and rules offer no fix.
      const startOffset = prose.start(from)
      const endOffset = prose.end(to - 1)
      return {
        start: points.toPoint(startOffset)!,
        end: points.toPoint(endOffset) ?? points.toPoint(doc.length)!,
        actual: doc.slice(startOffset, endOffset)
      }
    }
  }
}

const regExps = new Map<string, RegExp>()

/**
 * A regular expression built from a string, compiled once per process:
 * Unicode property classes (`\p{L}`) are costly to compile, and the rules
 * build their patterns from settings. Safe to share: `matchAll` copies a
 * global expression, and non-global ones keep no state.
 */
export function cachedRegExp(source: string, flags = 'gu'): RegExp {
  const key = flags + '/' + source
  let value = regExps.get(key)
  if (!value) {
    value = new RegExp(source, flags)
    regExps.set(key, value)
  }
  return value
}

/** Report character findings of one prose text, in order; no fix where the source differs (markup, entities). */
export function reportCharacterFindings(found: CharacterFinding[], prose: ProseText, mapper: PlaceMapper, context: RuleContext): void {
  found.sort((a, b) => a.from - b.from)
  for (const finding of found) {
    if (finding.skip) continue
    const place = mapper.place(prose, finding.from, finding.to)
    // Markup inside the range (`**word** :`): the replacement would drop it.
    const clean = place.actual === prose.text.slice(finding.from, finding.to)
    context.report({
      place: {start: place.start, end: place.end},
      reason: finding.reason,
      actual: place.actual,
      expected: clean ? finding.expected : [],
      note: finding.note,
      severity: finding.severity,
      safe: clean && finding.safe
    })
  }
}
