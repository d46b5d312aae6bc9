import {readFileSync, readdirSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {VFile} from 'vfile'
import {splitBlocks} from '../src/blocks.js'
import {createProcessor} from '../src/index.js'
import {root} from './helpers.js'

const full = createProcessor({})
const incremental = createProcessor({incremental: true})

async function messages(processor: ReturnType<typeof createProcessor>, text: string, name: string) {
  const file = new VFile({path: name, value: text})
  const tree = processor.parse(file)
  await processor.run(tree, file)
  return file.messages
    .map((d) => `${d.place && 'start' in d.place ? `${d.place.start.line}:${d.place.start.column}:${d.place.start.offset}-${d.place.end.line}:${d.place.end.column}:${d.place.end.offset}` : ''} ${d.ruleId} ${d.reason}`)
    .sort()
}

describe('block splitting', () => {
  it('splits at blank lines and keeps fences and front matter whole', () => {
    const doc = '---\ntitle: x\n\nmore: y\n---\n\nPara one\nline two\n\n\n```\ncode\n\nstill code\n```\n\nLast.\n'
    const blocks = splitBlocks(doc, 'markdown')
    expect(blocks.map((d) => [d.line, d.text])).toEqual([
      [1, '---\ntitle: x\n\nmore: y\n---'],
      [7, 'Para one\nline two'],
      [11, '```\ncode\n\nstill code\n```'],
      [17, 'Last.']
    ])
    for (const block of blocks) {
      expect(doc.slice(block.offset, block.offset + block.text.length)).toBe(block.text)
      expect(doc.slice(0, block.offset).split('\n').length).toBe(block.line)
    }
  })

  it('handles CRLF and text documents', () => {
    expect(splitBlocks('A\r\n\r\nB\r\nC', 'text').map((d) => [d.line, d.offset, d.text])).toEqual([
      [1, 0, 'A'],
      [3, 5, 'B\r\nC']
    ])
  })
})

describe('incremental parsing gives the same findings as a whole-document parse', () => {
  it('on every corpus article, and again after edits', async () => {
    const folder = path.join(root, 'corpus', 'fr-en')
    const names = readdirSync(folder).filter((d) => /\.(txt|md)$/.test(d))
    expect(names.length).toBeGreaterThan(0)
    for (const name of names) {
      const text = readFileSync(path.join(folder, name), 'utf8')
      expect(await messages(incremental, text, name)).toEqual(await messages(full, text, name))
      // Insert a paragraph at the top: every cached block moves down.
      const moved = 'New first paragraph with Poutine.\n\n' + text
      expect(await messages(incremental, moved, name)).toEqual(await messages(full, moved, name))
      // Edit a word in the middle.
      const middle = Math.floor(text.length / 2)
      const edited = text.slice(0, middle) + ' Loukachenko ' + text.slice(middle)
      expect(await messages(incremental, edited, name)).toEqual(await messages(full, edited, name))
    }
  })

  it('on repeated paragraphs, a BOM, and comment markers', async () => {
    const text = '\uFEFFPoutine here.\n\nPoutine here.\n\n<!--mtlint ignore putin-poutine-->\n\nPoutine here.\n\nPoutine here.\n'
    for (const name of ['a.md', 'a.txt']) {
      expect(await messages(incremental, text, name)).toEqual(await messages(full, text, name))
      expect(await messages(incremental, text, name)).toEqual(await messages(full, text, name))
    }
  })
})
