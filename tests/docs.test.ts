/** Generated documentation never drifts from the rules and the pack. */
import {describe, expect, it} from 'vitest'
import {generateDocs} from '../src/docs.js'
import {loadPack} from '../src/index.js'
import {registry} from '../src/processor.js'
import {rulesMarkdown} from '../src/docs.js'

describe('generated docs', () => {
  it('docs/rules.md and the README rule table are up to date (run `npm run docs`)', () => {
    expect(generateDocs(true)).toEqual([])
  })

  it('every message URL has its anchor', () => {
    const page = rulesMarkdown()
    for (const {plugin} of registry) expect(page).toContain(`<a id="${plugin.meta.id}"></a>`)
    for (const entry of loadPack('fr-en').glossary.entries) expect(page).toContain(`<a id="${entry.id}"></a>`)
  })
})
