/**
 * The Node preset used by the CLI and the language server: takes a
 * configuration (as `.mtlintrc` holds it, with absolute paths), resolves it
 * (built-in pack, the project's glossaries and words) and attaches the core
 * `mtlint` preset. unified merges options when the engine adds this plugin
 * again from a config file, so file configuration and command-line flags
 * combine in one place.
 */
import type {Processor} from 'unified'
import type {VFile} from 'vfile'
import {mtlint} from '../processor.js'
import {mtlintWordCount, type ScoringConfig} from '../reporters/score.js'
import {resolveConfig, type Config} from './config.js'

/** Attach mtlint for a configuration. */
export function mtlintNode(this: Processor, config?: Config | undefined) {
  const settings = resolveConfig(config ?? {})
  this.use(mtlint, settings).use(mtlintWordCount)
  const scoring = scoringOf(config)
  // The engine resolves `.mtlintrc` per file: keep what the score needs on
  // the file so reporters see each file's own gate and weights.
  return function (_tree: unknown, file: VFile): void {
    file.data.mtlintScoring = scoring
  }
}

/** The scoring part of a configuration. */
export function scoringOf(config: Config | undefined): ScoringConfig {
  const scoring: ScoringConfig = {}
  if (config?.maxScore !== undefined) scoring.maxScore = config.maxScore
  if (config?.weights !== undefined) scoring.weights = config.weights
  return scoring
}
