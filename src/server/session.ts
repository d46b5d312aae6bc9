/**
 * A lint session: what the language server does on each change, without the
 * protocol — find the document's configuration (as the CLI does), keep ONE
 * incremental processor per resolved configuration and reuse it across
 * edits, and turn the messages into diagnostics. The server, its tests and
 * the benchmark drive this same object.
 */
import {existsSync, readFileSync, writeFileSync, appendFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {Root} from 'nlcst'
import type {Processor} from 'unified'
import {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import type {Diagnostic} from 'vscode-languageserver'
import {createProcessor, type Settings} from '../processor.js'
import {resolveConfig, type Config} from '../node/config.js'
import {MtlintConfigError, isConfigError} from '../errors.js'
import {ConfigFinder, mergeConfigs, normalizeClientSettings, type ClientSettings} from './config.js'
import {toDiagnostic} from './diagnostics.js'
import {typeFromPath} from '../parse.js'
import type {DocumentType} from '../types.js'

/** Options of a lint session. */
export interface LintSessionOptions {
  /** Workspace root: client settings' paths resolve from it, and a new word list may go there. */
  root?: string | undefined
  /** Client settings (flat, under `mtlint`, or `{settings: {mtlint}}`). */
  settings?: unknown
}

/** A document to lint. */
export interface LintDocument {
  /** Its URI (`file:` for files on disk). */
  uri: string
  /** Its text. */
  text: string
  /** The client's language id, for documents that are not files. */
  languageId?: string | undefined
}

/** The outcome of linting a document. */
export interface LintResult {
  /** Diagnostics to publish (empty on a configuration error). */
  diagnostics: Diagnostic[]
  /** The configuration error that stopped linting, if any. */
  error?: MtlintConfigError | undefined
  /** Whether `.mtlintignore` excludes the document. */
  ignored?: boolean | undefined
}

/** Default debounce of the server, in milliseconds. */
export const defaultDebounce = 200

/** Name of the word list the server creates when a project has none. */
export const defaultWordsFile = '.mtlint-words'

type LintProcessor = Processor<Root, Root, Root, undefined, undefined>

/** See the module comment. */
export class LintSession {
  /** Workspace root. */
  readonly root: string
  private readonly finder = new ConfigFinder()
  private client: ClientSettings = {config: {}, server: {}}
  // Settings are cached by resolveConfig per configuration and file stamps,
  // so the same configuration maps to the same processor and block cache.
  private processors = new WeakMap<Settings, LintProcessor>()
  private tail: Promise<void> = Promise.resolve()

  constructor(options: LintSessionOptions = {}) {
    this.root = path.resolve(options.root ?? process.cwd())
    if (options.settings !== undefined) this.setClientSettings(options.settings)
  }

  /**
   * Take new client settings.
   *
   * @throws {MtlintConfigError}
   *   When they are invalid (the previous settings stay).
   */
  setClientSettings(value: unknown): void {
    this.client = normalizeClientSettings(value, this.root)
  }

  /** Debounce in milliseconds. */
  get debounce(): number {
    return this.client.server.debounce ?? defaultDebounce
  }

  /** Forget cached configuration files (after the client reports file changes). */
  invalidate(): void {
    this.finder.clear()
  }

  /** The path a document is linted as (its file, or a name in the root with the right extension). */
  documentPath(uri: string, languageId?: string | undefined): string {
    if (uri.startsWith('file:')) return fileURLToPath(uri)
    const extension = languageId === 'markdown' ? '.md' : languageId === 'html' ? '.html' : '.txt'
    return path.join(this.root, 'untitled' + extension)
  }

  /** The document type a document is linted as (a configured `type` aside). */
  documentType(uri: string, languageId?: string | undefined): DocumentType {
    return typeFromPath(this.documentPath(uri, languageId))
  }

  /** The configuration that applies to a file, and the folder it is relative to. */
  async configFor(filePath: string): Promise<{config: Config; folder: string; file?: string | undefined}> {
    const found = await this.finder.find(filePath)
    const config = mergeConfigs(this.client.config, found?.config ?? {})
    return {config, folder: found ? path.dirname(found.file) : this.root, file: found?.file}
  }

  /**
   * Lint a document. Configuration errors are returned, never thrown.
   * Lints run one at a time: a processor's block cache shifts cached trees
   * in place, so two documents sharing a paragraph must not interleave
   * between parse and run.
   */
  lint(document: LintDocument): Promise<LintResult> {
    const result = this.tail.then(() => this.lintNow(document))
    this.tail = result.then(
      () => undefined,
      () => undefined
    )
    return result
  }

  private async lintNow(document: LintDocument): Promise<LintResult> {
    if (this.client.server.enable === false) return {diagnostics: []}
    const filePath = this.documentPath(document.uri, document.languageId)
    let settings: Settings
    try {
      if (this.finder.ignored(filePath)) return {diagnostics: [], ignored: true}
      const {config, folder} = await this.configFor(filePath)
      settings = resolveConfig(config, folder)
    } catch (error) {
      if (isConfigError(error)) return {diagnostics: [], error}
      throw error
    }
    let processor = this.processors.get(settings)
    if (!processor) {
      processor = createProcessor({...settings, incremental: true})
      this.processors.set(settings, processor)
    }
    const file = new VFile({path: filePath, value: document.text})
    try {
      const tree = processor.parse(file)
      await processor.run(tree, file)
    } catch (error) {
      // Input the core refuses (binary, too large) is one diagnostic.
      if (error instanceof VFileMessage) return {diagnostics: [toDiagnostic(error)]}
      throw error
    }
    // Rules report in their own order; editors list diagnostics as given.
    const diagnostics = file.messages.map(toDiagnostic)
    diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
    return {diagnostics}
  }

  /**
   * Add a word to the project's word list: the configuration's `wordsFile`,
   * else `.mtlint-words` next to the configuration file (or in the root),
   * which is then named as `wordsFile` in that configuration (or in a new
   * `.mtlintrc.json`) so the CLI reads the same list.
   *
   * @returns
   *   The word list's path and, when one was written, the configuration file.
   */
  async addWord(uri: string, word: string): Promise<{wordsFile: string; configFile?: string}> {
    const filePath = this.documentPath(uri)
    const {config, folder, file} = await this.configFor(filePath)
    let wordsFile = config.wordsFile
    let configFile: string | undefined
    if (!wordsFile) {
      wordsFile = path.join(folder, defaultWordsFile)
      configFile = file ?? path.join(folder, '.mtlintrc.json')
      nameWordsFile(configFile, defaultWordsFile)
    }
    appendWord(wordsFile, word)
    this.invalidate()
    return configFile ? {wordsFile, configFile} : {wordsFile}
  }
}

/** Create a lint session (what the server calls on every change). */
export function createLintSession(options: LintSessionOptions = {}): LintSession {
  return new LintSession(options)
}

function appendWord(file: string, word: string): void {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : ''
  const words = text.split(/\r?\n/).map((d) => d.replace(/#.*/, '').trim())
  if (words.includes(word)) return
  const header = text === '' ? '# Correct words and names for mtlint, one per line.\n' : ''
  appendFileSync(file, header + (text === '' || text.endsWith('\n') ? '' : '\n') + word + '\n')
}

/**
 * Name the word list in a configuration file with a small text edit, keeping
 * the file's own formatting (JSON, `package.json#mtlint`, YAML).
 *
 * @throws {MtlintConfigError}
 *   For a JavaScript configuration, which cannot be edited safely.
 */
function nameWordsFile(configFile: string, name: string): void {
  if (!existsSync(configFile)) {
    writeFileSync(configFile, JSON.stringify({wordsFile: name}, null, 2) + '\n')
    return
  }
  const text = readFileSync(configFile, 'utf8')
  const extname = path.extname(configFile)
  if (extname === '.yml' || extname === '.yaml') {
    const emptyDocument = text.trim() === '' || text.trim() === '{}'
    writeFileSync(configFile, emptyDocument ? `wordsFile: ${name}\n` : text + (text.endsWith('\n') ? '' : '\n') + `wordsFile: ${name}\n`)
    return
  }
  if (extname === '.js' || extname === '.cjs' || extname === '.mjs') {
    throw new MtlintConfigError([{file: configFile, reason: `add \`wordsFile: '${name}'\` to this configuration to use the word list`}])
  }
  const opening = path.basename(configFile) === 'package.json' ? /"mtlint"\s*:\s*\{/.exec(text) : /\{/.exec(text)
  if (!opening) throw new MtlintConfigError([{file: configFile, reason: 'cannot find the configuration object to add `wordsFile` to'}])
  const at = opening.index + opening[0].length
  const empty = /^\s*\}/.test(text.slice(at))
  const indent = /\n([ \t]+)"/.exec(text.slice(at))?.[1] ?? '  '
  const insert = `\n${indent}"wordsFile": ${JSON.stringify(name)}${empty ? '\n' : ','}`
  writeFileSync(configFile, text.slice(0, at) + insert + text.slice(at))
}
