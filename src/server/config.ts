/**
 * Configuration for the language server, found exactly as the CLI finds it:
 * unified-engine looks, in each folder from the document's up to the root,
 * for `.mtlintrc`, `.mtlintrc.json`, `.cjs`, `.mjs`, `.js`, `.yaml`, `.yml`
 * and then `package.json` (only when it has an `mtlint` field); the first
 * hit wins, with no cascading. The nearest `.mtlintignore` decides whether a
 * document is linted, its patterns relative to its own folder.
 *
 * Why not unified-engine itself: it builds a new pipeline per run, while an
 * editor must reuse one incremental processor across keystrokes. Files are
 * re-read when their modification time or size changes, so edits to the
 * configuration apply even when the client sends no file events.
 */
import {readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import ignoreModule, {type Ignore} from 'ignore'
import {parse as parseYaml} from 'yaml'
import {MtlintConfigError, type Problem} from '../errors.js'
import {absolutizeConfig, validateConfig, type Config} from '../node/config.js'

// ignore's types describe an ES module default, but it is CommonJS: under
// NodeNext the default import is the function itself at run time.
const ignoreFactory = ignoreModule as unknown as (typeof ignoreModule)['default']

/** The rc name, package field and ignore file name the CLI uses. */
export const rcName = '.mtlintrc'
/** The `package.json` field holding configuration. */
export const packageField = 'mtlint'
/** The ignore file name. */
export const ignoreName = '.mtlintignore'

/** File names looked for in each folder, in unified-engine's order. */
export const configNames = [rcName, ...['.json', '.cjs', '.mjs', '.js', '.yaml', '.yml'].map((d) => rcName + d), 'package.json']

/** A configuration file found for a document. */
export interface FoundConfig {
  /** Absolute path of the file. */
  file: string
  /** Its configuration, validated, with absolute paths. */
  config: Config
}

interface Stamp {
  mtimeMs: number
  size: number
}

function stampOf(file: string): Stamp | undefined {
  try {
    const stats = statSync(file)
    return stats.isFile() ? {mtimeMs: stats.mtimeMs, size: stats.size} : undefined
  } catch {
    return undefined
  }
}

/** A file's parsed content, re-read when its stamp changes. */
interface CachedFile<T> {
  stamp: Stamp
  value: T | undefined
  error?: MtlintConfigError
}

/** Finds and reads configuration and ignore files, caching by stamp. */
export class ConfigFinder {
  private readonly configs = new Map<string, CachedFile<Config>>()
  private readonly ignores = new Map<string, CachedFile<Ignore>>()

  /** Forget every cached file (after file events from the client). */
  clear(): void {
    this.configs.clear()
    this.ignores.clear()
  }

  /**
   * The configuration file for a document, or undefined when there is none.
   *
   * @throws {MtlintConfigError}
   *   When the file that applies cannot be parsed or is invalid.
   */
  async find(documentPath: string): Promise<FoundConfig | undefined> {
    for (const folder of ancestors(path.dirname(documentPath))) {
      for (const name of configNames) {
        const file = path.join(folder, name)
        const stamp = stampOf(file)
        if (!stamp) continue
        const config = await this.read(file, stamp)
        // A `package.json` without the field does not stop the search.
        if (config) return {file, config}
      }
    }
    return undefined
  }

  /** Whether the nearest `.mtlintignore` ignores a document. */
  ignored(documentPath: string): boolean {
    for (const folder of ancestors(path.dirname(documentPath))) {
      const file = path.join(folder, ignoreName)
      const stamp = stampOf(file)
      if (!stamp) continue
      let cached = this.ignores.get(file)
      if (!cached || !sameStamp(cached.stamp, stamp)) {
        cached = {stamp, value: ignoreFactory().add(readFileSync(file, 'utf8'))}
        this.ignores.set(file, cached)
      }
      const relative = path.relative(folder, documentPath)
      if (relative === '' || relative.startsWith('..')) return false
      return cached.value!.ignores(relative.split(path.sep).join('/'))
    }
    return false
  }

  private async read(file: string, stamp: Stamp): Promise<Config | undefined> {
    const cached = this.configs.get(file)
    if (cached && sameStamp(cached.stamp, stamp)) {
      if (cached.error) throw cached.error
      return cached.value
    }
    try {
      const value = await loadConfigFile(file)
      this.configs.set(file, {stamp, value})
      return value
    } catch (error) {
      if (!(error instanceof MtlintConfigError)) throw error
      this.configs.set(file, {stamp, value: undefined, error})
      throw error
    }
  }
}

function sameStamp(a: Stamp, b: Stamp): boolean {
  return a.mtimeMs === b.mtimeMs && a.size === b.size
}

function* ancestors(folder: string): Generator<string> {
  let current = path.resolve(folder)
  while (true) {
    yield current
    const parent = path.dirname(current)
    if (parent === current) return
    current = parent
  }
}

/**
 * Read one configuration file (any of the CLI's formats) into a validated,
 * absolute configuration; undefined for a `package.json` without the field.
 *
 * @throws {MtlintConfigError}
 */
export async function loadConfigFile(file: string): Promise<Config | undefined> {
  const base = path.basename(file)
  const extname = path.extname(base)
  let raw: unknown
  if (extname === '.js' || extname === '.cjs' || extname === '.mjs') {
    try {
      const module = (await import(pathToFileURL(file).href + '?t=' + Date.now())) as {default?: unknown}
      raw = module.default
    } catch (error) {
      throw new MtlintConfigError([{file, reason: 'cannot load configuration: ' + (error as Error).message}])
    }
  } else {
    const text = readFileSync(file, 'utf8')
    raw = extname === '.yaml' || extname === '.yml' ? parseYamlFile(text, file) : parseJsonFile(text, file)
    if (base === 'package.json') {
      raw = (raw as Record<string, unknown> | null)?.[packageField]
      if (raw === undefined) return undefined
    }
  }
  return absolutizeConfig(validateConfig(raw, file), file)
}

function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    const reason = (error as Error).message
    const offset = /position (\d+)/.exec(reason)?.[1]
    const problem: Problem = {file, reason: 'invalid JSON: ' + reason.replace(/ in JSON at position \d+.*$/, '')}
    if (offset !== undefined) Object.assign(problem, placeOf(text, Number(offset)))
    else {
      // Unexpected end of input: point at the end.
      Object.assign(problem, placeOf(text, text.length))
    }
    throw new MtlintConfigError([problem])
  }
}

function parseYamlFile(text: string, file: string): unknown {
  try {
    return parseYaml(text)
  } catch (error) {
    const cause = error as {message?: string; linePos?: Array<{line: number; col: number}>}
    throw new MtlintConfigError([
      {
        file,
        line: cause.linePos?.[0]?.line,
        column: cause.linePos?.[0]?.col,
        reason: 'invalid YAML: ' + String(cause.message).split('\n', 1)[0]
      }
    ])
  }
}

/** 1-based line and column of an offset. */
function placeOf(text: string, offset: number): {line: number; column: number} {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  return {line, column: offset - before.lastIndexOf('\n')}
}

/** Server settings that are not part of the project configuration. */
export interface ServerOptions {
  /** Milliseconds to wait after the last change before linting (default 200). */
  debounce?: number
  /** `false` publishes no diagnostics (default true). */
  enable?: boolean
}

/** Client settings: configuration fields plus server options. */
export interface ClientSettings {
  /** Configuration fields, validated, with paths absolute from the workspace root. */
  config: Config
  /** Server options. */
  server: ServerOptions
}

const serverKeys = new Set(['debounce', 'enable', 'trace', 'serverPath'])

/**
 * Normalize the settings a client sends: flat (`{rules: …}`), under an
 * `mtlint` section (`{mtlint: {…}}`), or as Neovim 0.7 and VS Code send
 * `workspace/didChangeConfiguration` (`{settings: {mtlint: {…}}}`).
 *
 * @throws {MtlintConfigError}
 *   When a configuration field is invalid.
 */
export function normalizeClientSettings(value: unknown, root: string): ClientSettings {
  let section = value
  for (let depth = 0; depth < 2; depth++) {
    if (!isRecord(section)) break
    if (isRecord(section['mtlint'])) section = section['mtlint']
    else if (isRecord(section['settings']) && Object.keys(section).length === 1) section = section['settings']
    else break
  }
  if (!isRecord(section)) return {config: {}, server: {}}
  const server: ServerOptions = {}
  const fields: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(section)) {
    if (field === undefined || field === null) continue
    if (serverKeys.has(key)) {
      if (key === 'debounce' && typeof field === 'number' && Number.isFinite(field) && field >= 0) server.debounce = field
      if (key === 'enable' && typeof field === 'boolean') server.enable = field
      continue
    }
    fields[key] = field
  }
  const label = path.join(root, '<client settings>')
  return {config: absolutizeConfig(validateConfig(fields, label), label), server}
}

/**
 * Combine client settings with a project's configuration file: the file
 * wins on single values and per id, lists are joined (as the CLI lets file
 * configuration and flags combine).
 */
export function mergeConfigs(base: Config, over: Config): Config {
  const result: Config = {...base, ...over}
  if (base.rules || over.rules) result.rules = {...base.rules, ...over.rules}
  if (base.entries || over.entries) result.entries = {...base.entries, ...over.entries}
  if (base.weights || over.weights) result.weights = {...base.weights, ...over.weights}
  if (base.ruleOptions || over.ruleOptions) {
    const options: Record<string, Record<string, unknown>> = {...base.ruleOptions}
    for (const [id, value] of Object.entries(over.ruleOptions ?? {})) options[id] = {...options[id], ...value}
    result.ruleOptions = options
  }
  for (const key of ['glossaries', 'words'] as const) {
    if (base[key] || over[key]) result[key] = [...new Set([...(base[key] ?? []), ...(over[key] ?? [])])]
  }
  return result
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
