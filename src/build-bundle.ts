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

const linearQueue: Plugin = {
  name: 'mtlint-linear-queue',
  setup(context) {
    let replaced = false
    context.onResolve({filter: /^\.\/queue\.js$/}, (args) => {
      if (!/unified-engine[\\/]lib[\\/]file-pipeline[\\/]index\.js$/.test(args.importer)) return undefined
      replaced = true
      return {path: path.join(root, 'src', 'node', 'engine-queue.ts')}
    })
    context.onEnd((result) => {
      // A new unified-engine that moved its queue must not go unnoticed.
      if (result.errors.length === 0 && !replaced) {
        result.errors.push({
          id: '',
          pluginName: 'mtlint-linear-queue',
          text: "unified-engine's lib/file-pipeline/index.js no longer imports ./queue.js: update src/node/engine-queue.ts and src/build-bundle.ts",
          location: null,
          notes: [],
          detail: undefined
        })
      }
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
