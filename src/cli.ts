#!/usr/bin/env node
/**
 * The `mtlint` command: unified-engine (file/folder/glob expansion, stdin,
 * `.mtlintrc` / `package.json#mtlint` discovery, `.mtlintignore`) over the
 * one processor, with mtlint's own flags and reporters.
 *
 * Why unified-engine directly rather than unified-args: mtlint needs flags
 * unified-args rejects (`--type`, `--glossary`, `--fix`, `--max-score`, …)
 * and a distinct exit code (2) for usage and configuration errors.
 */
import {parseArgs} from 'node:util'
import {readFileSync} from 'node:fs'
import {realpath, stat} from 'node:fs/promises'
import path from 'node:path'
import process from 'node:process'
import {PassThrough, Readable} from 'node:stream'
import {engine} from 'unified-engine'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {createTwoFilesPatch} from 'diff'
import {extensions} from './parse.js'
import {canPool, defaultJobs, mtlintPerFile, placeholderParse, poolThreshold, restoreFindings, loadPool, startPool, stopPool} from './node/pool.js'
import {countFiles} from './node/files.js'
import {absolutizeConfig, validateConfig, type Config} from './node/config.js'
import {formatProblem, isConfigError, type Problem} from './errors.js'
import {packageRoot} from './node/packs.js'
import {report as renderReport, reporterNames, type ReporterName} from './reporters/index.js'
import {writeAtomic} from './node/write.js'
import {fixText, maxFixRounds} from './fix.js'
import {changedLines, checkRevision, keepChanged, SinceError, type ChangedLines} from './since.js'
import {scoreFile, type ScoringConfig} from './reporters/score.js'
import {relativePath} from './reporters/util.js'
import type {DocumentType, RuleSetting} from './types.js'

const usage = `Usage: mtlint [options] [path | glob ...]

Lint machine-translated news (Markdown, HTML, text) for translation artifacts.
With no paths (or \`-\`), reads stdin.

Options:
  -t, --type <type>          document type for stdin: markdown, html, text
      --stdin-filepath <p>   path to report stdin as (also picks the type)
  -r, --report <name>        reporter: ${reporterNames.join(', ')} (default: stylish)
  -o, --output <file>        write the report to a file (atomically)
      --max-score <n>        exit 1 when a file scores above n penalty points
                             per 1,000 words (minor 1, major 5, critical 10)
      --fix                  apply the safe fixes to the files (atomically),
                             then report what remains
      --fix-dry-run          print the safe fixes as a unified diff instead
      --since <rev>          report only findings on lines changed since a
                             git revision
  -g, --glossary <file>      add a glossary (YAML, CSV, TSV); repeatable
      --pack <name|path>     language pack (default: fr-en)
      --rule <id=setting>    set a rule or entry: off, error, warning, info; repeatable
      --no-spelling          turn the spelling rule off
  -j, --jobs <n>             threads that lint, this one included (default: one
                             per core from 128 files, from 2,000 on 2 cores;
                             1 lints in-process)
      --frail                exit 1 on warnings too
  -q, --quiet                report only files with messages, and no info
      --silent               report only errors
      --rc-path <file>       use this configuration file
      --no-config            do not search for configuration files
      --ignore-path <file>   use this ignore file
      --no-ignore            do not search for ignore files
      --ignore-pattern <g>   ignore files matching a glob; repeatable
      --color / --no-color   colours in the stylish report
  -h, --help                 show this help
  -v, --version              show the version

Exit codes: 0 clean, 1 an error-severity finding (or any with --frail, or a
score above --max-score / maxScore), 2 a usage, configuration or input error.`

/** Run the CLI; resolves to the exit code. */
export async function main(argv: string[], io: {stdin?: NodeJS.ReadableStream; stdout?: NodeJS.WritableStream; stderr?: NodeJS.WritableStream; cwd?: string} = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout
  const stderr = io.stderr ?? process.stderr
  const cwd = io.cwd ?? process.cwd()
  let values: ReturnType<typeof parse>['values']
  let positionals: string[]

  try {
    ;({values, positionals} = parse(argv))
  } catch (error) {
    stderr.write('mtlint: ' + (error as Error).message + '\n\n' + usage + '\n')
    return 2
  }

  if (values.help) {
    stdout.write(usage + '\n')
    return 0
  }

  if (values.version) {
    const pkg = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as {version: string}
    stdout.write(pkg.version + '\n')
    return 0
  }

  const problems: string[] = []
  const type = values.type as DocumentType | undefined
  if (type && !['markdown', 'html', 'text'].includes(type)) problems.push(`--type must be markdown, html or text (got \`${type}\`)`)
  const reporter = (values.report ?? 'stylish') as ReporterName
  if (!reporterNames.includes(reporter)) problems.push(`--report must be one of ${reporterNames.join(', ')} (got \`${reporter}\`)`)
  const rules: Record<string, RuleSetting> = {}
  for (const item of values.rule ?? []) {
    const match = /^([\w.-]+)=(off|on|error|warning|info)$/.exec(item)
    if (match) rules[match[1]!] = match[2] as RuleSetting
    else problems.push(`--rule expects id=off|on|error|warning|info (got \`${item}\`)`)
  }
  if (values.spelling === false) rules['spelling'] = 'off'
  const maxScore = values['max-score'] === undefined ? undefined : Number(values['max-score'])
  if (maxScore !== undefined && (!Number.isFinite(maxScore) || maxScore < 0 || values['max-score']!.trim() === '')) {
    problems.push(`--max-score must be a non-negative number (got \`${values['max-score']}\`)`)
  }
  const fix = Boolean(values.fix)
  const dryRun = Boolean(values['fix-dry-run'])
  if (fix && dryRun) problems.push('--fix and --fix-dry-run cannot be used together')
  if (problems.length > 0) {
    stderr.write(problems.map((d) => 'mtlint: ' + d).join('\n') + '\n')
    return 2
  }

  // Flags override file configuration: the engine merges them last.
  const flags: Config = {}
  if (Object.keys(rules).length > 0) {
    // Rule ids and entry ids share one namespace on the command line.
    flags.rules = rules
    flags.entries = rules
  }
  if (values.glossary?.length) flags.glossaries = values.glossary.map((d) => path.resolve(cwd, d))
  if (values.pack) flags.pack = values.pack.includes('/') || values.pack.startsWith('.') ? path.resolve(cwd, values.pack) : values.pack
  if (type) flags.type = type
  if (maxScore !== undefined) flags.maxScore = maxScore

  let jobs = values.jobs === undefined ? undefined : Number(values.jobs)
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1 || jobs > 64)) {
    stderr.write(`mtlint: --jobs must be a whole number from 1 to 64 (got \`${values.jobs}\`)\n`)
    return 2
  }
  const files = positionals.filter((d) => d !== '-')
  const useStdin = files.length === 0
  if (fix && useStdin) {
    stderr.write('mtlint: --fix rewrites files and needs paths; use --fix-dry-run to see the fixes for stdin\n')
    return 2
  }
  const since = values.since
  if (since !== undefined) {
    try {
      await checkRevision(since, cwd)
    } catch (error) {
      stderr.write('mtlint: ' + (error as Error).message + '\n')
      return 2
    }
  }
  if (jobs === undefined) {
    const threshold = poolThreshold()
    jobs = !useStdin && countFiles(files, cwd, extensions, threshold) >= threshold ? defaultJobs() : 1
  }
  const pooled = jobs > 1 && canPool()
  if (pooled) await loadPool()

  const configErrors: Problem[] = []
  const record = (error: unknown) => {
    if (isConfigError(error)) configErrors.push(...error.problems)
    throw error
  }

  const sink = new PassThrough()
  sink.resume()

  // One engine run; --fix and --fix-dry-run run it again on the fixed texts
  // (as VFiles, which the engine does not re-read), with the same settings.
  const lintFiles = (inputs: Array<string | VFile>, stdin: boolean | string) => new Promise<{code: number; files: VFile[]; error?: Error}>((resolve) => {
    if (pooled) startPool(jobs)
    engine(
      {
        // The plugin comes only from `plugins` below, which the engine merges
        // into each file's configuration. Attached here too, unified would
        // deep-merge every file's configuration into this one shared `flags`
        // object, leaking one folder's `.mtlintrc` into the next file's.
        processor: unified().use(placeholderParse),
        cwd,
        files: inputs,
        extensions,
        streamIn: typeof stdin === 'string' ? Readable.from([stdin]) : stdin ? (io.stdin ?? process.stdin) : undefined,
        filePath: values['stdin-filepath'],
        streamOut: sink,
        streamError: sink,
        out: false,
        output: false,
        rcName: '.mtlintrc',
        packageField: 'mtlint',
        ignoreName: '.mtlintignore',
        rcPath: values['rc-path'],
        detectConfig: values.config !== false,
        ignorePath: values['ignore-path'],
        detectIgnore: values.ignore !== false,
        ignorePatterns: values['ignore-pattern'] ?? [],
        silentlyIgnore: false,
        plugins: [[mtlintPerFile, flags]],
        configTransform(raw: unknown, filePath: string) {
          try {
            return {plugins: [[mtlintPerFile, absolutizeConfig(validateConfig(raw, filePath), filePath)]]}
          } catch (error) {
            return record(error)
          }
        },
        reporter: () => '',
        color: false
      } as Parameters<typeof engine>[0],
      (error, code, context) => {
        if (pooled) void stopPool()
        const linted = (context?.files ?? []) as VFile[]
        for (const file of linted) restoreFindings(file)
        resolve({code: code ?? 1, files: linted, ...(error ? {error} : {})})
      }
    )
  })

  const result = await lintFiles(files, useStdin)

  if (result.error) {
    if (isConfigError(result.error)) configErrors.push(...result.error.problems)
    else {
      stderr.write('mtlint: ' + result.error.message + '\n')
      return 2
    }
  }

  // Configuration errors surface as fatal file messages in the engine;
  // report them once, plainly, and run nothing with half a configuration.
  let inputError = false
  for (const file of result.files) {
    for (const message of file.messages) {
      if (isConfigError(message.cause)) {
        for (const problem of message.cause.problems) {
          if (!configErrors.some((d) => formatProblem(d) === formatProblem(problem))) configErrors.push(problem)
        }
      } else if (message.fatal && message.source !== 'mtlint') inputError = true
    }
  }

  if (configErrors.length > 0) {
    const shown = configErrors.map((d) => {
      const relative = path.relative(cwd, d.file)
      return {...d, file: path.isAbsolute(d.file) && !relative.startsWith('..') ? relative : d.file}
    })
    stderr.write(shown.map((d) => 'mtlint: ' + formatProblem(d)).join('\n') + '\n')
    return 2
  }

  let finalFiles = result.files

  // --since: keep only findings on lines changed since the revision (before
  // fixing, so --fix touches only the new draft's lines too).
  const changed = new Map<VFile, ChangedLines>()
  const restrict = async (file: VFile, original: VFile) => {
    if (since === undefined || !original.path) return
    let lines = changed.get(original)
    if (!lines) {
      lines = await changedLines(since, path.resolve(cwd, original.path))
      changed.set(original, lines)
    }
    keepChanged(file, lines)
  }
  try {
    for (const file of finalFiles) await restrict(file, file)
  } catch (error) {
    if (!(error instanceof SinceError)) throw error
    stderr.write('mtlint: ' + error.message + '\n')
    return 2
  }

  if (fix || dryRun) {
    const fixed = await fixFiles(finalFiles)
    if (typeof fixed === 'string') {
      stderr.write('mtlint: ' + fixed + '\n')
      return 2
    }
    finalFiles = fixed.files
    if (fix) {
      for (const [index, file] of finalFiles.entries()) {
        const before = fixed.originals[index]
        if (before === undefined || !file.path || String(file.value) === before) continue
        try {
          // Through a symbolic link to the article itself (a rename would
          // replace the link), keeping the article's permissions.
          const target = await realpath(path.resolve(cwd, file.path))
          await writeAtomic(target, String(file.value), {mode: (await stat(target)).mode & 0o7777})
        } catch (error) {
          stderr.write('mtlint: cannot write fixes: ' + (error as Error).message + '\n')
          return 2
        }
      }
    } else {
      const patches = finalFiles
        .map((file, index) => {
          const before = fixed.originals[index]
          if (before === undefined || String(file.value) === before) return ''
          const name = file.path ? relativePath(file, cwd) : '<stdin>'
          return createTwoFilesPatch('a/' + name, 'b/' + name, before, String(file.value), undefined, undefined, {context: 3})
            .replace(/^=+\n/, '')
        })
        .filter(Boolean)
      if (patches.length > 0) stdout.write(patches.join(''))
    }
  }

  /**
   * Fix every file until no safe fix remains (a fix can reveal another), by
   * re-linting the fixed texts in memory; the texts are written once, after
   * the last lint, so what is reported is what is on disk.
   */
  async function fixFiles(linted: VFile[]): Promise<{files: VFile[]; originals: Array<string | undefined>} | string> {
    const current = [...linted]
    const originals = current.map((file) => (fixable(file) ? String(file.value ?? '') : undefined))
    for (let round = 0; round < maxFixRounds; round++) {
      const pending: number[] = []
      const inputs: VFile[] = []
      let stdinValue: string | undefined
      current.forEach((file, index) => {
        if (originals[index] === undefined) return
        const {value, edits} = fixText(file)
        if (edits.length === 0) return
        pending.push(index)
        // stdin has no path (the engine would give a VFile one): lint it as stdin again.
        if (useStdin) stdinValue = value
        else inputs.push(new VFile({path: file.path, cwd: file.cwd, value}))
      })
      if (pending.length === 0) break
      const again = await lintFiles(inputs, stdinValue ?? false)
      if (again.error) return again.error.message
      for (const [position, index] of pending.entries()) {
        const file = again.files[position]
        if (!file) continue
        await restrict(file, linted[index]!)
        current[index] = file
      }
    }
    return {files: current, originals}
  }

  const scoring: ScoringConfig = maxScore === undefined ? {} : {maxScore}
  const output = renderReport(reporter, finalFiles, {
    quiet: Boolean(values.quiet),
    silent: Boolean(values.silent),
    color: values.color ?? (values.output ? false : Boolean((stdout as NodeJS.WriteStream).isTTY)),
    cwd,
    scoring
  })

  if (values.output) {
    try {
      await writeAtomic(path.resolve(cwd, values.output), output)
    } catch (error) {
      stderr.write('mtlint: cannot write report: ' + (error as Error).message + '\n')
      return 2
    }
  } else if (output) {
    // The diff of --fix-dry-run owns stdout: every report goes to stderr then.
    ;(reporter === 'stylish' || dryRun ? stderr : stdout).write(output.endsWith('\n') ? output : output + '\n')
  }

  if (inputError) return 2
  const failed = finalFiles.some(
    (file) =>
      file.messages.some((message) => message.fatal === true || (values.frail && message.fatal === false)) ||
      scoreFile(file, scoring).failed
  )
  return failed ? 1 : 0
}

/** Whether a file may be fixed: read, and not failed on input (a fatal non-mtlint message). */
function fixable(file: VFile): boolean {
  return file.value !== undefined && file.value !== null && !file.messages.some((d) => d.fatal === true && d.source !== 'mtlint')
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    allowNegative: true,
    strict: true,
    options: {
      type: {type: 'string', short: 't'},
      'stdin-filepath': {type: 'string'},
      report: {type: 'string', short: 'r'},
      output: {type: 'string', short: 'o'},
      glossary: {type: 'string', short: 'g', multiple: true},
      pack: {type: 'string'},
      rule: {type: 'string', multiple: true},
      spelling: {type: 'boolean'},
      frail: {type: 'boolean'},
      quiet: {type: 'boolean', short: 'q'},
      silent: {type: 'boolean'},
      'rc-path': {type: 'string'},
      config: {type: 'boolean'},
      'ignore-path': {type: 'string'},
      ignore: {type: 'boolean'},
      'ignore-pattern': {type: 'string', multiple: true},
      color: {type: 'boolean'},
      'max-score': {type: 'string'},
      fix: {type: 'boolean'},
      'fix-dry-run': {type: 'boolean'},
      since: {type: 'string'},
      jobs: {type: 'string', short: 'j'},
      help: {type: 'boolean', short: 'h'},
      version: {type: 'boolean', short: 'v'}
    }
  })
}

