/**
 * The warm path: parse a document block by block (blocks are separated by
 * blank lines, fenced code and front matter kept whole), caching each block's
 * trees by its text, so re-linting after an edit re-parses only the blocks
 * that changed. The language server and the editor benchmark use it; the CLI
 * parses whole documents.
 *
 * Blocks always start at the start of a line, so reusing a block elsewhere
 * in the document only shifts lines and offsets, never columns.
 *
 * The one difference from a whole-document Markdown parse: a reference link
 * whose definition is in another block reads as its text.
 */
import type {Root as NlcstRoot, RootContent as NlcstRootContent} from 'nlcst'
import type {Node, Point} from 'unist'
import {VFile} from 'vfile'
import {visit} from 'unist-util-visit'
import {endPoint, parseToNlcst} from './parse.js'
import type {DocumentType} from './types.js'

/** A block of a document. */
interface Block {
  /** Text of the block (without the blank lines after it). */
  text: string
  /** Offset of its first character in the document. */
  offset: number
  /** 1-based line of its first character. */
  line: number
}

/** Cached trees of one block, with positions relative to the block. */
interface Entry {
  nlcst: NlcstRootContent[]
  source: Node[]
  /** Every distinct point object in both trees, collected once, so a move is one loop. */
  points: Point[]
  /** Where the trees' positions currently point (they are shifted in place). */
  line: number
  offset: number
}

/** Split a document into blocks at blank lines, keeping fences and front matter whole. */
export function splitBlocks(doc: string, type: DocumentType): Block[] {
  const blocks: Block[] = []
  const lines = doc.split(/(?<=\n)/)
  let fence: string | undefined
  let frontMatter = type === 'markdown' && /^\uFEFF?(---|\+\+\+)\r?\n/.test(doc)
  let current: Block | undefined
  let offset = 0
  let line = 1

  for (const raw of lines) {
    const content = raw.replace(/\r?\n$/, '')
    const blank = content.trim() === ''
    if (type === 'markdown') {
      if (frontMatter && current && /^(---|\+\+\+)\s*$/.test(content)) frontMatter = false
      else if (!frontMatter) {
        const marker = /^ {0,3}(`{3,}|~{3,})/.exec(content)?.[1]
        if (fence) {
          if (marker && marker[0] === fence[0] && marker.length >= fence.length && content.trim() === marker) fence = undefined
        } else if (marker) fence = marker
      }
    }
    if (blank && !fence && !frontMatter) {
      if (current) {
        blocks.push(current)
        current = undefined
      }
    } else if (current) current.text += raw
    else current = {text: raw, offset, line}
    offset += raw.length
    line++
  }
  if (current) blocks.push(current)
  // Trailing line endings are not part of a block.
  for (const block of blocks) block.text = block.text.replace(/(\r?\n|\r)+$/, '')
  return blocks
}

/** The distinct point objects of trees (nodes may share them). */
function collectPoints(trees: Node[]): Point[] {
  const seen = new Set<Point>()
  const add = (point: Point | undefined) => {
    if (point) seen.add(point)
  }
  for (const tree of trees) {
    visit(tree, (node) => {
      add(node.position?.start)
      add(node.position?.end)
    })
  }
  return [...seen]
}

/** A cache of parsed blocks, kept by a processor across documents (bounded). */
export class BlockCache {
  private readonly entries = new Map<string, Entry>()
  private readonly limit: number

  constructor(limit = 4096) {
    this.limit = limit
  }

  /** Number of cached blocks. */
  get size(): number {
    return this.entries.size
  }

  /**
   * Parse a document through the cache: nlcst for the rules, and the
   * document's source tree (for comment markers) in `file.data.mtlint`.
   */
  parse(doc: string, file: VFile, type: Exclude<DocumentType, 'html'>): NlcstRoot {
    const blocks = splitBlocks(doc, type)
    const children: NlcstRootContent[] = []
    const source: Node[] = []
    const used = new Set<Entry>()

    for (const block of blocks) {
      const key = type + '\0' + (block.offset === 0 ? 'first\0' : '') + block.text
      let entry = this.entries.get(key)
      if (entry && used.has(entry)) entry = undefined
      if (entry) {
        // Refresh its place in the LRU order.
        this.entries.delete(key)
        this.entries.set(key, entry)
      } else {
        const blockFile = new VFile({path: file.path, value: block.text})
        const tree = parseToNlcst(block.text, blockFile, type)
        const sourceTree = blockFile.data.mtlint!.sourceTree as Node & {children?: Node[]}
        const source = sourceTree.children ?? []
        entry = {nlcst: tree.children, source, points: collectPoints([...tree.children, ...source] as Node[]), line: 1, offset: 0}
        if (!this.entries.has(key)) {
          this.entries.set(key, entry)
          if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!)
        }
      }
      used.add(entry)
      const lines = block.line - entry.line
      const offset = block.offset - entry.offset
      if (lines !== 0 || offset !== 0) {
        for (const point of entry.points) {
          point.line += lines
          if (point.offset !== undefined) point.offset += offset
        }
      }
      entry.line = block.line
      entry.offset = block.offset
      children.push(...entry.nlcst)
      source.push(...entry.source)
    }

    const end = endPoint(doc)
    const position = {start: {line: 1, column: 1, offset: 0}, end}
    file.data.mtlint = {type, sourceTree: {type: 'root', children: source, position} as Node}
    return {type: 'RootNode', children, position}
  }
}
