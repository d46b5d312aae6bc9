// Bundle the extension (the language client) into one CommonJS file; the
// `vscode` module is provided by the editor.
import {build} from 'esbuild'

await build({
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode'],
  minify: true,
  sourcemap: true,
  logLevel: 'warning'
})
