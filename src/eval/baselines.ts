/**
 * Baselines: other linters scored with exactly the same corpus and scoring,
 * so a rule can be compared with what an off-the-shelf plugin would give
 * (`npm run eval -- --baseline retext-spell`). Each parses with mtlint's own
 * parser, so positions and skipped regions (code, URLs, markup) are the same.
 */
import type {Root} from 'nlcst'
import dictionaryEn from 'dictionary-en'
import retextSpell from 'retext-spell'
import {unified, type Processor} from 'unified'
import {VFile} from 'vfile'
import {mtlintParse} from '../parse.js'
import type {LintFunction} from './score.js'

/** retext-spell with the `dictionary-en` Hunspell dictionary, nothing else. */
export function retextSpellBaseline(): LintFunction {
  // One processor for every text: the dictionary loads once.
  // `mtlintParse` sets a parser without declaring its tree type (as in processor.ts).
  const processor = unified().use(mtlintParse, {}).use(retextSpell, {dictionary: dictionaryEn}) as unknown as Processor<Root, Root, Root, undefined, undefined>
  return async (value, path) => {
    const file = new VFile({value, path})
    await processor.run(processor.parse(file), file)
    return file
  }
}

/** Baselines by the name `--baseline` takes. */
export const baselines: Record<string, () => LintFunction> = {
  'retext-spell': retextSpellBaseline
}
