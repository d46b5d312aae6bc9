/**
 * `npm run demo`: bundle the demo page (CodeMirror + the mtlint lint source)
 * and the worker (the core, no Node built-ins) with esbuild, write the
 * French→English pack as JSON next to them, and serve the folder on
 * 127.0.0.1. Flags: `--port <n>` (0 picks a free port; default 5173),
 * `--build-only`.
 */
import {mkdirSync, readFileSync, writeFileSync, copyFileSync} from 'node:fs'
import {createServer} from 'node:http'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {build, type Plugin} from 'esbuild'
import {loadPack} from '../src/node/packs.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '..')
/** Where the built page goes. */
export const outdir = path.join(root, 'dist', 'demo')

/**
 * The core must not reach `src/node/`; the one lazy path that does (the
 * spelling rule's Node dictionary loader, off in browsers unless given a
 * dictionary) becomes a module that says so instead of failing the build.
 */
const noNode: Plugin = {
  name: 'mtlint-no-node',
  setup(context) {
    context.onResolve({filter: /\/node\/[^/]+\.js$/}, (args) => ({path: args.path, namespace: 'mtlint-no-node'}))
    context.onLoad({filter: /.*/, namespace: 'mtlint-no-node'}, (args) => ({
      contents: `throw new Error(${JSON.stringify('mtlint: ' + args.path + ' is Node-only; pass the data it loads in the options')})`,
      loader: 'js'
    }))
  }
}

/** Build the demo into `dist/demo/`. */
export async function buildDemo(): Promise<void> {
  mkdirSync(outdir, {recursive: true})
  const common = {outdir, bundle: true, format: 'esm', platform: 'browser', target: 'es2022', minify: true, sourcemap: true, logLevel: 'warning'} as const
  await build({...common, entryPoints: {main: path.join(here, 'main.ts')}, loader: {'.md': 'text'}})
  // A worker has no `document`: the `worker` export condition picks the
  // builds that do not use the DOM (decode-named-character-reference).
  await build({...common, entryPoints: {worker: path.join(root, 'src', 'browser-worker.ts')}, conditions: ['worker'], plugins: [noNode]})
  writeFileSync(path.join(outdir, 'fr-en.pack.json'), JSON.stringify(loadPack('fr-en').toJSON()))
  copyFileSync(path.join(here, 'index.html'), path.join(outdir, 'index.html'))
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.png': 'image/png'
}

/** Serve `dist/demo/` on 127.0.0.1; resolves to the URL. */
export function serveDemo(port: number): Promise<{url: string; close(): void}> {
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname)
    const file = path.join(outdir, pathname === '/' ? 'index.html' : pathname)
    if (!file.startsWith(outdir + path.sep)) {
      response.writeHead(403).end()
      return
    }
    try {
      const body = readFileSync(file)
      response.writeHead(200, {'content-type': types[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store'})
      response.end(body)
    } catch {
      response.writeHead(404, {'content-type': 'text/plain'}).end('not found')
    }
  })
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const address = server.address()
      const actual = typeof address === 'object' && address ? address.port : port
      resolve({url: `http://127.0.0.1:${actual}/`, close: () => server.close()})
    })
  })
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const {values} = parseArgs({options: {port: {type: 'string'}, 'build-only': {type: 'boolean'}}})
  await buildDemo()
  if (values['build-only']) {
    console.log('mtlint demo built in ' + path.relative(process.cwd(), outdir))
  } else {
    const {url} = await serveDemo(Number(values.port ?? process.env['PORT'] ?? 5173))
    console.log('mtlint demo: ' + url)
  }
}
