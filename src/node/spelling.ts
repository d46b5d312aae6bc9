/**
 * Load the spelling dictionary in Node, once per process: the index that
 * `npm run build` wrote to `dist/spelling/en.txt` (a text read and two set
 * builds, tens of milliseconds), or — when that file is missing or was built
 * from other dictionary versions — dictionary-en and dictionary-en-gb
 * expanded in memory (slower, but a clean checkout without a build still
 * lints).
 */
import {existsSync, mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {buildIndexData, type Hunspell} from '../spelling/expand.js'
import {indexHeader, parseIndex, serializeIndex, SpellDictionary} from '../spelling/dictionary.js'
import {packageRoot} from './packs.js'

/** Where `npm run build` writes the spelling index. */
export const spellIndexPath = path.join(packageRoot, 'dist', 'spelling', 'en.txt')

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

/** Expand the installed dictionaries into index text (the build step). */
export function buildSpellIndexText(): string {
  return serializeIndex(buildIndexData(readHunspell(packages.us), readHunspell(packages.gb), dictionarySource()))
}

/** Write the spelling index (atomically: a reader never sees half a file). */
export function writeSpellIndex(file = spellIndexPath): void {
  mkdirSync(path.dirname(file), {recursive: true})
  const temporary = file + '.' + process.pid + '.tmp'
  writeFileSync(temporary, buildSpellIndexText())
  renameSync(temporary, file)
}

/** How the dictionary was last loaded (for benchmarks and tests). */
export type LoadedFrom = 'index' | 'memory'

let loaded: {dictionary: SpellDictionary; from: LoadedFrom} | undefined

/**
 * The spelling dictionary, loaded once per process.
 *
 * @param file
 *   The index to read (default: `dist/spelling/en.txt`).
 */
export function loadSpellDictionary(file = spellIndexPath): SpellDictionary {
  return loadSpellDictionaryWithSource(file).dictionary
}

/** The dictionary and whether it came from the pre-built index or was expanded in memory. */
export function loadSpellDictionaryWithSource(file = spellIndexPath): {dictionary: SpellDictionary; from: LoadedFrom} {
  if (loaded) return loaded
  const source = dictionarySource()
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8')
    const header = indexHeader(text)
    if (header?.source === source) {
      try {
        loaded = {dictionary: parseIndex(text), from: 'index'}
        return loaded
      } catch {
        // An index of another format: expand the dictionaries instead.
      }
    }
  }
  loaded = {dictionary: new SpellDictionary(buildIndexData(readHunspell(packages.us), readHunspell(packages.gb), source)), from: 'memory'}
  return loaded
}

/** Forget the loaded dictionary (tests of the fallback). */
export function resetSpellDictionary(): void {
  loaded = undefined
}
