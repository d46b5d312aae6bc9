import {describe, expect, it} from 'vitest'
import {lintText, messagesOf} from './helpers.js'

/** The reported ranges of `putin-poutine`, as text sliced from the input by offset, and line:column. */
async function places(text: string, name: string) {
  const file = await lintText(text, name)
  return messagesOf(file, 'putin-poutine').map((message) => {
    const place = message.place as {start: {line: number; column: number; offset: number}; end: {line: number; column: number; offset: number}}
    return `${place.start.line}:${place.start.column}-${place.end.line}:${place.end.column} ${text.slice(place.start.offset, place.end.offset)}`
  })
}

const body = '\uFEFFVladimir Poutine.\r\n\r\n😀\tPoutine e\u0301te\u0301 — Poutine'

describe('positions are exact in the original file', () => {
  it('in plain text with a BOM, CRLF, a tab, emoji and combining accents', async () => {
    expect(await places(body, 'a.txt')).toEqual(['1:11-1:18 Poutine', '3:4-3:11 Poutine', '3:20-3:27 Poutine'])
  })

  it('in Markdown with a BOM, CRLF, a tab, emoji and combining accents', async () => {
    expect(await places(body, 'a.md')).toEqual(['1:11-1:18 Poutine', '3:4-3:11 Poutine', '3:20-3:27 Poutine'])
  })

  it('in HTML with a BOM, CRLF, emoji and attributes', async () => {
    const html = '\uFEFF<p class="Poutine">Vladimir Poutine.</p>\r\n<p>😀 e\u0301 <b>Poutine</b></p>'
    expect(await places(html, 'a.html')).toEqual(['1:30-1:37 Poutine', '2:13-2:20 Poutine'])
  })

  it('in Markdown after tight lists, with and without an entity in the document', async () => {
    const lists = '- a note\n- a Poutine b\n\n1. first\n2. Poutine\n\n- a Poutine\n- Poutine c\n\nPoutine left.\n'
    const expected = ['2:5-2:12 Poutine', '5:4-5:11 Poutine', '7:5-7:12 Poutine', '8:3-8:10 Poutine', '10:1-10:8 Poutine']
    expect(await places(lists, 'a.md')).toEqual(expected)
    expect(await places(lists + '\nTom &amp; Jerry.\n', 'a.md')).toEqual(expected)
  })

  it('handles empty and whitespace-only documents', async () => {
    for (const name of ['a.txt', 'a.md', 'a.html']) {
      expect((await lintText('', name)).messages).toEqual([])
      expect((await lintText(' \r\n\n\t', name)).messages).toEqual([])
    }
  })

  it('handles words that are Object.prototype keys', async () => {
    const file = await lintText('constructor toString __proto__ hasOwnProperty valueOf', 'a.txt')
    expect(file.messages.filter((d) => d.source === 'mtlint' && (d as {rule?: string}).rule === 'glossary')).toEqual([])
  })
})

describe('positions after entities and block-quote prefixes', () => {
  it('puts words back on their own characters', async () => {
    const cases: Array<[string, string]> = [
      ['> First line here\n> and Poutine there.\n', 'a.md'],
      ['> > Nested quote\n> > with Poutine.\n', 'a.md'],
      ['A &amp; B &eacute;t&eacute; Poutine.', 'a.md'],
      ['<p>A&nbsp;b &laquo;x&raquo; Poutine here.</p>', 'a.html'],
      ['<p>Tom &amp; Jerry&hellip;\n  and Poutine.</p>', 'a.html']
    ]
    for (const [text, name] of cases) {
      expect(await places(text, name), text).toEqual([expect.stringMatching(/ Poutine$/)])
    }
  })
})
