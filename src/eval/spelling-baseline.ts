/**
 * mtlint's `spelling` rule beside retext-spell with dictionary-en as they
 * come (no personal dictionary, no names; mtlint's own parser, so both see
 * the same words), scored on the same texts in the same run: "fewer false
 * positives than a plain spell-checker" is a measured claim, not a hope.
 */
import {baselines} from './baselines.js'
import type {LintFunction, RuleTally} from './score.js'
import {evaluate} from './score.js'
import type {Corpus} from './corpus.js'

/** retext-spell's messages' `source`, which `ruleOf` reports as their rule. */
export const retextSpellRule = 'retext-spell'

let shared: LintFunction | undefined

/**
 * retext-spell + dictionary-en as they come (the eval's `--baseline
 * retext-spell`), built once per process: its dictionary takes a noticeable
 * part of a second to load, and every evaluation in a process compares
 * against the same thing.
 */
export function sharedRetextSpellLint(): LintFunction {
  shared ??= baselines['retext-spell']!()
  return shared
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
  lint: LintFunction = sharedRetextSpellLint()
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
