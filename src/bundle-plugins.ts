/**
 * The changes the bundled bin makes to its dependencies, as esbuild
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

// parse-latin and parse-english run each of their ~20 tokenizer plugins over
// a node's children through unist-util-modify-children, which hands every
// child to array-iterate, which calls a wrapper with `.call`, which calls the
// plugin. mdast-util-to-nlcst runs them on a whole document's words at once,
// and then measures every node it made with nlcst-to-string, which joins a
// one-element array for every word. Both are done more directly below, with
// the same results: the same children visited in the same order, with the
// same index moves (holes skipped), and the same strings (bench/NOTES.md
// section 10). The floor of the benchmark runs the stock code.
const modifyAndIteratee = /( {2}function modify\(parent\) \{\n {4}if \(!parent \|\| !parent\.children\) \{\n {6}throw new Error\('Missing children in `parent` for `modifier`'\)\n {4}\}\n)\n {4}arrayIterate\(parent\.children, iteratee, parent\)\n {2}\}\n[\s\S]*?function iteratee\(node, index\) \{\n {4}return modifier\(node, index, this\)\n {2}\}\n/
const inlineLoop = `$1    // mtlint: array-iterate's loop, inline (src/bundle-plugins.ts).
    const values = parent.children
    let index = -1
    while (++index < values.length) {
      if (!(index in values)) continue
      const result = modifier(values[index], index, parent)
      if (typeof result === 'number') {
        if (result < 0) index = 0
        index = result - 1
      }
    }
  }
`

/**
 * unist-util-modify-children's source with array-iterate's loop inline, or
 * `undefined` when the source is not the one this was written for.
 */
export function inlineModifyLoop(source: string): string | undefined {
  const found = source.match(new RegExp(modifyAndIteratee.source, 'g'))
  if (!found || found.length !== 1) return undefined
  return source.replace(modifyAndIteratee, inlineLoop)
}

const joinStart = `  /** @type {Array<string>} */
  const values = []
`

/**
 * nlcst-to-string's source returning a one-child node's string without a
 * list to join, or `undefined` when the source is not the one this was
 * written for.
 */
export function singleChildString(source: string): string | undefined {
  const at = source.indexOf(joinStart)
  if (at === -1 || source.indexOf(joinStart, at + 1) !== -1 || !source.includes("const children = (Array.isArray(value) ? value : value.children) || emptyNodes\n")) return undefined
  return (
    source.slice(0, at) +
    "  // mtlint: one child needs no list to join (src/bundle-plugins.ts).\n" +
    '  if (children.length === 1) {\n' +
    '    const only = toString(children[0])\n' +
    "    return typeof only === 'string' ? only : [only].join('')\n" +
    '  }\n\n' +
    source.slice(at)
  )
}

/** unist-util-modify-children with array-iterate's loop inline (see `inlineModifyLoop`). */
export function directModify(state: Applied): Plugin {
  return {
    name: 'mtlint-direct-modify-children',
    setup(build) {
      build.onLoad({filter: /unist-util-modify-children[\\/]lib[\\/]index\.js$/}, async (args) => {
        const patched = inlineModifyLoop(await readFile(args.path, 'utf8'))
        if (patched === undefined) return undefined
        state.applied = true
        return {contents: patched, loader: 'js'}
      })
    }
  }
}

/** nlcst-to-string without a list to join for one child (see `singleChildString`). */
export function directToString(state: Applied): Plugin {
  return {
    name: 'mtlint-direct-nlcst-to-string',
    setup(build) {
      build.onLoad({filter: /nlcst-to-string[\\/]lib[\\/]index\.js$/}, async (args) => {
        const patched = singleChildString(await readFile(args.path, 'utf8'))
        if (patched === undefined) return undefined
        state.applied = true
        return {contents: patched, loader: 'js'}
      })
    }
  }
}
