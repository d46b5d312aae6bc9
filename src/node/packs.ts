/**
 * Load a language pack from `rules/<pair>/` (Node only). The pack is compiled
 * from its YAML, CSV and TSV files; a pre-built JSON (made by `npm run build`)
 * is used when it was built from exactly the same files, so a cold start does
 * not re-tokenise hundreds of phrases.
 */
import {createHash} from 'node:crypto'
import {existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parse as parseYaml} from 'yaml'
import {MtlintConfigError, type Problem} from '../errors.js'
import {buildGlossary} from '../glossary/compile.js'
import {glossaryFormat, parseGlossary} from '../glossary/load.js'
import type {GlossaryEntry} from '../glossary/schema.js'
import {Pack, type PackData} from '../pack.js'

const here = path.dirname(fileURLToPath(import.meta.url))

/** The package's root folder (where `rules/` lives). */
export const packageRoot = path.resolve(here, '..', '..')

/** The folder of built-in packs. */
export const rulesRoot = path.join(packageRoot, 'rules')

/** Where `npm run build` writes pre-built packs. */
export const builtPacksRoot = path.join(packageRoot, 'dist', 'packs')

const cache = new Map<string, Pack>()

/** The folder of a pack: a built-in name (`fr-en`) or a path. */
export function packFolder(nameOrPath: string, cwd = process.cwd()): string {
  if (/^[a-z]{2,3}-[a-z]{2,3}$/.test(nameOrPath) && existsSync(path.join(rulesRoot, nameOrPath))) {
    return path.join(rulesRoot, nameOrPath)
  }
  return path.resolve(cwd, nameOrPath)
}

/** The files a pack is made of, sorted. */
export function packFiles(folder: string): {manifest: string; glossaries: string[]; data: string[]} {
  const manifest = path.join(folder, 'pack.yml')
  if (!existsSync(manifest)) {
    throw new MtlintConfigError([{file: folder, reason: 'not a language pack: missing pack.yml'}])
  }
  const list = (sub: string, test: (name: string) => boolean) => {
    const dir = path.join(folder, sub)
    if (!existsSync(dir)) return []
    return readdirSync(dir)
      .filter(test)
      .sort()
      .map((d) => path.join(dir, d))
  }
  return {
    manifest,
    glossaries: list('glossary', (d) => glossaryFormat(d) !== undefined),
    data: list('data', (d) => /\.ya?ml$/.test(d))
  }
}

/** Bumped whenever the compiled form changes, so old pre-built packs are not reused. */
const packFormat = 2

function hashFiles(files: string[]): string {
  const hash = createHash('sha256')
  hash.update('mtlint-pack-' + packFormat + '\0')
  for (const file of files) {
    hash.update(path.basename(file))
    hash.update('\0')
    hash.update(readFileSync(file))
    hash.update('\0')
  }
  return hash.digest('hex').slice(0, 16)
}

/**
 * Compile a pack folder into pack data, checking every entry's examples.
 *
 * @throws {MtlintConfigError}
 */
export function compilePackFolder(folder: string, options: {checkExamples?: boolean} = {}): PackData {
  const files = packFiles(folder)
  const problems: Problem[] = []
  const manifest = readYamlFile(files.manifest, problems) as {name?: unknown; sourceLanguage?: unknown} | undefined
  const entries: GlossaryEntry[] = []
  for (const file of files.glossaries) {
    try {
      entries.push(...parseGlossary(readFileSync(file, 'utf8'), relative(file)))
    } catch (error) {
      if (error instanceof MtlintConfigError) problems.push(...error.problems)
      else throw error
    }
  }
  const data: Record<string, unknown> = {}
  for (const file of files.data) {
    data[path.basename(file).replace(/\.ya?ml$/, '')] = readYamlFile(file, problems)
  }
  if (problems.length > 0) throw new MtlintConfigError(problems)
  const seen = new Map<string, GlossaryEntry>()
  for (const entry of entries) {
    const previous = seen.get(entry.id)
    if (previous) {
      problems.push({...entry.origin, reason: `duplicate id \`${entry.id}\` (also at ${previous.origin.file}:${previous.origin.line})`})
    }
    seen.set(entry.id, entry)
  }
  if (problems.length > 0) throw new MtlintConfigError(problems)
  const glossary = buildGlossary(entries, options)
  return {
    name: typeof manifest?.name === 'string' ? manifest.name : path.basename(folder),
    sourceLanguage: typeof manifest?.sourceLanguage === 'string' ? manifest.sourceLanguage : 'fr',
    entries: [...glossary.entries],
    data
  }
}

function relative(file: string): string {
  const rel = path.relative(process.cwd(), file)
  return rel.startsWith('..') && path.isAbsolute(file) ? file : rel || file
}

function readYamlFile(file: string, problems: Problem[]): unknown {
  try {
    return parseYaml(readFileSync(file, 'utf8'))
  } catch (error) {
    const cause = error as {message?: string; linePos?: Array<{line: number; col: number}>}
    problems.push({
      file: relative(file),
      line: cause.linePos?.[0]?.line,
      column: cause.linePos?.[0]?.col,
      reason: 'invalid YAML: ' + String(cause.message).split('\n', 1)[0]
    })
    return undefined
  }
}

/** Pre-built pack file for a folder, with the hash of the sources it was built from. */
interface BuiltPack {
  hash: string
  pack: PackData
}

/** Compile a pack folder and write the pre-built JSON (used by `npm run build`). */
export function prebuildPack(folder: string, out: string): PackData {
  const files = packFiles(folder)
  const hash = hashFiles([files.manifest, ...files.glossaries, ...files.data])
  const pack = compilePackFolder(folder)
  const built: BuiltPack = {hash, pack}
  writeJson(out, built)
  return pack
}

function writeJson(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), {recursive: true})
  const temporary = file + '.' + process.pid + '.tmp'
  writeFileSync(temporary, JSON.stringify(value))
  renameSync(temporary, file)
}

/**
 * Load a pack by name or path (cached per process).
 *
 * @throws {MtlintConfigError}
 *   When a pack file is malformed.
 */
export function loadPack(nameOrPath = 'fr-en', cwd = process.cwd()): Pack {
  const folder = packFolder(nameOrPath, cwd)
  const files = packFiles(folder)
  const all = [files.manifest, ...files.glossaries, ...files.data]
  const key = folder + '\0' + all.map((d) => d + ':' + statSync(d).mtimeMs).join('\0')
  const cached = cache.get(key)
  if (cached) return cached

  const hash = hashFiles(all)
  const built = path.join(builtPacksRoot, path.basename(folder) + '.json')
  let data: PackData | undefined
  if (folder.startsWith(rulesRoot) && existsSync(built)) {
    try {
      const json = JSON.parse(readFileSync(built, 'utf8')) as BuiltPack
      if (json.hash === hash) data = json.pack
    } catch {
      data = undefined
    }
  }
  // Examples of a pack being edited are checked by the tests and the build,
  // not on every start.
  data ??= compilePackFolder(folder, {checkExamples: false})
  const pack = new Pack(data)
  cache.set(key, pack)
  return pack
}
