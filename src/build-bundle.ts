/**
 * Bundle the `mtlint` executable, the library entry and the pool worker
 * into `dist/bundle/` (run by `npm run build`): a few files load in a
 * fraction of the time of ~300 modules (bench/NOTES.md). tinypool stays
 * external: it starts its threads from a file beside its own module.
 *
 * Code is split at dynamic imports: the language identifier the
 * `untranslated` rule loads on the first French-looking sentence (eld, a
 * third of the bin) is its own chunk, so a run that never needs it never
 * parses it (~30 ms of every cold start, bench/NOTES.md section 8). Shared
 * code is in chunks the three entries import.
 *
 * Seven dependencies are changed in the bundle only (`src/bundle-plugins.ts`):
 * unified-engine's quadratic `queue` step is replaced by mtlint's linear one;
 * mdast-util-from-markdown's compiler makes one handler context per
 * document instead of one per event; micromark combines its constructs once
 * per extensions list instead of once per document; unist-util-modify-children
 * runs the tokenizer's plugins in a plain loop instead of through
 * array-iterate; nlcst-to-string returns a one-child node's text without
 * joining a list; vfile-location's `toPoint` tries the line it found
 * last before searching; and string-width (vfile-reporter's, the default
 * report's column padding) counts printable ASCII by its length. The build
 * fails if any of them is not found.
 */
import {rmSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {build} from 'esbuild'
import {
  directModify,
  directToString,
  fromMarkdownContext,
  linearQueue,
  locationLastLine,
  micromarkConstructs,
  reporterWidth,
  type Applied
} from './bundle-plugins.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

// Each change to a dependency, with what to update when its new version moved the code it changes.
const changes: Array<{state: Applied; moved: string}> = []
function change(moved: string): Applied {
  const state: Applied = {applied: false}
  changes.push({state, moved})
  return state
}

// Chunk names change with their content: start from an empty folder.
rmSync(path.join(root, 'dist', 'bundle'), {recursive: true, force: true})

await build({
  entryPoints: {
    mtlint: path.join(root, 'src', 'bin.ts'),
    index: path.join(root, 'src', 'index.ts'),
    worker: path.join(root, 'src', 'worker.ts')
  },
  bundle: true,
  external: ['tinypool'],
  platform: 'node',
  format: 'esm',
  splitting: true,
  target: 'node20',
  outdir: path.join(root, 'dist', 'bundle'),
  logLevel: 'warning',
  plugins: [
    linearQueue(root, change("unified-engine's lib/file-pipeline/index.js no longer imports ./queue.js: update src/node/engine-queue.ts and src/bundle-plugins.ts")),
    fromMarkdownContext(change("mdast-util-from-markdown's compiler changed: update `reuseHandlerContext` in src/bundle-plugins.ts")),
    micromarkConstructs(change("micromark's parse changed: update `combineOnce` in src/bundle-plugins.ts")),
    directModify(change('unist-util-modify-children changed: update `inlineModifyLoop` in src/bundle-plugins.ts')),
    directToString(change('nlcst-to-string changed: update `singleChildString` in src/bundle-plugins.ts')),
    locationLastLine(change('vfile-location changed: update `lastLineFirstSource` in src/bundle-plugins.ts')),
    reporterWidth(change("vfile-reporter's string-width changed: update `asciiWidthFirst` in src/bundle-plugins.ts"))
  ],
  banner: {
    js: "import {createRequire as __mtlintCreateRequire} from 'node:module'; const require = __mtlintCreateRequire(import.meta.url);"
  }
})

// A dependency's new version that moved what the bundle changes must not go unnoticed.
for (const {state, moved} of changes) {
  if (state.applied) continue
  console.error('mtlint: ' + moved)
  process.exitCode = 1
}
