/**
 * The reference case (issue 2, 4, 6): the real machine-translated article in
 * corpus/fr-en/000.txt.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import type {VFileMessage} from 'vfile-message'
import {lintText, root} from './helpers.js'

const text = readFileSync(path.join(root, 'corpus', 'fr-en', '000.txt'), 'utf8')

function find(messages: VFileMessage[], actual: string): VFileMessage | undefined {
  return messages.find((d) => d.actual === actual)
}

describe('the seed article', async () => {
  const file = await lintText(text, '000.txt')
  const messages = file.messages

  it('reports the glossary artifacts with place, rule, category, note and expected', () => {
    const cases: Array<[string, string, string, RegExp]> = [
      ['Poutine', 'putin-poutine', 'Putin', /Poutine/],
      ['Martian of order', 'maintien-de-l-ordre', 'law enforcement', /maintien de l.ordre/i],
      ['right of veto', 'right-of-veto', 'veto power', /droit de veto/i],
      ['zero demand', 'demande-application', '', /demande/i]
    ]
    for (const [actual, ruleId, expected, note] of cases) {
      const message = find(messages, actual)
      expect(message, actual).toBeDefined()
      expect(message!.ruleId).toBe(ruleId)
      expect(message!.place && 'start' in message!.place && message!.place.end.offset! > message!.place.start.offset!).toBe(true)
      expect(typeof (message as VFileMessage & {category?: string}).category).toBe('string')
      expect(message!.note).toMatch(note)
      expect(message!.expected?.[0]).toBe(expected || message!.expected?.[0])
      expect(message!.expected?.length).toBeGreaterThan(0)
    }
    // "Poutine" in the first paragraph (line 3), not the headline.
    expect(find(messages, 'Poutine')!.line).toBe(3)
  })

  it('reports the quote inversion, the inconsistent name and the scraper leftover', () => {
    const inversion = messages.find((d) => (d as {rule?: string}).rule === 'quote-inversion' && /analyzes/.test(String(d.actual)))
    expect(inversion?.line).toBe(1)
    // The glossary knows the transliteration (andrei-andrei), but the article
    // also writes "Andrei": an inconsistency, reported once by its rule.
    const name = messages.filter((d) => d.actual === 'Andreï')
    expect(name.map((d) => [d.ruleId, d.expected])).toEqual([['name-consistency', ['Andrei']]])
    expect(messages.some((d) => d.ruleId === 'boilerplate' && /source site/.test(String(d.actual)))).toBe(true)
  })

  it('says nothing about correct names', () => {
    const quiet = ['Putin', 'Lukashenko', 'Lukashenko’s', 'Minsk', 'Kremlin', 'siloviki', 'franceinfo', 'Radio France', 'en masse', 'Vaitovich']
    for (const word of quiet) {
      const flagged = messages.filter((d) => d.actual === word || String(d.actual).split(/\s+/).includes(word))
      expect(flagged.map(String), word).toEqual([])
    }
  })

  it('reports Poutine and Andreï once each', () => {
    expect(messages.filter((d) => d.actual === 'Poutine')).toHaveLength(1)
    expect(messages.filter((d) => d.actual === 'Andreï')).toHaveLength(1)
  })
})
