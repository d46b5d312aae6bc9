/** The evaluation library: load an annotated corpus, score a linter on it, print or gate the result. */
export {loadCorpus, countWords, occurrences, spansOverlap, textExtensions, CorpusError} from './corpus.js'
export type {Corpus, CorpusText, Finding, Span, Confidence, TextKind, AnnotationProblem} from './corpus.js'
export {evaluate, lintWithMtlint, ruleOf, messageSpan, hits} from './score.js'
export type {EvaluateOptions, EvalResult, LintFunction, Tally, RuleTally, FalsePositiveTally, FalsePositive, FalsePositiveKind, Miss, TextResult} from './score.js'
export {formatResult, summaryLine, resultToJson, formatRecall, formatRate, table, type FormatOptions} from './format.js'
export {readGate, checkGate, updateGate, gatePath, gateCorpus, type Gate, type GateUpdate} from './gate.js'
export {main, type EvalIo} from './main.js'
export {baselines, retextSpellBaseline} from './baselines.js'
