/**
 * The `mtlint` bin is one esbuild bundle (a cold start loads one file
 * instead of hundreds of modules); it must behave exactly as the modules do.
 */
import {execFile} from 'node:child_process'
import {mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {build, type Plugin} from 'esbuild'
import {fromMarkdown} from 'mdast-util-from-markdown'
import {gfm} from 'micromark-extension-gfm'
import {gfmFromMarkdown} from 'mdast-util-gfm'
import {frontmatter} from 'micromark-extension-frontmatter'
import {frontmatterFromMarkdown} from 'mdast-util-frontmatter'
import {describe, expect, it} from 'vitest'
import {ParseEnglish} from 'parse-english'
import {VFile} from 'vfile'
import {
  combineOnce,
  directModify,
  directToString,
  fromMarkdownContext,
  inlineModifyLoop,
  lastLineFirstSource,
  locationLastLine,
  micromarkConstructs,
  asciiWidthFirst,
  reporterWidth,
  reuseHandlerContext,
  singleChildString,
  type Applied
} from '../src/bundle-plugins.js'
import {location} from 'vfile-location'
import {modifyChildren} from 'unist-util-modify-children'
import {parseToNlcst} from '../src/parse.js'
import {articles, random} from '../bench/generate.js'
import {root} from './helpers.js'

function run(bin: string, args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], {cwd: root, maxBuffer: 64 * 1024 * 1024}, (error, stdout, stderr) => {
      resolve({code: error ? Number((error as {code?: number}).code ?? 1) : 0, stdout, stderr})
    })
  })
}

/** A dependency's source as installed, the file esbuild bundles (`node_modules/<name>/lib/<file>`). */
function installed(name: string, file: string): string {
  return readFileSync(path.join(root, 'node_modules', name, 'lib', file), 'utf8')
}

/**
 * What a source patch (`src/bundle-plugins.ts`) must do with the installed
 * `source`: change it (the result has each of `present` and none of
 * `absent`), and leave alone the sources it was not written for — each of
 * `unknown`, an empty module and, unless `again` is set, its own output —
 * so that the build fails instead of shipping the stock code. Returns the
 * patched source.
 */
function expectPatch(
  patch: (source: string) => string | undefined,
  source: string,
  {present = [], absent = [], unknown = [], again = false}: {present?: string[]; absent?: string[]; unknown?: string[]; again?: boolean}
): string {
  const patched = patch(source)
  expect(patched).toBeDefined()
  for (const text of present) expect(patched).toContain(text)
  for (const text of absent) expect(patched).not.toContain(text)
  for (const other of [...unknown, 'export {}', ...(again ? [] : [patched!])]) expect(patch(other)).toBeUndefined()
  return patched!
}

/**
 * Bundle `contents` (imports resolved from the project) with `plugins`, as
 * the build does, and import the result.
 */
async function bundled<T>(contents: string, plugins: Plugin[], loader: 'js' | 'ts' = 'js'): Promise<T> {
  const result = await build({
    stdin: {contents, resolveDir: root, loader},
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'silent',
    plugins,
    banner: {js: "import {createRequire as __mtlintCreateRequire} from 'node:module'; const require = __mtlintCreateRequire(import.meta.url);"}
  })
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mtlint-bundled-'))
  try {
    const file = path.join(dir, 'bundled.mjs')
    writeFileSync(file, result.outputFiles[0]!.text)
    return (await import(pathToFileURL(file).href)) as T
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

describe('bundled bin', () => {
  it('is the package bin', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {bin: Record<string, string>}
    expect(pkg.bin['mtlint']).toBe('dist/bundle/mtlint.js')
  })

  it('reports exactly what the modules report on the whole corpus', async () => {
    const args = ['corpus/fr-en', '--report', 'json', '--jobs', '1']
    const bundled = await run(path.join(root, 'dist', 'bundle', 'mtlint.js'), args)
    const modules = await run(path.join(root, 'dist', 'bin.js'), args)
    expect(bundled.code).toBe(modules.code)
    expect(bundled.stdout.length).toBeGreaterThan(1000)
    expect(bundled.stdout).toBe(modules.stdout)
  })

  it('writes the default report exactly as the modules do, in colour and without', async () => {
    // The bundle's string-width counts printable ASCII by its length; the
    // corpus's reports pad names with accents, typographic quotes and « ».
    for (const extra of [[], ['--color']]) {
      const args = ['corpus/fr-en', '--jobs', '1', ...extra]
      const bundled = await run(path.join(root, 'dist', 'bundle', 'mtlint.js'), args)
      const modules = await run(path.join(root, 'dist', 'bin.js'), args)
      expect(bundled.code).toBe(modules.code)
      // The report goes to stderr, as vfile-reporter's does under unified-args.
      expect(bundled.stderr.length).toBeGreaterThan(1000)
      expect(bundled.stderr).toMatch(/[«“ï]/)
      expect(bundled.stderr).toBe(modules.stderr)
      expect(bundled.stdout).toBe(modules.stdout)
    }
  })

  it('lints many files in its worker pool exactly as in process', async () => {
    // The bundle must find a worker it can start: tinypool resolves its own
    // thread entry beside its module, which a bundle would not carry.
    const pooled = await run(path.join(root, 'dist', 'bundle', 'mtlint.js'), ['corpus/fr-en', '--report', 'json', '--jobs', '2'])
    const single = await run(path.join(root, 'dist', 'bin.js'), ['corpus/fr-en', '--report', 'json', '--jobs', '1'])
    expect(pooled.code).toBe(single.code)
    expect(JSON.parse(pooled.stdout)).toHaveLength(JSON.parse(single.stdout).length)
    expect(pooled.stdout).toBe(single.stdout)
  })

  it('replaces the engine’s queue step and still waits for every file, in any order of arrival', async () => {
    // The bundle's linear queue (src/node/engine-queue.ts) against the
    // engine's own (the modules): error findings, clean files, an ignored
    // file, a file that fails to read as text, and a pool finishing files
    // out of order must give the same report and exit code.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mtlint-queue-'))
    try {
      mkdirSync(path.join(dir, 'b'))
      for (let index = 0; index < 150; index++) {
        const name = path.join(index % 2 ? 'b' : '.', `article-${String(index).padStart(3, '0')}.md`)
        const text =
          index % 3 === 0
            ? `# Moscow\n\nVladimir Poutine spoke at the call of the unions (${index}).\n`
            : index % 3 === 1
              ? `# Clean ${index}\n\nThe minister spoke on Tuesday.\n`
              : 'x'.repeat(20 + index) + '\n'
        writeFileSync(path.join(dir, name), text)
      }
      writeFileSync(path.join(dir, 'b', 'binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x0a]))
      writeFileSync(path.join(dir, 'skipped.md'), 'Vladimir Poutine\n')
      writeFileSync(path.join(dir, '.mtlintignore'), 'skipped.md\n')
      const args = [dir, '--report', 'json']
      const modules = await run(path.join(root, 'dist', 'bin.js'), [...args, '--jobs', '1'])
      const files = JSON.parse(modules.stdout) as Array<{path: string; messages: unknown[]}>
      expect(files.length).toBe(151)
      expect(files.some((d) => d.path.endsWith('skipped.md'))).toBe(false)
      // The binary file fails on input (exit 2), after every other file is linted.
      expect(modules.code).toBe(2)
      const binary = files.find((d) => d.path.endsWith('binary.md')) as {messages: Array<{fatal?: boolean}>} | undefined
      expect(binary?.messages.some((d) => d.fatal === true)).toBe(true)
      expect(files.filter((d) => d.messages.length > 0).length).toBeGreaterThan(50)
      for (const jobs of ['1', '3']) {
        const bundled = await run(path.join(root, 'dist', 'bundle', 'mtlint.js'), [...args, '--jobs', jobs])
        expect(bundled.code).toBe(modules.code)
        expect(bundled.stdout).toBe(modules.stdout)
      }
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })
})

// Markdown made of every construct the compiler has handlers for (CommonMark,
// GFM, front matter), in random order, so handlers run after one another in
// every combination: a handler that kept `this` or wrote to it would show.
const blockStarts = ['', '', '', '# ', '## ', '> ', '> > ', '- ', '* ', '+ ', '1. ', '2) ', '- [ ] ', '- [x] ', '    ', '   ', '\t', '[^n]: ', '[ref]: https://example.com "T"\n', '| a | b |\n| --- | :-: |\n| ', '```js\n', '~~~\n', '<div>\n', '<!-- ', '***\n', '---\n', 'Title\n===\n', 'Sub\n---\n']
const inlines = ['word', 'the minister', 'Poutine', ' ', ' ', '  \n', '\\\n', '\n', '*', '**', '_', '__', '~', '~~', '`', '``', '[', ']', '](https://x.y/z)', '[ref]', '[^n]', '![alt](i.png)', '<https://a.b>', '<a@b.co>', 'www.example.com', 'https://example.org/p?q=1', 'a@b.co', '&amp;', '&#123;', '&bogus;', '\\*', '\\', '<span>', '</span>', '<!-- c -->', '|', ':', '« x »', '3,5', '-->', '```', '\r\n']

function randomMarkdown(next: () => number): string {
  const pick = <T,>(list: readonly T[]) => list[Math.floor(next() * list.length)]!
  let text = next() < 0.15 ? '---\ntitle: "x"\n---\n' : ''
  const blocks = 1 + Math.floor(next() * 8)
  for (let block = 0; block < blocks; block++) {
    text += pick(blockStarts)
    const length = Math.floor(next() * 14)
    for (let index = 0; index < length; index++) text += pick(inlines)
    text += next() < 0.7 ? '\n\n' : '\n'
  }
  return text
}

describe('the bundle’s mdast-util-from-markdown', () => {
  // The file esbuild bundles (vitest itself resolves the package's `development` build).
  const stock = installed('mdast-util-from-markdown', 'index.js')

  it('finds the compiler’s per-event context in the installed version and nothing else', () => {
    expectPatch(reuseHandlerContext, stock, {
      present: ['handlerContext.sliceSerialize = events[index][2].sliceSerialize'],
      absent: ['...context,\n          sliceSerialize: events[index][2].sliceSerialize\n        }, events[index][1]);\n      }\n      if (events[index][0] === \'exit\''],
      unknown: [stock.replace('// Note: spread first', '// spread first')]
    })
  })

  it('is in the bin’s bundle, with micromark’s constructs combined once', () => {
    const chunks = readdirSync(path.join(root, 'dist', 'bundle')).filter((name) => name.endsWith('.js'))
    const texts = chunks.map((name) => readFileSync(path.join(root, 'dist', 'bundle', name), 'utf8'))
    expect(texts.filter((text) => text.includes('handlerContext.sliceSerialize ='))).toHaveLength(1)
    expect(texts.filter((text) => /const constructs\d* = combinedFor\(settings\.extensions\)/.test(text))).toHaveLength(1)
  })

  it('finds micromark’s per-document combining in the installed version and nothing else', () => {
    const parse = installed('micromark', 'parse.js')
    expectPatch(combineOnce, parse, {
      present: ['const constructs = combinedFor(settings.extensions);'],
      absent: ['combineExtensions([defaultConstructs, ...(settings.extensions || [])])'],
      unknown: [parse.replace('...(settings.extensions || [])', '...settings.extensions')]
    })
  })

  it('gives the same trees as the library, with GFM and front matter, on the corpus, articles and random Markdown', async () => {
    const state: Applied = {applied: false}
    const constructs: Applied = {applied: false}
    const patched = await bundled<{fromMarkdown: typeof fromMarkdown}>("export {fromMarkdown} from 'mdast-util-from-markdown'", [fromMarkdownContext(state), micromarkConstructs(constructs)])
    expect(state.applied).toBe(true)
    expect(constructs.applied).toBe(true)
    const options = {
      extensions: [gfm(), frontmatter(['yaml', 'toml'])],
      mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml', 'toml'])]
    }
    const folder = path.join(root, 'corpus', 'fr-en')
    const texts = readdirSync(folder)
      .filter((name) => /\.(md|txt)$/.test(name))
      .map((name) => readFileSync(path.join(folder, name), 'utf8'))
    expect(texts.length).toBeGreaterThan(20)
    const next = random(20261207)
    for (let index = 0; index < 1500; index++) texts.push(randomMarkdown(next))
    texts.push(...articles(10, 9))
    let nodes = 0
    // micromark's constructs are combined once per extensions list: the
    // same list, another list with other extensions, and none, in turn.
    const gfmOnly = {extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()]}
    for (const text of texts) {
      const theirs = JSON.stringify(fromMarkdown(text, options))
      expect(JSON.stringify(patched.fromMarkdown(text, options))).toBe(theirs)
      expect(JSON.stringify(patched.fromMarkdown(text))).toBe(JSON.stringify(fromMarkdown(text)))
      expect(JSON.stringify(patched.fromMarkdown(text, gfmOnly))).toBe(JSON.stringify(fromMarkdown(text, gfmOnly)))
      nodes += theirs.split('"type"').length - 1
    }
    // The random documents reach the constructs they were made for.
    const all = texts.map((text) => JSON.stringify(fromMarkdown(text, options))).join('')
    for (const type of ['heading', 'blockquote', 'list', 'code', 'html', 'table', 'footnoteDefinition', 'footnoteReference', 'delete', 'emphasis', 'strong', 'inlineCode', 'link', 'linkReference', 'definition', 'image', 'break', 'thematicBreak', 'yaml']) {
      expect(all, type).toContain(`"type":"${type}"`)
    }
    expect(nodes).toBeGreaterThan(20_000)
  })
})

// Plain text made of what parse-latin's and parse-english's plugins merge,
// split or move: initialisms, inner and final symbols, slashes, elisions,
// abbreviations, digits after a full stop, lower-case sentence starts,
// non-word sentences, affixes and white space at the edges.
const prose = ['word', 'The', 'minister', 'U.S.', 'e.g.', 'Mr.', 'Dr.', 'Sen.', 'etc.', 'and/or', '1/2', 'don’t', "it's", "'n'", "o'clock", "’tis", 'rock-and-roll', 'self-', '-ish', 'Poutine’s', 'state-of-the-art', '3.5', '3,5', '20h30', '.', '.', '!', '?', '…', '...', '?!', ',', ';', ':', '(', ')', '"', '“', '”', '«', '»', '—', '-', '&', '@', '#hash', '\u00a0', ' ', ' ', ' ', '  ', '\n', '\n\n', '\t', 'a.', 'b', '1.', '2)', ':-)', '☺', 'été', 'Andreï', 'x̧', '’', "'"]

function randomProse(next: () => number): string {
  let text = ''
  const length = Math.floor(next() * 40)
  for (let index = 0; index < length; index++) {
    text += prose[Math.floor(next() * prose.length)]!
    if (next() < 0.6) text += ' '
  }
  return text
}

describe('the bundle’s unist-util-modify-children, nlcst-to-string and vfile-location', () => {
  const modify = installed('unist-util-modify-children', 'index.js')
  const toString = installed('nlcst-to-string', 'index.js')

  it('finds what they change in the installed versions and nothing else', () => {
    expectPatch(inlineModifyLoop, modify, {
      present: ['const result = modifier(child, index, parent)'],
      absent: ['arrayIterate(parent.children, iteratee, parent)', 'function iteratee'],
      unknown: [modify.replace('arrayIterate(parent.children, iteratee, parent)', 'arrayIterate(parent.children, iteratee)')]
    })
    // Its own output still has the join it starts from: the build patches a module once.
    expectPatch(singleChildString, toString, {
      present: ['if (children.length === 1) {'],
      unknown: [toString.replace('const values = []', 'const values = new Array(children.length)')],
      again: true
    })
    const locationSource = installed('vfile-location', 'index.js')
    expectPatch(lastLineFirstSource, locationSource, {
      present: ['lastLine = low'],
      unknown: [locationSource.replace('Math.floor((low + high) / 2)', '(low + high) >> 1')]
    })
  })

  it('visit children as unist-util-modify-children does: holes, index moves and children changed on the way', async () => {
    const state: Applied = {applied: false}
    const patched = await bundled<{modifyChildren: typeof modifyChildren}>("export {modifyChildren} from 'unist-util-modify-children'", [directModify(state)])
    expect(state.applied).toBe(true)
    type Child = {type: string; n: number} | undefined
    // A modifier that logs each visit and, by a seeded roll, moves the
    // index back or forward, inserts or removes children.
    const run = (make: typeof modifyChildren, seed: number) => {
      const next = random(seed)
      const children: Child[] = []
      for (let index = 0; index < 12; index++) children[index] = next() < 0.15 ? undefined : {type: 'x', n: index}
      if (next() < 0.5) delete children[3]
      if (next() < 0.5) children.length = 14
      const parent = {type: 'p', children: children as Array<{type: string; n: number}>}
      const log: string[] = []
      let budget = 60
      make((node, index) => {
        const child = node as Child
        log.push(index + ':' + (child ? child.n : String(child)))
        if (--budget < 0) return parent.children.length
        const roll = next()
        if (roll < 0.1) return index - 2
        if (roll < 0.15) return -1
        if (roll < 0.25) return index + 3
        if (roll < 0.35) parent.children.splice(index + 1, 0, {type: 'x', n: 100 + index})
        else if (roll < 0.45) parent.children.splice(index, 1)
        return undefined
      })(parent)
      return log.join(' ')
    }
    for (let seed = 1; seed <= 500; seed++) expect(run(patched.modifyChildren, seed), String(seed)).toBe(run(modifyChildren, seed))
  })

  it('find the same line and column as vfile-location, in any order of offsets', async () => {
    const state: Applied = {applied: false}
    const patched = await bundled<{location: typeof location}>("export {location} from 'vfile-location'", [locationLastLine(state)])
    expect(state.applied).toBe(true)
    const next = random(20261209)
    const pieces = ['a', 'word ', '\n', '\r\n', '\r', '\n\n', '', 'été ']
    let points = 0
    for (let round = 0; round < 300; round++) {
      let text = ''
      const length = Math.floor(next() * 30)
      for (let index = 0; index < length; index++) text += pieces[Math.floor(next() * pieces.length)]!
      const offsets: number[] = []
      const order = round % 4
      for (let index = 0; index < 40; index++) {
        offsets.push(
          order === 0
            ? Math.floor((index / 40) * (text.length + 1))
            : order === 1
              ? text.length - Math.floor((index / 40) * (text.length + 1))
              : order === 2
                ? Math.floor(next() * (text.length + 3)) - 1
                : Math.floor(next() * 3) === 0 ? offsets.at(-1) ?? 0 : Math.floor(next() * (text.length + 1))
        )
      }
      const theirs = location(text)
      const ours = patched.location(text)
      for (const offset of offsets) {
        expect(ours.toPoint(offset), JSON.stringify({text, offset})).toEqual(theirs.toPoint(offset))
        points++
      }
      expect(ours.toOffset({line: 2, column: 1})).toBe(theirs.toOffset({line: 2, column: 1}))
    }
    expect(points).toBe(12_000)
  })

  it('are in the bin’s bundle', () => {
    const chunks = readdirSync(path.join(root, 'dist', 'bundle')).filter((name) => name.endsWith('.js'))
    const texts = chunks.map((name) => readFileSync(path.join(root, 'dist', 'bundle', name), 'utf8'))
    expect(texts.filter((text) => /const result = modifier\(child\d*, index\d*, parent\d*\)/.test(text))).toHaveLength(1)
    expect(texts.filter((text) => /const only = toString\d*\(children\[0\]\)/.test(text))).toHaveLength(1)
    expect(texts.some((text) => text.includes('function arrayIterate('))).toBe(false)
  })

  it('give the same nlcst as the library: parse-english on prose, mtlint’s parse on the corpus, articles and random Markdown', async () => {
    const states = {context: {applied: false}, constructs: {applied: false}, modify: {applied: false}, toString: {applied: false}, lastLine: {applied: false}}
    const patched = await bundled<{ParseEnglish: typeof ParseEnglish; parseToNlcst: typeof parseToNlcst; VFile: typeof VFile}>(
      "export {ParseEnglish} from 'parse-english'\nexport {parseToNlcst} from './src/parse.ts'\nexport {VFile} from 'vfile'",
      [
        fromMarkdownContext(states.context),
        micromarkConstructs(states.constructs),
        directModify(states.modify),
        directToString(states.toString),
        locationLastLine(states.lastLine)
      ],
      'ts'
    )
    for (const state of Object.values(states)) expect(state.applied).toBe(true)
    const next = random(20261208)
    const stock = new ParseEnglish()
    const direct = new patched.ParseEnglish()
    let words = 0
    for (let index = 0; index < 1500; index++) {
      const text = randomProse(next)
      const theirs = JSON.stringify(stock.parse(text))
      expect(JSON.stringify(direct.parse(text)), text).toBe(theirs)
      words += theirs.split('"WordNode"').length - 1
    }
    expect(words).toBeGreaterThan(10_000)

    const folder = path.join(root, 'corpus', 'fr-en')
    const documents: Array<{text: string; type: 'markdown' | 'text'}> = readdirSync(folder)
      .filter((name) => /\.(md|txt)$/.test(name))
      .map((name) => ({text: readFileSync(path.join(folder, name), 'utf8'), type: name.endsWith('.md') ? 'markdown' : 'text'}))
    expect(documents.length).toBeGreaterThan(50)
    for (let index = 0; index < 300; index++) documents.push({text: randomMarkdown(next), type: 'markdown'})
    for (const text of articles(10, 11)) documents.push({text, type: 'markdown'})
    for (const {text, type} of documents) {
      const theirs = JSON.stringify(parseToNlcst(text, new VFile({path: 'x', value: text}), type))
      expect(JSON.stringify(patched.parseToNlcst(text, new patched.VFile({path: 'x', value: text}), type))).toBe(theirs)
    }
  })
})

describe('the bundle’s string-width (vfile-reporter’s column padding)', () => {
  const file = path.join(root, 'node_modules', 'vfile-reporter', 'node_modules', 'string-width', 'index.js')
  const source = readFileSync(file, 'utf8')

  it('finds what it changes in the installed version and nothing else', () => {
    expectPatch(asciiWidthFirst, source, {
      present: ['return string.length;'],
      absent: ['new Intl.Segmenter().segment(string)'],
      unknown: [source.replace('new Intl.Segmenter().segment(string)', 'segmenter.segment(string)')]
    })
  })

  it('measures every string as string-width does: ASCII, escape codes, emoji, wide, combining and control characters', async () => {
    const state: Applied = {applied: false}
    type Width = (value: string, options?: {ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean}) => number
    const stock = (await import(pathToFileURL(file).href)) as {default: Width}
    const patched = await bundled<{default: Width}>(`export {default} from ${JSON.stringify(file)}`, [reporterWidth(state)])
    expect(state.applied).toBe(true)
    const next = random(20261207)
    const pieces = ['a', 'Z', ' ', '~', '`', '#', '*', '0', '9', '1\uFE0F\u20E3', '#\u20E3', '\u001B[33m', '\u001B[39m', '\u001B', '\t', '\n', '\r\n', '\u007F', '\u0085', '\u00A0', 'é', 'e\u0301', 'ï', '«', '»', '“', '”', '’', '—', '±', '°', '©', '©\uFE0F', '®', '™', '中', '文', 'ｶ', 'Ａ', '😀', '👍🏽', '🇫🇷', '👨‍👩‍👧', '\u200B', '\u00AD', '\uD800', '\uDC00']
    const strings = ['', ' ', 'warning', '3:270-3:285', 'Unexpected `forces of order`, expected `police`']
    for (let code = 0; code < 0x250; code++) strings.push(String.fromCharCode(code), 'ab' + String.fromCharCode(code) + 'c')
    for (let round = 0; round < 3000; round++) {
      let text = ''
      const length = Math.floor(next() * 12)
      // Half the strings are printable ASCII only, the fast path.
      const ascii = round % 2 === 0
      for (let index = 0; index < length; index++) text += ascii ? String.fromCharCode(0x20 + Math.floor(next() * 95)) : pieces[Math.floor(next() * pieces.length)]!
      strings.push(text)
    }
    for (const options of [undefined, {}, {ambiguousIsNarrow: false}, {countAnsiEscapeCodes: true}, {ambiguousIsNarrow: false, countAnsiEscapeCodes: true}]) {
      for (const text of strings) expect(patched.default(text, options), JSON.stringify([text, options])).toBe(stock.default(text, options))
    }
  })
})
