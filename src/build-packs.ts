/**
 * Pre-build the built-in packs into `dist/packs/*.json` (run by `npm run
 * build`), checking every entry and its examples. With `--check`, only check.
 */
import {readdirSync} from 'node:fs'
import path from 'node:path'
import {formatProblem, isConfigError} from './errors.js'
import {builtPacksRoot, compilePackFolder, prebuildPack, rulesRoot} from './node/packs.js'

const check = process.argv.includes('--check')
let failed = false

for (const name of readdirSync(rulesRoot).sort()) {
  const folder = path.join(rulesRoot, name)
  try {
    const pack = check ? compilePackFolder(folder) : prebuildPack(folder, path.join(builtPacksRoot, name + '.json'))
    console.log(`${name}: ${pack.entries.length} entries, ${Object.keys(pack.data).length} data files${check ? ' (checked)' : ''}`)
  } catch (error) {
    if (!isConfigError(error)) throw error
    failed = true
    for (const problem of error.problems) console.error(formatProblem(problem))
  }
}

if (failed) process.exitCode = 2
