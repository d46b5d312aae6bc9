import {describe, expect, it} from 'vitest'
import {lintText, messagesOf} from './helpers.js'

describe('comment markers', () => {
  it('ignore, disable and enable by entry id in Markdown', async () => {
    const md = [
      '<!--mtlint ignore putin-poutine-->',
      '',
      'Poutine one.',
      '',
      'Poutine two.',
      '',
      '<!--mtlint disable putin-poutine-->',
      '',
      'Poutine three.',
      '',
      '<!--mtlint enable putin-poutine-->',
      '',
      'Poutine four.'
    ].join('\n')
    const file = await lintText(md, 'a.md')
    expect(messagesOf(file, 'putin-poutine').map((d) => d.line)).toEqual([5, 13])
  })

  it('disable a whole family, or everything', async () => {
    const md = '<!--mtlint disable names-->\n\nPoutine and Loukachenko.\n\n<!--mtlint enable-->\n\nPoutine.\n\n<!--mtlint disable-->\n\nPoutine.'
    const file = await lintText(md, 'a.md')
    expect(messagesOf(file, 'glossary').map((d) => d.line)).toEqual([7])
  })

  it('works in HTML comments', async () => {
    const html = '<!--mtlint disable putin-poutine--><p>Poutine.</p><!--mtlint enable putin-poutine--><p>Poutine.</p>'
    const file = await lintText(html, 'a.html')
    expect(messagesOf(file, 'putin-poutine').map((d) => d.column)).toEqual([88])
  })

  it('works in plain text', async () => {
    const text = 'Poutine one.\n\n<!--mtlint disable putin-poutine-->\nPoutine two.\n<!--mtlint enable putin-poutine-->\nPoutine three.'
    const file = await lintText(text, 'a.txt')
    expect(messagesOf(file, 'putin-poutine').map((d) => d.line)).toEqual([1, 6])
  })

  it('rejects an unknown keyword with a fatal message', async () => {
    await expect(lintText('<!--mtlint silence putin-poutine-->\n\nPoutine.', 'a.md')).rejects.toThrow(/Unknown keyword `silence`/)
  })
})
