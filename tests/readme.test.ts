/** The README's library examples run as written. */
import {describe, expect, it} from 'vitest'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {glossary, lint, loadPack, mtlintParse} from '../src/index.js'

describe('README examples', () => {
  it('lint()', async () => {
    const file = await lint('Vladimir Poutine met the forces of order.', {path: 'article.txt'})
    expect(file.messages.some((d) => d.ruleId === 'putin-poutine' && d.expected?.[0] === 'Putin')).toBe(true)
  })

  it('a glossary rule in your own unified pipeline', async () => {
    const pack = loadPack('fr-en')
    const processor = unified()
      .use(mtlintParse)
      .use(glossary, {glossary: pack.glossary, ignore: ['kiev-kyiv']})
    const file = new VFile({path: 'a.md', value: 'Vladimir **Poutine** spoke.'})
    await processor.run(processor.parse(file), file)
    expect(file.messages.map(String)).toEqual(['a.md:1:12-1:19: Unexpected `Poutine`, expected `Putin`'])
  })
})
