/**
 * What the CLI keeps of a configuration on each file: unified-engine
 * resolves `.mtlintrc` per file, so reporters see each file's own gate and
 * weights.
 */
import type {ScoringConfig} from '../reporters/score.js'
import type {Config} from './config.js'

/** The scoring part of a configuration. */
export function scoringOf(config: Config | undefined): ScoringConfig {
  const scoring: ScoringConfig = {}
  if (config?.maxScore !== undefined) scoring.maxScore = config.maxScore
  if (config?.weights !== undefined) scoring.weights = config.weights
  return scoring
}
