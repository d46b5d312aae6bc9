/**
 * Load the spelling dictionary in Node, once per process: the index that
 * `npm run build` wrote to `dist/spelling/en.txt` (one file read; its word
 * lists are searched in place), or — when that file is missing or was built
 * from other dictionary versions — dictionary-en and dictionary-en-gb
 * expanded in memory (about half a second, but a checkout without a build
 * still lints).
 */
import {existsSync, mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {indexHeader, parseIndex, serializeIndex, type SpellDictionary} from '../spelling/dictionary.js'
import type {Hunspell} from '../spelling/expand.js'

// Not `packs.js`'s `packageRoot`: importing it loads the YAML parser, and a
// cold start should not pay for that here.
const here = path.dirname(fileURLToPath(import.meta.url))

/** Where `npm run build` writes the spelling index. */
export const spellIndexPath = path.join(here, '..', '..', 'dist', 'spelling', 'en.txt')

const require = createRequire(import.meta.url)
const packages = {us: 'dictionary-en', gb: 'dictionary-en-gb'} as const

/** The folder of an installed dictionary package (they export only their `index.js`). */
function packageFolder(name: string): string {
  return path.dirname(require.resolve(name))
}

/** Which dictionaries, at which versions, an index must be built from. */
export function dictionarySource(): string {
  return Object.values(packages)
    .map((name) => {
      const manifest = JSON.parse(readFileSync(path.join(packageFolder(name), 'package.json'), 'utf8')) as {version?: string}
      return `${name}@${manifest.version ?? '?'}`
    })
    .join(' ')
}

function readHunspell(name: string): Hunspell {
  const folder = packageFolder(name)
  return {aff: readFileSync(path.join(folder, 'index.aff')), dic: readFileSync(path.join(folder, 'index.dic'))}
}

/** Expand the installed dictionaries into index text (the build step; loads nspell). */
export async function buildSpellIndexText(source = dictionarySource()): Promise<string> {
  const {buildIndexData} = await import('../spelling/expand.js')
  return serializeIndex(buildIndexData(readHunspell(packages.us), readHunspell(packages.gb), source))
}

/** Write the spelling index (atomically: a reader never sees half a file). */
export async function writeSpellIndex(file = spellIndexPath): Promise<void> {
  const text = await buildSpellIndexText()
  mkdirSync(path.dirname(file), {recursive: true})
  const temporary = file + '.' + process.pid + '.tmp'
  writeFileSync(temporary, text)
  renameSync(temporary, file)
}

/** How the dictionary was loaded: the pre-built index, or expanded in memory. */
export type LoadedFrom = 'index' | 'memory'

let loaded: Promise<{dictionary: SpellDictionary; from: LoadedFrom}> | undefined

/**
 * The spelling dictionary, loaded once per process.
 *
 * @param file
 *   The index to read (default: `dist/spelling/en.txt`).
 */
export async function loadSpellDictionary(file = spellIndexPath): Promise<SpellDictionary> {
  return (await loadSpellDictionaryWithSource(file)).dictionary
}

/** The dictionary and whether it came from the pre-built index or was expanded in memory. */
export function loadSpellDictionaryWithSource(file = spellIndexPath): Promise<{dictionary: SpellDictionary; from: LoadedFrom}> {
  loaded ??= load(file)
  return loaded
}

async function load(file: string): Promise<{dictionary: SpellDictionary; from: LoadedFrom}> {
  const source = dictionarySource()
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8')
    if (indexHeader(text)?.source === source) {
      try {
        return {dictionary: parseIndex(text), from: 'index'}
      } catch {
        // An index of another format: expand the dictionaries instead.
      }
    }
  }
  return {dictionary: parseIndex(await buildSpellIndexText(source)), from: 'memory'}
}

/** Forget the loaded dictionary (tests of the fallback). */
export function resetSpellDictionary(): void {
  loaded = undefined
}
