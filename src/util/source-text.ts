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

/** The prose of every paragraph of a tree, in document order. */
export function proseTexts(tree: Root): ProseText[] {
  const result: ProseText[] = []
  const walk = (node: Leaf) => {
    if (node.type === 'ParagraphNode') {
      const prose: ProseText = {text: '', starts: [], ends: []}
      collect(node, prose)
      if (prose.text.length > 0) result.push(prose)
      return
    }
    for (const child of node.children ?? []) walk(child)
  }
  walk(tree as unknown as Leaf)
  return result
}

function collect(node: Leaf, prose: ProseText): void {
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
    // An HTML entity (`&amp;`) is longer in the source than in the value:
    // clamp so every character still maps inside its node.
    for (let index = 0; index < value.length; index++) {
      const from = Math.min(start + index, end - 1)
      prose.starts.push(from)
      prose.ends.push(index === value.length - 1 ? end : Math.min(from + 1, end))
    }
    prose.text += value
    return
  }
  for (const child of node.children ?? []) collect(child, prose)
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
