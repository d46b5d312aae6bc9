/**
 * Bundle the `mtlint` executable, the library entry and the pool worker
 * into `dist/bundle/` (run by `npm run build`): one file each loads in a
 * fraction of the time of ~300 modules (bench/NOTES.md). tinypool stays
 * external: it starts its threads from a file beside its own module.
 *
 * unified-engine's quadratic `queue` step is replaced by mtlint's linear one
 * (`src/node/engine-queue.ts`) in the bundle.
 */
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {build, type Plugin} from 'esbuild'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

// Whether the engine's queue step was found and replaced.
let replaced = false

const linearQueue: Plugin = {
  name: 'mtlint-linear-queue',
  setup(context) {
    context.onResolve({filter: /^\.\/queue\.js$/}, (args) => {
      if (!/unified-engine[\\/]lib[\\/]file-pipeline[\\/]index\.js$/.test(args.importer)) return undefined
      replaced = true
      return {path: path.join(root, 'src', 'node', 'engine-queue.ts')}
    })
  }
}

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
  target: 'node20',
  outdir: path.join(root, 'dist', 'bundle'),
  logLevel: 'warning',
  plugins: [linearQueue],
  banner: {
    js: "import {createRequire as __mtlintCreateRequire} from 'node:module'; const require = __mtlintCreateRequire(import.meta.url);"
  }
})

// A new unified-engine that moved its queue must not go unnoticed.
if (!replaced) {
  console.error("mtlint: unified-engine's lib/file-pipeline/index.js no longer imports ./queue.js: update src/node/engine-queue.ts and src/build-bundle.ts")
  process.exitCode = 1
}
