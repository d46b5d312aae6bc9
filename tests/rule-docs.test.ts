/**
 * Every rule's doc comment is its test: each `@example ok` line must stay
 * silent for that rule and each `@example not-ok` line must be reported.
 */
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {docExamples, lintText, messagesOf, pluginFiles} from './helpers.js'

for (const file of pluginFiles()) {
  const id = path.basename(file, '.ts')
  const examples = docExamples(file)

  describe(`rule ${id}: documented examples`, () => {
    it('documents ok and not-ok examples', () => {
      expect(examples.some((d) => d.kind === 'ok')).toBe(true)
      expect(examples.some((d) => d.kind === 'not-ok')).toBe(true)
    })

    for (const example of examples) {
      it(`${example.kind}: ${example.text}`, async () => {
        const result = await lintText(example.text)
        const found = messagesOf(result, id).map(String)
        if (example.kind === 'ok') expect(found).toEqual([])
        else expect(found.length).toBeGreaterThan(0)
      })
    }
  })
}
