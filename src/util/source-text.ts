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
  /** Document offset of each character of `text`. */
  starts: number[]
  /** Document offset just after each character of `text`. */
  ends: number[]
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
  if (cached && cached.doc === doc) return cached.texts
  const result: ProseText[] = []
  const walk = (node: Leaf) => {
    if (node.type === 'ParagraphNode') {
      const prose: ProseText = {text: '', starts: [], ends: []}
      collect(node, prose, doc)
      if (prose.text.length > 0) result.push(prose)
      return
    }
    for (const child of node.children ?? []) walk(child)
  }
  walk(tree as unknown as Leaf)
  proseCache.set(tree, {doc, texts: result})
  return result
}

const proseCache = new WeakMap<Root, {doc: string | undefined; texts: ProseText[]}>()

function collect(node: Leaf, prose: ProseText, doc: string | undefined): void {
  if (node.type === 'SourceNode') {
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (start === undefined || end === undefined) return
    prose.text += sourcePlaceholder
    prose.starts.push(start)
    prose.ends.push(end)
    return
  }
  if (typeof node.value === 'string') {
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (start === undefined || end === undefined) return
    const value = node.value
    if (doc === undefined || doc.slice(start, end) === value) {
      for (let index = 0; index < value.length; index++) {
        prose.starts.push(Math.min(start + index, end - 1))
        prose.ends.push(Math.min(start + index + 1, end))
      }
    } else align(value, doc, start, end, prose)
    prose.text += value
    return
  }
  for (const child of node.children ?? []) collect(child, prose, doc)
}

/** Map each character of a value onto its source, where entities and escapes make them differ. */
function align(value: string, doc: string, start: number, end: number, prose: ProseText): void {
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
    prose.starts.push(range.from)
    prose.ends.push(range.to)
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
      const startOffset = prose.starts[from]!
      const endOffset = prose.ends[to - 1]!
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
