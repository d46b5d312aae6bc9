/**
 * The `.mtlintrc` / `package.json#mtlint` configuration: validation with
 * errors that name the file, line and column, and resolution into pipeline
 * settings (the pack, the project's glossaries and word lists loaded once
 * per process and cached).
 */
import {createHash} from 'node:crypto'
import {existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {MtlintConfigError, type Problem} from '../errors.js'
import {checkedGlossary, compileEntries} from '../glossary/compile.js'
import {parseGlossary} from '../glossary/load.js'
import type {CompiledEntry} from '../glossary/schema.js'
import type {Settings} from '../processor.js'
import type {DocumentType, RuleSetting} from '../types.js'
import {loadPack} from './packs.js'

/** The configuration a project writes (all fields optional). */
export interface Config {
  /** Built-in pack name (`fr-en`, the default) or a path to a pack folder. */
  pack?: string
  /** The project's glossaries (YAML, CSV, TSV), relative to the config file. */
  glossaries?: string[]
  /** Per rule: `off`, `error`, `warning`, `info`, `true`/`false`. */
  rules?: Record<string, RuleSetting>
  /** Per glossary entry id or family: `off` or a severity. */
  entries?: Record<string, RuleSetting>
  /** Options for individual rules, by rule id. */
  ruleOptions?: Record<string, Record<string, unknown>>
  /** Correct words (names, jargon) for spelling and consistency. */
  words?: string[]
  /** A file of words, one per line (`#` comments), relative to the config file. */
  wordsFile?: string
  /** Fail when an article's penalty score per 1,000 words exceeds this. */
  maxScore?: number
  /** Penalty weights per severity (minor/major/critical). */
  weights?: Record<string, number>
  /** Force a document type. */
  type?: DocumentType
}

const ruleSettings = new Set(['off', 'on', 'error', 'warning', 'info'])
const configFields: Record<keyof Config, string> = {
  pack: 'string',
  glossaries: 'string[]',
  rules: 'settings',
  entries: 'settings',
  ruleOptions: 'object',
  words: 'string[]',
  wordsFile: 'string',
  maxScore: 'number',
  weights: 'numbers',
  type: 'type'
}

/** Find where a key is written in a config file, for error messages. */
function locate(file: string, key: string | undefined): {line?: number; column?: number} {
  if (!key || !existsSync(file)) return {}
  const text = readFileSync(file, 'utf8')
  const pattern = new RegExp(`(["']?)${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1\\s*:`)
  const match = pattern.exec(text)
  if (!match) return {}
  const before = text.slice(0, match.index)
  const line = before.split('\n').length
  return {line, column: match.index - before.lastIndexOf('\n')}
}

/**
 * Validate a configuration object.
 *
 * @throws {MtlintConfigError}
 */
export function validateConfig(value: unknown, file: string): Config {
  const problems: Problem[] = []
  const fail = (key: string | undefined, reason: string) => problems.push({file, ...locate(file, key), reason})

  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(undefined, 'configuration must be an object')
    throw new MtlintConfigError(problems)
  }

  const record = value as Record<string, unknown>
  for (const [key, field] of Object.entries(record)) {
    const kind = configFields[key as keyof Config]
    if (!kind) {
      fail(key, `unknown setting \`${key}\` (expected one of ${Object.keys(configFields).join(', ')})`)
      continue
    }
    const ok =
      kind === 'string'
        ? typeof field === 'string'
        : kind === 'string[]'
          ? Array.isArray(field) && field.every((d) => typeof d === 'string')
          : kind === 'number'
            ? typeof field === 'number' && Number.isFinite(field) && field >= 0
            : kind === 'type'
              ? field === 'markdown' || field === 'html' || field === 'text'
              : typeof field === 'object' && field !== null && !Array.isArray(field)
    if (!ok) {
      fail(key, `\`${key}\` must be ${kind === 'string[]' ? 'a list of strings' : kind === 'settings' ? 'a map of ids to off/error/warning/info' : kind === 'numbers' ? 'a map of numbers' : kind === 'type' ? 'markdown, html or text' : kind === 'number' ? 'a non-negative number' : 'a ' + kind}`)
      continue
    }
    if (kind === 'settings') {
      for (const [id, setting] of Object.entries(field as Record<string, unknown>)) {
        if (typeof setting !== 'boolean' && !(typeof setting === 'string' && ruleSettings.has(setting))) {
          fail(id, `\`${key}.${id}\` must be off, on, error, warning, info, true or false (got ${JSON.stringify(setting)})`)
        }
      }
    }
    if (kind === 'numbers') {
      for (const [id, weight] of Object.entries(field as Record<string, unknown>)) {
        // `weights` are the score's minor/major/critical points: a typo would be ignored silently.
        if (key === 'weights' && !['minor', 'major', 'critical'].includes(id)) fail(id, `unknown weight \`${id}\` (expected minor, major or critical)`)
        else if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) fail(id, `\`${key}.${id}\` must be a non-negative number`)
      }
    }
  }

  if (problems.length > 0) throw new MtlintConfigError(problems)
  return record as Config
}

/** Make a config's paths absolute, relative to its file's folder. */
export function absolutizeConfig(config: Config, file: string): Config {
  const base = path.dirname(file)
  const result: Config = {...config}
  if (config.glossaries) result.glossaries = config.glossaries.map((d) => path.resolve(base, d))
  if (config.wordsFile) result.wordsFile = path.resolve(base, config.wordsFile)
  if (config.pack && (config.pack.startsWith('.') || config.pack.includes('/'))) result.pack = path.resolve(base, config.pack)
  return result
}

const glossaryCache = new Map<string, CompiledEntry[]>()

/**
 * Load a project glossary (cached by path and modification time); its
 * examples are checked on load.
 *
 * @throws {MtlintConfigError}
 */
export function loadGlossaryFile(file: string): CompiledEntry[] {
  let stamp: number
  try {
    stamp = statSync(file).mtimeMs
  } catch {
    throw new MtlintConfigError([{file, reason: 'cannot read glossary: no such file'}])
  }
  const key = file + '\0' + stamp
  const cached = glossaryCache.get(key)
  if (cached) return cached
  const text = readFileSync(file, 'utf8')
  const diskKey = compiledCacheKey(file, text)
  const fromDisk = readCompiled(diskKey)
  if (fromDisk) {
    glossaryCache.set(key, fromDisk)
    return fromDisk
  }
  const entries = parseGlossary(text, file)
  const compiled = compileEntries(entries)
  // Checks examples against this glossary alone.
  checkedGlossary(compiled)
  glossaryCache.set(key, compiled)
  writeCompiled(diskKey, compiled)
  return compiled
}

// Compiled project glossaries on disk, by content: the CLI's main thread and
// each pool worker load the same glossary, and YAML parsing with positions
// plus the examples check cost ~0.5 s per 1,000 entries each time
// (bench/NOTES.md). Only a glossary that loaded without problems is written;
// the key holds the file, its text and this build of mtlint, so an edit or an
// upgrade never reads a stale entry. Any cache failure just compiles.
const compiledCacheDir = path.join(os.tmpdir(), 'mtlint-glossary-cache')
const codeStamp = (() => {
  try {
    const here = fileURLToPath(import.meta.url)
    return [here, path.join(path.dirname(here), '..', 'glossary', 'compile.js'), path.join(path.dirname(here), '..', 'glossary', 'load.js')]
      .map((d) => (existsSync(d) ? statSync(d).mtimeMs : 0))
      .join(',')
  } catch {
    return ''
  }
})()

function compiledCacheKey(file: string, text: string): string {
  return createHash('sha256').update(codeStamp + '\0' + file + '\0' + text).digest('hex')
}

function readCompiled(key: string): CompiledEntry[] | undefined {
  try {
    return JSON.parse(readFileSync(path.join(compiledCacheDir, key + '.json'), 'utf8')) as CompiledEntry[]
  } catch {
    return undefined
  }
}

function writeCompiled(key: string, compiled: CompiledEntry[]): void {
  try {
    mkdirSync(compiledCacheDir, {recursive: true})
    const target = path.join(compiledCacheDir, key + '.json')
    const temporary = target + '.' + process.pid + '.' + Math.random().toString(36).slice(2)
    writeFileSync(temporary, JSON.stringify(compiled))
    renameSync(temporary, target)
  } catch {
    // A read-only temp folder: compile every time.
  }
}

/** Read a words file: one word or name per line, `#` starts a comment. */
export function loadWordsFile(file: string): string[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    throw new MtlintConfigError([{file, reason: 'cannot read words file: no such file'}])
  }
  return text
    .split(/\r?\n/)
    .map((d) => d.replace(/#.*/, '').trim())
    .filter(Boolean)
}

const settingsCache = new Map<string, Settings>()

/**
 * Resolve a (validated, absolute) configuration into pipeline settings.
 *
 * @throws {MtlintConfigError}
 */
export function resolveConfig(config: Config, cwd = process.cwd()): Settings {
  const stamps = [...(config.glossaries ?? []), config.wordsFile ?? ''].map((d) => {
    try {
      return d ? statSync(path.resolve(cwd, d)).mtimeMs : 0
    } catch {
      return -1
    }
  })
  const key = JSON.stringify(config) + '\0' + cwd + '\0' + stamps.join(',')
  const cached = settingsCache.get(key)
  if (cached) return cached
  let pack = loadPack(config.pack ?? 'fr-en', cwd)
  const problems: Problem[] = []
  const extra: CompiledEntry[] = []
  for (const file of config.glossaries ?? []) {
    try {
      extra.push(...loadGlossaryFile(path.resolve(cwd, file)))
    } catch (error) {
      if (error instanceof MtlintConfigError) problems.push(...error.problems)
      else throw error
    }
  }
  const words = [...(config.words ?? [])]
  if (config.wordsFile) {
    try {
      words.push(...loadWordsFile(path.resolve(cwd, config.wordsFile)))
    } catch (error) {
      if (error instanceof MtlintConfigError) problems.push(...error.problems)
      else throw error
    }
  }
  if (problems.length > 0) throw new MtlintConfigError(problems)
  pack = pack.extend(extra)
  const settings: Settings = {
    pack,
    rules: config.rules,
    entries: config.entries,
    ruleOptions: config.ruleOptions,
    words,
    type: config.type
  }
  settingsCache.set(key, settings)
  return settings
}
