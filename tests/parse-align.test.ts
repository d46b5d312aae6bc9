/**
 * Word positions in Markdown: the mdast → nlcst bridge places words by
 * counting decoded characters, and `realign` puts them back on their source
 * (entities, escapes, stripped line prefixes). A document in which nothing
 * can drift skips the pass (`alignedAsWritten`): it must get exactly the
 * positions the pass would give.
 */
import type {Root} from 'nlcst'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {alignedAsWritten, parseToNlcst} from '../src/parse.js'

interface Leaf {
  type: string
  value?: string
  children?: Leaf[]
  position?: {start: {offset?: number}; end: {offset?: number}}
}

function leaves(text: string): Array<{type: string; value: string; start: number; end: number}> {
  const tree = parseToNlcst(text, new VFile({path: 'x.md', value: text}), 'markdown') as Root
  const result: Array<{type: string; value: string; start: number; end: number}> = []
  const walk = (node: Leaf) => {
    if (node.children) for (const child of node.children) walk(child)
    else result.push({type: node.type, value: node.value ?? '', start: node.position?.start.offset ?? -1, end: node.position?.end.offset ?? -1})
  }
  walk(tree as unknown as Leaf)
  return result
}

// Blocks that leave every text node as written, and some that do not.
const plain = [
  '# Title *with* emphasis',
  'A paragraph with **strong**, _em_, [a link](https://example.com "t") and [ref][x].',
  '[x]: https://example.org',
  '- item one\n- item two\n\n1. first\n2. second',
  '* star\n* second star\n+ plus',
  'Line one\nline two, lazy\nline three.',
  '| a | b |\n| - | - |\n| c | d |',
  'Footnote[^1].\n\n[^1]: The note.',
  '<div>html block</div>',
  'Setext\n======',
  'Text with <span>inline html</span>, ~~strike~~, www.example.com and a@b.co.',
  '---\n\nAfter a rule.',
  '> a quote on one line',
  'Émile «guillemets» — “quotes” ’s and … ellipsis; yes? no!',
  '~~~\nfenced\n~~~',
  '- [ ] task\n- [x] done'
]
const drifting = ['Tom &amp; Jerry', 'An \\*escaped\\* star', '> quoted\n> twice', '- item\n  continued', 'Hard  \nbreak', 'Soft \nbreak', 'Some `code` here', 'An ![image](x.png) here', 'tab\there', 'crlf\r\nline']

describe('Markdown word positions', () => {
  it('keep every word on its source after a tight list (realign ran on to the next blank line)', () => {
    // The entity makes the document go through realign.
    const text = '- item one\n- item two\n\n1. first\n2. second\n\n- item one\n- item two\n\nTom &amp; Jerry.\n'
    expect(alignedAsWritten(text)).toBe(false)
    const words = leaves(text).filter((d) => d.type === 'TextNode')
    expect(words.length).toBeGreaterThan(8)
    for (const word of words) expect(text.slice(word.start, word.end), word.value).toBe(word.value)
  })

  it('skip realigning only documents where nothing can drift', () => {
    for (const block of plain) expect(alignedAsWritten(block + '\n'), block).toBe(true)
    for (const block of drifting) expect(alignedAsWritten(block + '\n'), block).toBe(false)
  })

  it('give a document without realigning exactly what realigning gives', () => {
    let seed = 11
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647
    let checked = 0
    for (let index = 0; index < 300; index++) {
      const blocks: string[] = []
      const count = 2 + Math.floor(random() * 8)
      for (let block = 0; block < count; block++) blocks.push(plain[Math.floor(random() * plain.length)]!)
      const text = blocks.join(random() < 0.3 ? '\n' : '\n\n') + '\n'
      if (!alignedAsWritten(text)) continue
      checked++
      const fast = leaves(text)
      // An entity in a last paragraph makes the same document go through realign.
      const forced = leaves(text + '\nzz &amp;\n')
      const compared = fast.at(-1)?.type === 'WhiteSpaceNode' ? fast.slice(0, -1) : fast
      expect(forced.slice(0, compared.length), text).toEqual(compared)
    }
    expect(checked).toBeGreaterThan(150)
  })
})
