/**
 * @module glossary
 * Flag renderings listed in the glossary (exonyms, over-translated names,
 * calques, false friends in their contexts) with the preferred English.
 *
 * Each finding's `ruleId` is the entry's id, so one entry can be switched off
 * in the configuration or with `<!--mtlint ignore putin-poutine-->`.
 *
 * @example ok
 *   Vladimir Putin met Alexander Lukashenko in Minsk.
 * @example not-ok
 *   Vladimir Poutine met Alexander Lukashenko in Minsk.
 */
import {defineRule, type BaseRuleOptions} from '../rule.js'
import type {Glossary} from '../glossary/compile.js'
import {collectSentences, sentenceTokens, tokensText} from '../tokens.js'
import {isAllCaps, matchCase} from '../util/text.js'
import {oncePer} from '../util/once.js'
import type {RuleSetting, Severity} from '../types.js'
import {ruleUrl} from '../types.js'

/** Options of the glossary rule. */
export interface GlossaryOptions extends BaseRuleOptions {
  /** The compiled glossary (the pack's, plus the project's own). */
  glossary?: Glossary | undefined
  /** Entry ids to switch off. */
  ignore?: string[] | undefined
  /** Per-entry settings: `off` or a severity. */
  entries?: Record<string, RuleSetting> | undefined
}

// The same options object comes with every document a processor lints: the
// ids to skip and the per-entry settings are looked up once per options
// object (a set of 50,000 ignored ids built per document took 5 ms).
const settingsOf = oncePer(function (options: GlossaryOptions) {
  return {ignore: new Set(options.ignore ?? []), entries: new Map(Object.entries(options.entries ?? {}))}
})

/** The glossary rule. */
export const glossary = defineRule<GlossaryOptions>(
  {
    id: 'glossary',
    description: 'Flag glossary renderings: exonyms, over-translated names, calques and false friends in context.',
    category: 'terminology',
    severity: 'warning'
  },
  function (tree, _file, options, {report}) {
    const compiled = options.glossary
    if (!compiled || compiled.size === 0) return
    const {ignore, entries: overrides} = settingsOf(options)

    for (const sentence of collectSentences(tree)) {
      const tokens = sentenceTokens(sentence)
      if (tokens.length === 0) continue
      for (const hit of compiled.match(tokens)) {
        const entry = hit.entry
        if (ignore.has(entry.id) || ignore.has(entry.family)) continue
        const setting = overrides.get(entry.id) ?? overrides.get(entry.family)
        if (setting === 'off' || setting === false) continue
        const first = tokens[hit.start]!
        const last = tokens[hit.end]!
        const actual = tokensText(tokens, hit.start, hit.end)
        const suffix = last.possessive
        // A capital keeps its meaning only at a sentence start (or in all
        // caps); a capitalised calque mid-sentence ("the Martian of order")
        // gets the preferred form as written.
        const atStart = tokens.slice(0, hit.start).every((d) => d.kind !== 'word')
        const model = atStart || isAllCaps(actual) ? actual : actual.toLowerCase()
        const expected = entry.preferred.map((d) => (d === '' ? '' : matchCase(d, model) + suffix))
        const shown = entry.preferred.filter((d) => d !== '')
        report({
          place: {start: first.start, end: last.end},
          reason:
            'Unexpected `' +
            actual +
            '`' +
            (shown.length > 0
              ? ', expected ' + shown.map((d) => '`' + d + '`').join(' or ')
              : entry.preferred.length > 0
                ? ', expected nothing (delete it)'
                : ''),
          actual,
          expected,
          note: entry.note,
          ruleId: entry.id,
          category: entry.category,
          severity: settingSeverity(setting) ?? options.severity ?? entry.severity,
          safe: entry.safe,
          url: ruleUrl(entry.id)
        })
      }
    }
  }
)

function settingSeverity(setting: RuleSetting | undefined): Severity | undefined {
  return setting === 'error' || setting === 'warning' || setting === 'info' ? setting : undefined
}
