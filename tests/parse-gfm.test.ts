/**
 * The Markdown parser leaves out GFM constructs a document cannot hold (a
 * speed-up: micromark tries them everywhere). The mdast must stay exactly
 * what remark-parse + remark-gfm + remark-frontmatter give.
 */
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {parseToNlcst} from '../src/parse.js'

const full = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml'])

const documents: Record<string, string> = {
  table: '| Parti | Voix |\n| --- | ---: |\n| LR | 12 |\n\nText after.\n',
  'table without pipes in prose': 'A line with a dash - and --- rules\n\n---\n\nMore.\n',
  strikethrough: 'The ~~old~~ new figure, and ~one~ tilde.\n',
  footnote: 'A claim.[^1]\n\n[^1]: The source.\n',
  'task list': '- [ ] to do\n- [x] done\n- [link](https://example.org) item\n',
  'autolink literals': 'Write to desk@example.org or see www.example.org and https://example.org/a.\n',
  'links but none of the hints': 'See [the report](/report) and ![a chart](chart.png "Chart").\n',
  'front matter': '---\ntitle: Un titre\n---\n\n# Heading\n\nBody with a | pipe.\n',
  'all at once': '---\na: 1\n---\n\n| a |\n| - |\n| ~~b~~ [^n] |\n\n- [X] www.example.org\n\n[^n]: note\n'
}

describe('Markdown parser', () => {
  for (const [name, value] of Object.entries(documents)) {
    it(`gives remark-gfm's mdast: ${name}`, () => {
      const file = new VFile({path: 'a.md', value})
      parseToNlcst(value, file, 'markdown')
      const expected = full.parse(value)
      // mtlint turns bare autolinks into inline code (their text is a URL, not prose).
      expect(file.data.mtlint!.sourceTree).toEqual(autolinksAsCode(expected, value))
    })
  }
})

/** What mtlint does to autolinks: a link whose text is its URL becomes inline code. */
function autolinksAsCode<T>(tree: T, value: string): T {
  const walk = (node: {type: string; url?: string; value?: string; children?: unknown[]; position?: {start: {offset?: number}; end: {offset?: number}}}) => {
    for (const [index, child] of (node.children ?? []).entries()) {
      const link = child as typeof node
      if (link.type === 'link' && link.position) {
        const text = value.slice(link.position.start.offset, link.position.end.offset)
        const bare = text.replace(/^<|>$/g, '')
        if (bare === link.url || 'mailto:' + bare === link.url || link.url!.endsWith(bare)) {
          node.children![index] = {type: 'inlineCode', value: text, position: link.position}
          continue
        }
      }
      walk(link)
    }
  }
  walk(tree as Parameters<typeof walk>[0])
  return tree
}
