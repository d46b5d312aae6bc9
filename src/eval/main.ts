/**
 * `npm run eval [-- DIR…]`: load the annotated corpus (default `corpus/`),
 * lint every text with mtlint, print the tables and the closing summary line.
 */
import path from 'node:path'
import {parseArgs} from 'node:util'
import {CorpusError, loadCorpus, type Confidence} from './corpus.js'
import {formatResult, resultToJson} from './format.js'
import {checkGate, gateCorpus, gatePath, updateGate} from './gate.js'
import {evaluate, type LintFunction} from './score.js'
import {baselines} from './baselines.js'
import {compareSpelling, formatSpellingComparison} from './spelling-baseline.js'

const usage = `Usage: npm run eval -- [options] [DIR…]

Score mtlint on annotated texts (NNN.json next to NNN.txt, .md or .html) in
the folders given, recursively (default: corpus/).

Options:
  --min-confidence certain|likely   count only findings this sure (default: likely, all)
  --json                            print one JSON object instead of tables
  -v, --verbose                     list every miss and false positive (file:line:column)
  --baseline NAME                   score another linter the same way instead (retext-spell)
  --update-gate                     record recall and fp/1000 on corpus/ in corpus/gate.json
                                    when they are better than what it holds
  -h, --help                        show this help

Exit codes: 0 done, 1 --update-gate found the gate not met, 2 bad usage or a
broken annotation.`

/** Where the command writes, and the folder relative paths start from. */
export interface EvalIo {
  /** Report output. */
  stdout?: NodeJS.WritableStream | undefined
  /** Errors and gate notes. */
  stderr?: NodeJS.WritableStream | undefined
  /** Working folder (default: `process.cwd()`). */
  cwd?: string | undefined
  /** What to run instead of mtlint (tests, baselines). */
  lint?: LintFunction | undefined
  /** The gate file (tests). */
  gateFile?: string | undefined
}

/**
 * Run the evaluation command.
 *
 * @param argv
 *   Arguments after the command name.
 * @returns
 *   The exit code.
 */
export async function main(argv: string[], io: EvalIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout
  const stderr = io.stderr ?? process.stderr
  const cwd = io.cwd ?? process.cwd()
  let values: {'min-confidence'?: string; json?: boolean; verbose?: boolean; 'update-gate'?: boolean; baseline?: string; help?: boolean}
  let positionals: string[]
  try {
    ;({values, positionals} = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'min-confidence': {type: 'string'},
        json: {type: 'boolean'},
        verbose: {type: 'boolean', short: 'v'},
        'update-gate': {type: 'boolean'},
        baseline: {type: 'string'},
        help: {type: 'boolean', short: 'h'}
      }
    }))
  } catch (error) {
    stderr.write(`eval: ${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`)
    return 2
  }
  if (values.help) {
    stdout.write(usage + '\n')
    return 0
  }
  const minConfidence = values['min-confidence'] ?? 'likely'
  if (minConfidence !== 'certain' && minConfidence !== 'likely') {
    stderr.write(`eval: --min-confidence must be certain or likely (got ${JSON.stringify(minConfidence)})\n`)
    return 2
  }
  const baseline = values.baseline
  if (baseline !== undefined && !Object.hasOwn(baselines, baseline)) {
    stderr.write(`eval: unknown --baseline ${JSON.stringify(baseline)} (expected one of ${Object.keys(baselines).join(', ')})\n`)
    return 2
  }
  const dirs = positionals.length > 0 ? positionals.map((d) => path.resolve(cwd, d)) : [gateCorpus]
  if (values['update-gate'] && (dirs.length !== 1 || dirs[0] !== gateCorpus || minConfidence !== 'likely' || baseline !== undefined)) {
    stderr.write('eval: --update-gate measures mtlint on corpus/ with all findings; give no folder, no --min-confidence, no --baseline\n')
    return 2
  }

  // Show paths as the user would type them.
  const shown = (file: string) => path.relative(cwd, file) || '.'
  let corpus
  try {
    corpus = loadCorpus(dirs)
  } catch (error) {
    if (error instanceof CorpusError) {
      stderr.write(new CorpusError(error.problems.map((d) => ({...d, file: shown(d.file)}))).message + '\n')
      return 2
    }
    throw error
  }
  corpus = {dirs: corpus.dirs.map(shown), texts: corpus.texts.map((d) => ({...d, path: shown(d.path), annotationPath: shown(d.annotationPath)}))}

  const lint = io.lint ?? (baseline === undefined ? undefined : baselines[baseline]!())
  const result = await evaluate(corpus, {minConfidence: minConfidence as Confidence, lint})
  const label = baseline ?? 'mtlint'
  let report = values.json ? JSON.stringify({linter: label, ...resultToJson(result)}, null, 2) : formatResult(result, {verbose: values.verbose, label})
  if (!values.json && lint === undefined) {
    // The spelling rule beside retext-spell as it comes, on the same texts
    // in the same run; above the closing line, which stays last.
    const comparison = formatSpellingComparison(await compareSpelling(corpus, result.byRule['spelling']))
    const lines = report.split('\n')
    report = [...lines.slice(0, -1), comparison, '', ...lines.slice(-1)].join('\n')
  }
  stdout.write(report + '\n')

  if (values['update-gate']) {
    const file = io.gateFile ?? gatePath
    const update = updateGate(result, file)
    for (const note of update.notes) stderr.write('gate: ' + note + '\n')
    stderr.write(update.written ? `gate: wrote ${shown(file)}\n` : `gate: ${shown(file)} unchanged\n`)
    const failures = checkGate(result, update.gate)
    for (const failure of failures) stderr.write('gate: NOT MET: ' + failure + '\n')
    if (failures.length > 0) return 1
  }
  return 0
}
