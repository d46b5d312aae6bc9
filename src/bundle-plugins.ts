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
 * A plugin that loads the module matching `filter` through `patch`, and
 * records in `state` whether `patch` recognised its source (`undefined`
 * leaves the module as it comes).
 */
function sourcePatch(name: string, filter: RegExp, patch: (source: string) => string | undefined, state: Applied): Plugin {
  return {
    name,
    setup(build) {
      build.onLoad({filter}, async (args) => {
        const patched = patch(await readFile(args.path, 'utf8'))
        if (patched === undefined) return undefined
        state.applied = true
        return {contents: patched, loader: 'js'}
      })
    }
  }
}

/** Where `needle` stands in `source`, or -1 when it is missing or stands there more than once. */
function indexOnce(source: string, needle: string): number {
  const at = source.indexOf(needle)
  return at !== -1 && source.indexOf(needle, at + 1) === -1 ? at : -1
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
  const call = indexOnce(source, spreadCall)
  const end = indexOnce(source, contextEnd)
  if (call === -1 || end === -1 || end > call) return undefined
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
  return sourcePatch('mtlint-from-markdown-context', /mdast-util-from-markdown[\\/]lib[\\/]index\.js$/, reuseHandlerContext, state)
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
      const child = values[index]
      // A hole, as array-iterate skips it (\`in\` only when the value is
      // missing: it was a third of the loop's time).
      if (child === undefined && !(index in values)) continue
      const result = modifier(child, index, parent)
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
  const at = indexOnce(source, joinStart)
  if (at === -1 || !source.includes("const children = (Array.isArray(value) ? value : value.children) || emptyNodes\n")) return undefined
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
  return sourcePatch('mtlint-direct-modify-children', /[\\/]unist-util-modify-children[\\/]lib[\\/]index\.js$/, inlineModifyLoop, state)
}

/** nlcst-to-string without a list to join for one child (see `singleChildString`). */
export function directToString(state: Applied): Plugin {
  return sourcePatch('mtlint-direct-nlcst-to-string', /[\\/]nlcst-to-string[\\/]lib[\\/]index\.js$/, singleChildString, state)
}

// micromark combines its own constructs with the extensions' (GFM, front
// matter) for every document: ~30 µs of hash tables per article, 1% of a
// lint (bench/NOTES.md section 10). mtlint's parsers hand micromark the same
// extensions list for every document (one frozen processor per set of
// constructs), and nothing writes to the combined tables after they are
// made, so they are made once per list.
const combineCall = `  const constructs = /** @type {FullNormalizedExtension} */
  combineExtensions([defaultConstructs, ...(settings.extensions || [])]);
`
const combinedOnce = `  // mtlint: combined once per extensions list (src/bundle-plugins.ts).
  const constructs = combinedFor(settings.extensions);
`
const combinedCache = `
/** @type {WeakMap<Array<Extension>, FullNormalizedExtension>} */
const combinedByList = new WeakMap();

/** @param {Array<Extension> | null | undefined} extensions */
function combinedFor(extensions) {
  if (!extensions) return combineExtensions([defaultConstructs]);
  let combined = combinedByList.get(extensions);
  if (!combined) {
    combined = combineExtensions([defaultConstructs, ...extensions]);
    combinedByList.set(extensions, combined);
  }
  return combined;
}
`

/**
 * micromark's `parse` with its constructs combined once per extensions
 * list, or `undefined` when the source is not the one this was written for.
 */
export function combineOnce(source: string): string | undefined {
  const at = indexOnce(source, combineCall)
  if (at === -1 || source.includes('combinedFor')) return undefined
  return source.slice(0, at) + combinedOnce + source.slice(at + combineCall.length) + combinedCache
}

/** micromark's parser with constructs combined once per extensions list (see `combineOnce`). */
export function micromarkConstructs(state: Applied): Plugin {
  return sourcePatch('mtlint-micromark-constructs', /[\\/]micromark[\\/]lib[\\/]parse\.js$/, combineOnce, state)
}

// mdast-util-to-nlcst asks vfile-location for the line and column of every
// node's start and end, in document order, and `toPoint` binary-searches
// the line ends each time (~50 µs per article, 2% of a lint). It now tries
// the line it found last, and the one after it, before searching: the same
// line, found in one or two comparisons.
const searchFromLow = `      let high = indices.length - 1

      while (low < high) {
        const middle = Math.floor((low + high) / 2)

        if (indices[middle] > offset) {
          high = middle
        } else {
          low = middle + 1
        }
      }
`
const binarySearch = `      // Binary search for the first line that ends after \`offset\`.
      let low = 0
${searchFromLow}`
const lastLineFirst = `      // mtlint: the line found last, or the next one, before searching
      // (src/bundle-plugins.ts). \`indices\` only grows, in order.
      let low = 0
      if (indices[lastLine] > offset && (lastLine === 0 || indices[lastLine - 1] <= offset)) {
        low = lastLine
      } else if (lastLine + 1 < indices.length && indices[lastLine + 1] > offset && indices[lastLine] <= offset) {
        low = lastLine + 1
      } else {
${searchFromLow.replace(/^(?=.)/gm, '  ')}      }

      lastLine = low
`
const stateStart = `  let cr = -1
  let lf = -1
`

/**
 * vfile-location's source with `toPoint` trying the last line found first,
 * or `undefined` when the source is not the one this was written for.
 */
export function lastLineFirstSource(source: string): string | undefined {
  const search = indexOnce(source, binarySearch)
  const state = indexOnce(source, stateStart)
  if (search === -1 || state === -1 || state > search) return undefined
  return (
    source.slice(0, state + stateStart.length) +
    '  // mtlint: the index of the line `toPoint` found last.\n  let lastLine = 0\n' +
    source.slice(state + stateStart.length, search) +
    lastLineFirst +
    source.slice(search + binarySearch.length)
  )
}

/** vfile-location with `toPoint` trying the last line found first (see `lastLineFirstSource`). */
export function locationLastLine(state: Applied): Plugin {
  return sourcePatch('mtlint-vfile-location-last-line', /[\\/]vfile-location[\\/]lib[\\/]index\.js$/, lastLineFirstSource, state)
}

// vfile-reporter pads its columns by string-width, which makes a new
// Intl.Segmenter for every cell and asks emoji-regex and eastasianwidth
// about each character: ~17 µs a cell, 1.2 s of the default report of 1,000
// articles with 7,000 findings (bench/NOTES.md section 12). Printable ASCII
// (U+0020–U+007E, no escape codes left) is one column a character, as
// string-width counts it: none of those characters is an emoji or East
// Asian wide; any other text is measured as before, with one segmenter.
const widthStart = `export default function stringWidth(string, options) {
`
const stripped = `	if (!options.countAnsiEscapeCodes) {
		string = stripAnsi(string);
	}

	if (string.length === 0) {
		return 0;
	}
`
const perCallSegmenter = 'for (const {segment: character} of new Intl.Segmenter().segment(string)) {'

/**
 * string-width's source counting printable ASCII by its length and making
 * one segmenter, or `undefined` when the source is not the one this was
 * written for (string-width 6, vfile-reporter's).
 */
export function asciiWidthFirst(source: string): string | undefined {
  const start = indexOnce(source, widthStart)
  const strip = indexOnce(source, stripped)
  const segment = indexOnce(source, perCallSegmenter)
  if (start === -1 || strip === -1 || segment === -1 || !(start < strip && strip < segment)) return undefined
  return (
    source.slice(0, start) +
    '// mtlint: one segmenter for every call (src/bundle-plugins.ts).\nlet segmenter;\n\n' +
    source.slice(start, strip + stripped.length) +
    '\n\t// mtlint: printable ASCII is one column a character (src/bundle-plugins.ts).\n' +
    '\tif (/^[\\x20-\\x7E]*$/.test(string)) {\n\t\treturn string.length;\n\t}\n' +
    source.slice(strip + stripped.length, segment) +
    'for (const {segment: character} of (segmenter ??= new Intl.Segmenter()).segment(string)) {' +
    source.slice(segment + perCallSegmenter.length)
  )
}

/** string-width counting printable ASCII by its length (see `asciiWidthFirst`). */
export function reporterWidth(state: Applied): Plugin {
  return sourcePatch('mtlint-string-width-ascii', /[\\/]string-width[\\/]index\.js$/, asciiWidthFirst, state)
}
