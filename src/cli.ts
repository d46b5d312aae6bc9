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
import path from 'node:path'
import process from 'node:process'
import {PassThrough} from 'node:stream'
import {engine} from 'unified-engine'
import {unified} from 'unified'
import type {VFile} from 'vfile'
import {mtlintParse, extensions} from './parse.js'
import {mtlintNode} from './node/plugin.js'
import {canPool, defaultJobs, mtlintPooled, pooledParse, startPool, stopPool} from './node/pool.js'
import {countFiles} from './node/files.js'
import {absolutizeConfig, validateConfig, type Config} from './node/config.js'
import {formatProblem, isConfigError, type Problem} from './errors.js'
import {packageRoot} from './node/packs.js'
import {report as renderReport, reporterNames, type ReporterName} from './reporters/index.js'
import {writeAtomic} from './node/write.js'
import type {DocumentType, RuleSetting} from './types.js'

const usage = `Usage: mtlint [options] [path | glob ...]

Lint machine-translated news (Markdown, HTML, text) for translation artifacts.
With no paths (or \`-\`), reads stdin.

Options:
  -t, --type <type>          document type for stdin: markdown, html, text
      --stdin-filepath <p>   path to report stdin as (also picks the type)
  -r, --report <name>        reporter: ${reporterNames.join(', ')} (default: stylish)
  -o, --output <file>        write the report to a file (atomically)
  -g, --glossary <file>      add a glossary (YAML, CSV, TSV); repeatable
      --pack <name|path>     language pack (default: fr-en)
      --rule <id=setting>    set a rule or entry: off, error, warning, info; repeatable
      --no-spelling          turn the spelling rule off
  -j, --jobs <n>             worker threads for many files (default: one per core
                             when 16 or more files; 1 lints in-process)
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

Exit codes: 0 clean, 1 an error-severity finding (or any with --frail),
2 a usage, configuration or input error.`

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

  let jobs = values.jobs === undefined ? undefined : Number(values.jobs)
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1 || jobs > 64)) {
    stderr.write(`mtlint: --jobs must be a whole number from 1 to 64 (got \`${values.jobs}\`)\n`)
    return 2
  }
  const files = positionals.filter((d) => d !== '-')
  const useStdin = files.length === 0
  jobs ??= !useStdin && countFiles(files, cwd, extensions, 16) >= 16 ? defaultJobs() : 1
  const pooled = jobs > 1 && canPool()
  const plugin = pooled ? mtlintPooled : mtlintNode
  if (pooled) startPool(jobs)

  const configErrors: Problem[] = []
  const record = (error: unknown) => {
    if (isConfigError(error)) configErrors.push(...error.problems)
    throw error
  }

  const sink = new PassThrough()
  sink.resume()

  const result = await new Promise<{code: number; files: VFile[]; error?: Error}>((resolve) => {
    engine(
      {
        processor: pooled ? unified().use(pooledParse).use(plugin, flags) : unified().use(mtlintParse, {type}).use(plugin, flags),
        cwd,
        files,
        extensions,
        streamIn: useStdin ? (io.stdin ?? process.stdin) : undefined,
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
        plugins: [[plugin, flags]],
        configTransform(raw: unknown, filePath: string) {
          try {
            return {plugins: [[plugin, absolutizeConfig(validateConfig(raw, filePath), filePath)]]}
          } catch (error) {
            return record(error)
          }
        },
        reporter: () => '',
        color: false
      } as Parameters<typeof engine>[0],
      (error, code, context) => {
        if (pooled) void stopPool()
        resolve({code: code ?? 1, files: (context?.files ?? []) as VFile[], ...(error ? {error} : {})})
      }
    )
  })

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

  const output = renderReport(reporter, result.files, {
    quiet: Boolean(values.quiet),
    silent: Boolean(values.silent),
    color: values.color ?? (values.output ? false : Boolean((stdout as NodeJS.WriteStream).isTTY)),
    cwd
  })

  if (values.output) {
    try {
      await writeAtomic(path.resolve(cwd, values.output), output)
    } catch (error) {
      stderr.write('mtlint: cannot write report: ' + (error as Error).message + '\n')
      return 2
    }
  } else if (output) {
    ;(reporter === 'stylish' ? stderr : stdout).write(output.endsWith('\n') ? output : output + '\n')
  }

  if (inputError) return 2
  const failed = result.files.some((file) =>
    file.messages.some((message) => message.fatal === true || (values.frail && message.fatal === false))
  )
  return failed ? 1 : 0
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
      jobs: {type: 'string', short: 'j'},
      help: {type: 'boolean', short: 'h'},
      version: {type: 'boolean', short: 'v'}
    }
  })
}

