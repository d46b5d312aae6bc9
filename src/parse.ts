/**
 * One parser for every input type: Markdown (remark-parse + GFM + front
 * matter → mdast-util-to-nlcst, as remark-retext does), HTML (rehype-parse →
 * hast-util-to-nlcst, as rehype-retext does) and plain text (parse-english).
 *
 * Why one parser instead of three pipelines: unified-engine drives a single
 * processor over files of every extension, and the language server, the eval
 * and the benchmarks must share exactly what the CLI does. The parser picks
 * the front end from the file's extension (or `type`), and the rest of the
 * pipeline is the same retext chain for all three.
 *
 * Code, inline code, URLs, e-mail addresses, front matter, HTML attributes,
 * scripts and styles never reach the rules: they are dropped or become
 * `SourceNode`s, which rules skip and phrases never match across.
 */
import type {Root as NlcstRoot, Sentence, SentenceContent, Source} from 'nlcst'
import type {Root as MdastRoot, Nodes as MdastNodes} from 'mdast'
import type {Root as HastRoot} from 'hast'
import type {Node, Point, Position} from 'unist'
import type {Plugin, Processor} from 'unified'
import {VFile} from 'vfile'
import {unified} from 'unified'
import remarkParse from 'remark-parse'
import remarkGfm from 'remark-gfm'
import remarkFrontmatter from 'remark-frontmatter'
import rehypeParse from 'rehype-parse'
import {toNlcst as mdastToNlcst} from 'mdast-util-to-nlcst'
import {toNlcst as hastToNlcst} from 'hast-util-to-nlcst'
import {BridgeEnglish, English} from './english.js'
import {visit} from 'unist-util-visit'
import {location} from 'vfile-location'
import type {DocumentType} from './types.js'

/** What the parser keeps about a document for later stages. */
export interface ParsedDocumentData {
  /** Which front end parsed it. */
  type: DocumentType
  /** The mdast / hast tree (for comment markers), or a list of comment nodes for text. */
  sourceTree: Node
}

declare module 'vfile' {
  interface DataMap {
    mtlint: ParsedDocumentData
  }
}

/** Options of the parser. */
export interface ParseOptions {
  /** Force a document type (default: from the file extension, else text). */
  type?: DocumentType | undefined
  /** Parse Markdown and text block by block through this cache (the editor path). */
  cache?: BlockCacheLike | undefined
}

/** What the parser needs of a block cache (see `blocks.ts`). */
export interface BlockCacheLike {
  parse(doc: string, file: VFile, type: 'markdown' | 'text'): NlcstRoot
}

const markdownExtensions = new Set(['.md', '.markdown', '.mdown', '.mkd', '.mkdn', '.mdx'])
const htmlExtensions = new Set(['.html', '.htm', '.xhtml'])

/** The extensions mtlint lints by default. */
export const extensions = ['md', 'markdown', 'html', 'htm', 'txt', 'text']

/** The document type of a path. */
export function typeFromPath(path: string | undefined): DocumentType {
  const match = path ? /\.[^./\\]+$/.exec(path) : null
  const extname = match ? match[0].toLowerCase() : ''
  if (markdownExtensions.has(extname)) return 'markdown'
  if (htmlExtensions.has(extname)) return 'html'
  return 'text'
}

let htmlParser: Processor<HastRoot> | undefined

/**
 * GFM constructs a document may lack, with what each needs in the text.
 * micromark tries each construct where it could start: autolink literals at
 * every word start (an e-mail address could begin there; they doubled
 * micromark's time on news text), the table at every line, the strikethrough
 * resolver over every inline run. A document without the hint cannot hold
 * the construct, and its parse is the same without it (checked on every
 * Markdown file of corpus/, the real corpus and the tests).
 */
const optionalConstructs: Array<{names: string[]; hint: RegExp}> = [
  {names: ['wwwAutolink', 'protocolAutolink', 'emailAutolink'], hint: /@|www\.|https?:\/\//i},
  {names: ['table'], hint: /\|/},
  {names: ['strikethrough'], hint: /~/},
  {names: ['gfmFootnoteDefinition', 'gfmFootnoteCall', 'gfmPotentialFootnoteCall'], hint: /\[\^/},
  {names: ['tasklistCheck'], hint: /\[[\t xX]\]/}
]

/** Markdown parsers by the set of GFM constructs left out (at most 2⁵, made on first use). */
const markdownParsers = new Map<number, Processor<MdastRoot>>()

/** The Markdown parser for a document: GFM without the constructs it cannot hold. */
function getMarkdownParser(doc: string): Processor<MdastRoot> {
  let mask = 0
  for (const [index, construct] of optionalConstructs.entries()) {
    if (!construct.hint.test(doc)) mask |= 1 << index
  }
  let parser = markdownParsers.get(mask)
  if (!parser) {
    const dropped = new Set(optionalConstructs.flatMap((d, index) => (mask & (1 << index) ? d.names : [])))
    parser = unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(withoutConstructs, dropped)
      .use(remarkFrontmatter, ['yaml', 'toml'])
      .freeze() as unknown as Processor<MdastRoot>
    markdownParsers.set(mask, parser)
  }
  return parser
}

type Extension = Record<string, unknown>
type Construct = {name?: string}

/** Drop micromark constructs by name from the processor's extensions (and the autolink-literal transform when those go). */
function withoutConstructs(this: Processor, dropped: Set<string>): void {
  if (dropped.size === 0) return
  const data = this.data() as {micromarkExtensions?: Extension[]; fromMarkdownExtensions?: unknown[]}
  data.micromarkExtensions = (data.micromarkExtensions ?? []).map(function (extension) {
    const result: Extension = {}
    for (const [field, value] of Object.entries(extension)) {
      if (!value || typeof value !== 'object' || Array.isArray(value) || field === 'attentionMarkers') {
        result[field] = value
        continue
      }
      const kept: Record<string, unknown> = {}
      for (const [code, constructs] of Object.entries(value as Record<string, Construct | Construct[]>)) {
        const list = (Array.isArray(constructs) ? constructs : [constructs]).filter((d) => !dropped.has(d.name ?? ''))
        if (list.length > 0) kept[code] = list
      }
      result[field] = kept
    }
    return result
  })
  if (!dropped.has('emailAutolink')) return
  const strip = (extension: unknown): unknown =>
    Array.isArray(extension)
      ? extension.map(strip)
      : typeof extension === 'object' && extension !== null && 'transforms' in extension && 'enter' in extension && 'literalAutolink' in ((extension as {enter: object}).enter)
        ? {...extension, transforms: []}
        : extension
  data.fromMarkdownExtensions = (data.fromMarkdownExtensions ?? []).map(strip)
}

function getHtmlParser(): Processor<HastRoot> {
  htmlParser ??= unified().use(rehypeParse).freeze() as unknown as Processor<HastRoot>
  return htmlParser
}

/**
 * The parser plugin: sets the processor's parser to one that turns any
 * supported document into nlcst with exact positions.
 */
export const mtlintParse: Plugin<[(ParseOptions | undefined)?], string, NlcstRoot> = function (this: Processor, options?: ParseOptions | undefined): void {
  const forced = options?.type
  const cache = options?.cache
  // unified's parser is called as `parser(doc, file)`.
  this.parser = function (doc: string, file: VFile): NlcstRoot {
    const type = forced ?? typeFromPath(file.path)
    if (cache && type !== 'html') {
      checkInput(doc, file)
      return cache.parse(doc, file, type)
    }
    return parseToNlcst(doc, file, type)
  }
}

/** Parse a document of a type into nlcst (also records `file.data.mtlint`). */
export function parseToNlcst(doc: string, file: VFile, type: DocumentType): NlcstRoot {
  checkInput(doc, file)
  let tree: NlcstRoot
  let sourceTree: Node

  if (type === 'markdown') {
    // micromark drops a leading BOM and counts positions without it: parse
    // the text after the BOM, then shift every position back onto the file.
    const bom = doc.charCodeAt(0) === 0xfeff
    const input = bom ? new VFile({path: file.path, value: doc.slice(1)}) : file
    const mdast = getMarkdownParser(doc).parse(input) as MdastRoot
    sourceAutolinks(mdast, String(input))
    // The bridge gives every token its position in the document: tokens
    // come from `tokenize` without one.
    tree = mdastToNlcst(mdast, input, BridgeEnglish, {
      ignore: ['code', 'html', 'yaml', 'toml', 'math', 'inlineMath', 'definition'],
      source: ['inlineCode']
    }) as NlcstRoot
    if (bom) {
      shiftFirstCharacter(mdast)
      shiftFirstCharacter(tree)
    }
    sourceTree = mdast
  } else if (type === 'html') {
    const hast = getHtmlParser().parse(file) as HastRoot
    markHtml(hast)
    // An empty or blank document parses to a root without a position, which
    // hast-util-to-nlcst refuses: there is nothing to lint.
    tree = hast.position ? (hastToNlcst(hast, file, English) as NlcstRoot) : {type: 'RootNode', children: []}
    sourceTree = hast
  } else {
    tree = new English().parse(doc)
    sourceTree = textComments(doc, tree)
  }

  if (type === 'html' || (type === 'markdown' && !alignedAsWritten(doc))) realign(tree, doc)
  markSources(tree, doc)
  file.data.mtlint = {type, sourceTree}
  return tree
}

/** The point after the last character of a document. */
export function endPoint(doc: string): Point {
  // Counted without splitting: this runs on every document.
  let line = 1
  let lineStart = 0
  for (let index = 0; index < doc.length; index++) {
    const code = doc.charCodeAt(index)
    if (code === 10 || code === 13) {
      if (code === 13 && doc.charCodeAt(index + 1) === 10) index++
      line++
      lineStart = index + 1
    }
  }
  return {line, column: doc.length - lineStart + 1, offset: doc.length}
}

/**
 * Whether every text node of a Markdown document reads as its source,
 * character for character, so the bridge's positions need no realigning.
 * A value differs from its source only through a character reference or an
 * escape (`&`, `\`), a tab or carriage return, what the parser strips from
 * a line (the prefix of a continuation line — a line starting with a space
 * or `>` — and spaces before a line ending), or a code span or image, whose
 * text the bridge places at the node's start (backtick, `![`). Plain news
 * prose has none of them (the realignment pass was ~2% of a lint);
 * `tests/parse-align.test.ts` checks the claim.
 */
export function alignedAsWritten(doc: string): boolean {
  return !/[&\\\t\r`]|\n[ >]| \n|!\[/.test(doc)
}

/** How far a word may sit past where the bridge placed it (entities, `> ` prefixes). */
const realignWindow = 24

/**
 * mdast-util-to-nlcst and hast-util-to-nlcst place words by counting the
 * characters of decoded text from the start of each text node, so words
 * after an entity (`&amp;`) or on a block-quote continuation line (`> `)
 * drift left. Put every leaf back on its own characters: at its placed
 * offset plus the drift so far, or a little further; a leaf whose text is
 * not in the source (a decoded entity) spans up to the next leaf.
 */
function realign(tree: NlcstRoot, doc: string): void {
  const place = location(doc)
  const at = (offset: number): Point => place.toPoint(Math.min(offset, doc.length)) ?? endPoint(doc)
  let cursor = 0
  let drift = 0
  let pending: {node: Node; start: number} | undefined

  // Place the leaf waiting for its end (a decoded entity); whether there was one.
  const settle = (offset: number): boolean => {
    if (!pending) return false
    const end = Math.max(pending.start, offset)
    pending.node.position = {start: at(pending.start), end: at(end)}
    pending = undefined
    return true
  }

  // Returns whether the leaf moved (its parents' spans then change too).
  const leaf = (node: Node & {value?: string}): boolean => {
    const value = node.value ?? ''
    const placed = node.position?.start.offset
    if (placed === undefined || value === '') return false
    let found = -1
    if (placed >= cursor && doc.startsWith(value, placed)) {
      // A new text node: the bridge's own place is right again.
      found = placed
      drift = 0
    } else if (node.type === 'WhiteSpaceNode' && value.includes('\n')) {
      // A line break the bridge put between blocks (list items, paragraphs):
      // the source has other characters there (`\n- `), and searching for
      // them ran on to a later blank line and took every following word with
      // it. Where the drift says it is, or where the bridge put it.
      if (doc.startsWith(value, placed + drift) && placed + drift >= cursor) {
        found = placed + drift
      } else {
        settle(Math.max(cursor, placed))
        return false
      }
    } else {
      const from = Math.max(cursor, placed + drift)
      const index = doc.indexOf(value, from)
      if (index !== -1 && index - from <= realignWindow) found = index
    }
    if (found === -1) {
      settle(Math.max(cursor, placed + drift))
      pending = {node, start: Math.max(cursor, placed + drift)}
      cursor = pending.start
      return true
    }
    const settled = settle(found)
    drift = found - placed
    cursor = found + value.length
    // Nearly every leaf is where the bridge put it: keep its points (the
    // bridge made them with the same vfile-location) rather than allocate
    // two new ones per word.
    if (found === placed && node.position!.end.offset === cursor) return settled
    node.position = {start: at(found), end: at(cursor)}
    return true
  }

  const walk = (node: Node & {children?: Node[]; value?: string}): boolean => {
    if (!node.children) return leaf(node)
    let moved = false
    for (const child of node.children) {
      if (walk(child as Node & {children?: Node[]})) moved = true
    }
    if (!moved) return false
    const first = node.children.find((d) => d.position)
    const last = node.children.findLast((d) => d.position)
    if (first?.position && last?.position) node.position = {start: first.position.start, end: last.position.end}
    return true
  }

  walk(tree as Node & {children: Node[]})
  settle(cursor)
}

/** Move every position one code unit right (for a BOM removed before parsing). */
function shiftFirstCharacter(tree: Node): void {
  const seen = new Set<Point>()
  const shift = (point: Point | undefined) => {
    if (!point || seen.has(point)) return
    seen.add(point)
    if (point.offset !== undefined) point.offset += 1
    if (point.line === 1) point.column += 1
  }
  visit(tree, function (node) {
    shift(node.position?.start)
    shift(node.position?.end)
  })
}

/** Largest document mtlint lints (in UTF-16 code units): 8 MiB of text is far past any article. */
export const maxDocumentLength = 8 * 1024 * 1024

/** Refuse binary and oversized input with a clear, fatal message (no partial run). */
function checkInput(doc: string, file: VFile): void {
  const nul = doc.indexOf('\u0000')
  if (nul !== -1) {
    file.fail('Cannot lint a binary file (NUL byte at offset ' + nul + '); expected Markdown, HTML or text', {
      ruleId: 'binary-file',
      source: 'mtlint-input'
    })
  }
  if (doc.length > maxDocumentLength) {
    file.fail(
      'Cannot lint a file of ' + doc.length + ' characters (limit ' + maxDocumentLength + '); split it into articles',
      {ruleId: 'file-too-large', source: 'mtlint-input'}
    )
  }
}

/** Autolinks (`<https://…>`, GFM literals) become inline code: their text is a URL, not prose. */
function sourceAutolinks(tree: MdastRoot, doc: string): void {
  // A link comes from `[`, `<`, or a GFM literal (`www.`, `http://`,
  // `https://`, an address with `@`): without any, skip the walk.
  if (!linkHint.test(doc)) return
  visit(tree, 'link', function (node, index, parent) {
    if (!parent || index === undefined || !node.position) return
    const text = doc.slice(node.position.start.offset ?? 0, node.position.end.offset ?? 0)
    const bare = text.replace(/^<|>$/g, '')
    if (bare === node.url || 'mailto:' + bare === node.url || node.url.endsWith(bare)) {
      const replacement: MdastNodes = {type: 'inlineCode', value: text, position: node.position}
      parent.children[index] = replacement as (typeof parent.children)[number]
    }
  })
}

const linkHint = /[[<@]|www\.|https?:\/\//i

const htmlSource = new Set(['code', 'pre', 'kbd', 'samp', 'var', 'tt'])
const htmlIgnore = new Set(['script', 'style', 'template', 'noscript', 'svg', 'math', 'del', 'head'])

function markHtml(tree: HastRoot): void {
  visit(tree, 'element', function (node) {
    if (htmlIgnore.has(node.tagName)) node.properties.dataNlcst = 'ignore'
    else if (htmlSource.has(node.tagName)) node.properties.dataNlcst = 'source'
  })
}

const commentPattern = /<!--([\s\S]*?)-->/g

/** For plain text: `<!--mtlint …-->` comments as a tree of comment nodes beside the paragraphs. */
function textComments(doc: string, tree: NlcstRoot): Node {
  const place = location(doc)
  const children: Array<Node & {value?: string}> = []
  for (const match of doc.matchAll(commentPattern)) {
    const start = match.index
    const end = start + match[0].length
    children.push({
      type: 'html',
      value: match[0],
      position: {start: place.toPoint(start)!, end: place.toPoint(end) ?? place.toPoint(doc.length)!}
    } as Node & {value: string})
  }
  for (const paragraph of tree.children) children.push(paragraph as Node)
  children.sort((a, b) => (a.position?.start.offset ?? 0) - (b.position?.start.offset ?? 0))
  return {type: 'root', children, position: tree.position} as Node
}

// URLs (with a scheme or `www.`), bare domains with a common TLD, e-mail addresses.
const sourcePattern =
  /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>"«»“”]*[^\s<>"«»“”.,;:!?)\]'’]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|fr|be|ch|eu|info|io|uk|de|it|es|ca|us|gov|edu|tv|news)\b(?:\/[^\s<>"«»“”]*[^\s<>"«»“”.,;:!?)\]])?/gi

// What every match of `sourcePattern` contains: `@`, `://`, `www.`, or a dot
// followed by a letter or digit (a domain).
const sourceHint = /@|:\/\/|www\.|\.[a-z0-9]/i

interface Parent {
  type: string
  children?: Parent[]
}

/**
 * Call `fn` on every sentence (a plain walk: `unist-util-visit` costs an
 * ancestor list per node, and this ran over every word of every document).
 */
function eachSentence(tree: NlcstRoot, fn: (sentence: Sentence) => void): void {
  const walk = (node: Parent) => {
    if (node.type === 'SentenceNode') fn(node as unknown as Sentence)
    else if (node.children) for (const child of node.children) walk(child)
  }
  walk(tree as unknown as Parent)
}

/**
 * Turn the nodes of URLs and e-mail addresses into `SourceNode`s so no rule
 * reads `https://…/poutine` as words.
 */
function markSources(tree: NlcstRoot, doc: string): void {
  eachSentence(tree, function (sentence: Sentence) {
    const start = sentence.position?.start.offset
    const end = sentence.position?.end.offset
    if (start === undefined || end === undefined) return
    const text = doc.slice(start, end)
    // Most sentences hold nothing like a URL: skip the big pattern for them.
    if (!sourceHint.test(text)) return
    const ranges: Array<[number, number]> = []
    for (const match of text.matchAll(sourcePattern)) {
      ranges.push([start + match.index, start + match.index + match[0].length])
    }
    if (ranges.length === 0) return
    const children: SentenceContent[] = []
    let index = 0
    while (index < sentence.children.length) {
      const child = sentence.children[index]!
      const offset = child.position?.start.offset
      const range = offset === undefined ? undefined : ranges.find(([from, to]) => offset >= from && offset < to)
      if (!range) {
        children.push(child)
        index++
        continue
      }
      let last = index
      while (
        last + 1 < sentence.children.length &&
        (sentence.children[last + 1]!.position?.start.offset ?? Infinity) < range[1]
      ) {
        last++
      }
      const startPoint = child.position!.start
      const endPoint = sentence.children[last]!.position!.end
      const source: Source = {
        type: 'SourceNode',
        value: doc.slice(startPoint.offset, endPoint.offset),
        position: {start: startPoint, end: endPoint} satisfies Position
      }
      children.push(source)
      index = last + 1
    }
    sentence.children = children
  })
}
