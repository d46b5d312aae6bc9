/**
 * Pre-build the spelling index into `dist/spelling/en.txt` (run by `npm run
 * build`): dictionary-en and dictionary-en-gb expanded once here, so no
 * process pays for hunspell's affix engine at start-up.
 */
import path from 'node:path'
import {spellIndexPath, writeSpellIndex} from './node/spelling.js'

const started = performance.now()
await writeSpellIndex()
console.log(`spelling: ${path.relative(process.cwd(), spellIndexPath)} (${Math.round(performance.now() - started)} ms)`)
