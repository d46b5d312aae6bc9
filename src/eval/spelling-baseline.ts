/**
 * The spelling baseline: retext-spell with dictionary-en as they come (no
 * personal dictionary, no names), on mtlint's own parser so both see the
 * same words. The evaluation scores it beside mtlint's `spelling` rule in
 * the same run, so "fewer false positives than a plain spell-checker" is a
 * measured claim, not a hope.
 */
import type {Root} from 'nlcst'
import dictionaryEn from 'dictionary-en'
import retextSpell from 'retext-spell'
import {unified} from 'unified'
import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {mtlintParse} from '../parse.js'
import type {LintFunction, RuleTally} from './score.js'
import {evaluate} from './score.js'
import type {Corpus} from './corpus.js'

/** retext-spell's messages' `source`, which `ruleOf` reports as their rule. */
export const retextSpellRule = 'retext-spell'

/**
 * A lint function running retext-spell + dictionary-en as they come. The
 * processor (and so the dictionary) is built once, on first use, as a user
 * of retext-spell would keep it.
 */
export function createRetextSpellLint(): LintFunction {
  let processor: ReturnType<typeof build> | undefined
  return async function (value, path) {
    processor ??= build()
    const file = new VFile({value, path})
    const tree = processor.parse(file) as Root
    await processor.run(tree, file)
    return file.messages.filter((d) => d.source === retextSpellRule) as VFileMessage[]
  }
}

function build() {
  return unified().use(mtlintParse).use(retextSpell, {dictionary: dictionaryEn})
}

/** Spelling false positives of mtlint and of the baseline on one corpus. */
export interface SpellingComparison {
  /** Words in the corpus. */
  words: number
  /** mtlint's `spelling` rule (undefined figures when it emitted nothing). */
  mtlint: RuleTally
  /** retext-spell + dictionary-en as they come. */
  baseline: RuleTally
}

const empty: RuleTally = {messages: 0, true: 0, falsePositives: 0, clean: 0, control: 0, elsewhere: 0, fpPer1000: 0}

/**
 * Score the baseline on a corpus and put it beside mtlint's `spelling`
 * figures from the same run.
 *
 * @param corpus
 *   The corpus the main evaluation scored.
 * @param spelling
 *   mtlint's `spelling` tally from that evaluation (`byRule.spelling`).
 * @param lint
 *   The baseline (default: retext-spell as it comes).
 */
export async function compareSpelling(
  corpus: Corpus,
  spelling: RuleTally | undefined,
  lint: LintFunction = createRetextSpellLint()
): Promise<SpellingComparison> {
  const result = await evaluate(corpus, {lint})
  return {words: result.words, mtlint: spelling ?? empty, baseline: result.byRule[retextSpellRule] ?? empty}
}

/** One line for the evaluation report. */
export function formatSpellingComparison(comparison: SpellingComparison): string {
  const {mtlint, baseline} = comparison
  const figure = (d: RuleTally) => `${d.fpPer1000.toFixed(2)} fp/1000 words (${d.falsePositives} of ${d.messages} messages, ${d.true} on findings)`
  return `spelling: mtlint ${figure(mtlint)}; retext-spell + dictionary-en as they come ${figure(baseline)}`
}
