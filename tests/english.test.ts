/**
 * `English` (src/english.ts) is parse-english with a table-driven
 * `tokenize`: it must give exactly parse-english's trees — node types,
 * values, positions, and which points are shared — on plain text, through
 * the Markdown and HTML bridges, on the corpus, on generated articles and on
 * random text made of every kind of character the tokenizer tells apart.
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {Root as MdastRoot} from 'mdast'
import type {Root as HastRoot} from 'hast'
import {ParseEnglish} from 'parse-english'
import {toNlcst as mdastToNlcst} from 'mdast-util-to-nlcst'
import {toNlcst as hastToNlcst} from 'hast-util-to-nlcst'
import {unified} from 'unified'
import remarkParse from 'remark-parse'
import rehypeParse from 'rehype-parse'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {BridgeEnglish, English, replacedBreakImplicitSentences} from '../src/english.js'
import {articles, random} from '../bench/generate.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

interface AnyNode {
  type: string
  value?: string
  children?: AnyNode[]
  position?: {start: object; end: object}
}

/**
 * The tree as JSON, plus how its point objects are shared: every point is
 * numbered by identity, so two trees with equal JSON but different sharing
 * (a word's start point is its text's, in parse-latin) still differ.
 */
function snapshot(tree: unknown): {json: string; sharing: string} {
  const ids = new Map<object, number>()
  const sharing: number[] = []
  const walk = (node: AnyNode) => {
    if (node.position) {
      for (const point of [node.position.start, node.position.end]) {
        if (!ids.has(point)) ids.set(point, ids.size)
        sharing.push(ids.get(point)!)
      }
    }
    for (const child of node.children ?? []) walk(child)
  }
  walk(tree as AnyNode)
  return {json: JSON.stringify(tree), sharing: sharing.join(',')}
}

function expectSameText(text: string) {
  expect(snapshot(new English().parse(text))).toEqual(snapshot(new ParseEnglish().parse(text)))
}

function expectSameMarkdown(text: string) {
  const file = new VFile({path: 'x.md', value: text})
  const mdast = unified().use(remarkParse).parse(text) as MdastRoot
  if (!mdast.position) return
  const ours = mdastToNlcst(mdast, file, English)
  const theirs = snapshot(mdastToNlcst(mdast, file, ParseEnglish))
  expect(snapshot(ours)).toEqual(theirs)
  // What parse.ts uses: tokens without positions, which the bridge sets.
  expect(snapshot(mdastToNlcst(mdast, file, BridgeEnglish))).toEqual(theirs)
}

function expectSameHtml(text: string) {
  const file = new VFile({path: 'x.html', value: text})
  const hast = unified().use(rehypeParse).parse(text) as HastRoot
  if (!hast.position) return
  expect(snapshot(hastToNlcst(hast, file, English))).toEqual(snapshot(hastToNlcst(hast, file, ParseEnglish)))
}

// What the tokenizer tells apart: letters (ASCII, accented, other scripts,
// combining marks), digits, white space of every kind and line endings,
// punctuation (repeated marks group), symbols, and surrogate pairs.
const pieces = [
  'a', 'Z', 'é', 'É', 'ï', 'ß', 'œ', 'ж', 'λ', 'ن', '中', 'é', '5', '٣', '½', '²',
  ' ', '  ', '\t', '\n', '\r', '\r\n', '\n\n', '\u00A0', '\u202F', '\u2009', '\u2028', '\u3000',
  '.', '..', '...', '…', ',', ';', ':', '!', '?', '?!', '-', '--', '–', '—', '_', '/', '\\', '&', '@',
  "'", '’', '‘', '"', '“', '”', '«', '»', '(', ')', '[', ']', '{', '}', '¿', '¡', '·', '‐', '\u00AD',
  '#', '$', '%', '*', '+', '<', '=', '>', '^', '`', '|', '~', '€', '©', '°', '±', '§', '¶',
  '😀', '👍🏽', '𝒳', '\uD83D', '\uDE00',
  'word', 'U.S.', 'e.g.', 'Mr.', "don't", "l'État", "'90s", 'co-op', 'and/or', 'Dr', 'A&B', 'http://x.y/z'
]

function randomText(next: () => number, length: number): string {
  let text = ''
  while (text.length < length) text += pieces[Math.floor(next() * pieces.length)]!
  return text
}

describe('English (parse-english with a table-driven tokenizer)', () => {
  it('is a ParseEnglish with its plugins, one paragraph plugin replaced', () => {
    const parser = new English()
    const reference = new ParseEnglish()
    expect(parser).toBeInstanceOf(ParseEnglish)
    expect(parser.tokenizeSentencePlugins).toEqual(reference.tokenizeSentencePlugins)
    expect(parser.tokenizeRootPlugins).toEqual(reference.tokenizeRootPlugins)
    // parse-latin's breakImplicitSentences was found and replaced: if an
    // upgrade changes it, this fails rather than the speed quietly going.
    expect(replacedBreakImplicitSentences).toBe(true)
    expect(parser.tokenizeParagraphPlugins.length).toBe(reference.tokenizeParagraphPlugins.length)
    const differing = parser.tokenizeParagraphPlugins.filter((plugin, index) => plugin !== reference.tokenizeParagraphPlugins[index])
    expect(differing.length).toBe(1)
  })

  it('breaks sentences at blank lines as parse-english does', () => {
    for (const text of ['One\n\ntwo', 'One\r\n\r\ntwo', 'One\r\ntwo', 'One\r\rtwo', 'One\n \n two\n\n\nthree', 'A.\n\nB c\n\nd e', 'a\u2028\u2028b', '\n\nx\n\n']) {
      expectSameText(text)
      expectSameMarkdown(text)
    }
  })

  it('tokenizes every UTF-16 code unit as parse-english does', () => {
    const ours = new English()
    const theirs = new ParseEnglish()
    for (let code = 0; code <= 0xffff; code++) {
      const text = String.fromCharCode(code)
      const a = ours.tokenize(text)
      const b = theirs.tokenize(text)
      if (a[0]!.type !== b[0]!.type) expect({code, type: a[0]!.type}).toEqual({code, type: b[0]!.type})
    }
  })

  it('gives the bridges the same tokens without positions, each with an empty `position` field', () => {
    const next = random(7)
    const bare = new BridgeEnglish()
    const full = new English()
    expect(bare.tokenize('')).toEqual([])
    expect(bare.tokenize(undefined)).toEqual([])
    // Types, values and fields (`position` included), not where they are.
    const outline = (nodes: AnyNode[]): unknown[] =>
      nodes.map((node) => ({type: node.type, value: node.value, fields: Object.keys(node).join(), children: node.children && outline(node.children)}))
    const positions = (nodes: AnyNode[]): unknown[] => nodes.flatMap((node) => [node.position, ...positions(node.children ?? [])])
    for (let index = 0; index < 500; index++) {
      const text = randomText(next, 1 + Math.floor(next() * 120))
      const tokens = bare.tokenize(text) as AnyNode[]
      const reference = full.tokenize(text) as AnyNode[]
      expect(outline(tokens)).toEqual(outline(reference))
      expect(positions(tokens).every((d) => d === undefined)).toBe(true)
      expect(positions(reference).every((d) => d !== undefined)).toBe(true)
    }
  })

  it('gives the same trees on empty and tiny input', () => {
    expect(new English().tokenize('')).toEqual([])
    expect(new English().tokenize(undefined)).toEqual([])
    for (const text of ['', ' ', '\n', 'a', '.', '😀', 'a b', 'A. B.', '\r\n\r\n', 'x\n\n\ny']) expectSameText(text)
  })

  it('gives the same trees on random text (plain, Markdown and HTML)', () => {
    const next = random(20261207)
    for (let index = 0; index < 1500; index++) {
      const text = randomText(next, 1 + Math.floor(next() * 160))
      expectSameText(text)
      if (index % 3 === 0) expectSameMarkdown(text)
      if (index % 5 === 0) expectSameHtml('<p>' + text.replace(/[<&]/g, ' ') + '</p>')
    }
  })

  it('gives the same trees on the corpus and on generated articles', () => {
    const folder = path.join(root, 'corpus', 'fr-en')
    const texts = readdirSync(folder)
      .filter((name) => /\.(txt|md|html)$/.test(name))
      .map((name) => readFileSync(path.join(folder, name), 'utf8'))
    expect(texts.length).toBeGreaterThan(20)
    for (const text of [...texts, ...articles(20, 7)]) {
      expectSameText(text)
      expectSameMarkdown(text)
    }
  })
})
