/**
 * The two changes the bundled bin makes to its dependencies, as esbuild
 * plugins (used by `src/build-bundle.ts`, tested in `tests/bundle.test.ts`).
 * Each records whether it found what it changes: the build fails when a
 * dependency's new version moved it, instead of quietly shipping the stock
 * code. The library's modules (`dist/*.js`) are never changed: anyone
 * importing mtlint gets their own copies of these packages as they come.
 */
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import type {Plugin} from 'esbuild'

/** What a plugin found, read after the build. */
export interface Applied {
  applied: boolean
}

/**
 * unified-engine's quadratic `queue` step, replaced by mtlint's linear one
 * (`src/node/engine-queue.ts`, bench/NOTES.md section 7).
 */
export function linearQueue(root: string, state: Applied): Plugin {
  return {
    name: 'mtlint-linear-queue',
    setup(build) {
      build.onResolve({filter: /^\.\/queue\.js$/}, (args) => {
        if (!/unified-engine[\\/]lib[\\/]file-pipeline[\\/]index\.js$/.test(args.importer)) return undefined
        state.applied = true
        return {path: path.join(root, 'src', 'node', 'engine-queue.ts')}
      })
    }
  }
}

// mdast-util-from-markdown's compiler calls every event's handler on a new
// object, `{...context, sliceSerialize}` (~330 events per news article).
// Those copies cost 0.12–0.14 ms per article, a fifth of turning micromark's
// events into mdast (bench/NOTES.md section 9). The compiler below makes one
// such object per document and sets `sliceSerialize` before each call.
// Nothing in the library or in the extensions mtlint loads (GFM, front
// matter) writes to `this` or keeps it past the call, so every handler sees
// the same values as before.
const spreadCall = `      if (own.call(handler, events[index][1].type)) {
        // Note: spread first, V8 has optimizations for object shape cloning.
        handler[events[index][1].type].call({
          ...context,
          sliceSerialize: events[index][2].sliceSerialize
        }, events[index][1]);
      }`
const reusedCall = `      if (own.call(handler, events[index][1].type)) {
        // mtlint: one handler context per document (src/bundle-plugins.ts).
        handlerContext.sliceSerialize = events[index][2].sliceSerialize;
        handler[events[index][1].type].call(handlerContext, events[index][1]);
      }`
const contextEnd = `      data
    };
`

/**
 * mdast-util-from-markdown's source with one handler context per document,
 * or `undefined` when the source is not the one this was written for.
 */
export function reuseHandlerContext(source: string): string | undefined {
  const call = source.indexOf(spreadCall)
  const end = source.indexOf(contextEnd)
  if (call === -1 || end === -1 || end > call) return undefined
  if (source.indexOf(spreadCall, call + 1) !== -1 || source.indexOf(contextEnd, end + 1) !== -1) return undefined
  const declared = end + contextEnd.length
  return (
    source.slice(0, declared) +
    '    const handlerContext = {...context, sliceSerialize: undefined};\n' +
    source.slice(declared, call) +
    reusedCall +
    source.slice(call + spreadCall.length)
  )
}

/** mdast-util-from-markdown's compiler with one handler context per document (see `reuseHandlerContext`). */
export function fromMarkdownContext(state: Applied): Plugin {
  return {
    name: 'mtlint-from-markdown-context',
    setup(build) {
      build.onLoad({filter: /mdast-util-from-markdown[\\/]lib[\\/]index\.js$/}, async (args) => {
        const patched = reuseHandlerContext(await readFile(args.path, 'utf8'))
        if (patched === undefined) return undefined
        state.applied = true
        return {contents: patched, loader: 'js'}
      })
    }
  }
}
