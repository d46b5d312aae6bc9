/**
 * Cold start with spelling on: one article linted by a fresh Node process,
 * from process start to messages, for
 * - mtlint as built (`dist/bundle/index.js`, the one-file build the `mtlint` bin
 *   is made of; every rule, spelling on),
 * - mtlint with spelling off (what spelling adds),
 * - retext-spell + dictionary-en as they come (retext's English parser,
 *   hunspell built by nspell at start-up, suggestions for each unknown word).
 * Each child reports `performance.now()` (milliseconds since its own start)
 * when the article is done, so Node's start-up counts for all three alike.
 *
 * Run alone: `npx tsx bench/spelling-cold.ts [runs]`; `bench/index.ts` calls
 * `spellingCold()`.
 */
import {execFileSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {median, ms, percentile, table, type Row} from './util.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '..')

/** The article linted (the seed: a real machine translation, 700 words). */
export const coldArticle = path.join(root, 'corpus', 'fr-en', '000.txt')

/** What one cold child reports. */
interface ColdRun {
  /** Milliseconds from process start to messages. */
  ms: number
  /** Messages (all rules, or retext-spell's). */
  messages: number
  /** Spelling messages. */
  spelling: number
}

const oursScript = (spelling: boolean) => `
const {readFileSync} = await import('node:fs')
const {lint} = await import(${JSON.stringify(pathToFileURL(path.join(root, 'dist', 'bundle', 'index.js')).href)})
const file = await lint(readFileSync(${JSON.stringify(coldArticle)}, 'utf8'), {path: ${JSON.stringify(coldArticle)}, rules: {spelling: ${spelling ? "'on'" : "'off'"}}})
const done = performance.now()
console.log(JSON.stringify({ms: done, messages: file.messages.length, spelling: file.messages.filter((d) => d.ruleId === 'spelling').length}))
`

// The spell-checker alone, set up like the baseline below (retext's English
// parser, one plugin), with the pack's names and glossary forms.
const spellingOnlyScript = `
const {readFileSync} = await import('node:fs')
const {unified} = await import('unified')
const {ParseEnglish} = await import('parse-english')
const {VFile} = await import('vfile')
const {Pack} = await import(${JSON.stringify(pathToFileURL(path.join(root, 'dist', 'pack.js')).href)})
const {spelling} = await import(${JSON.stringify(pathToFileURL(path.join(root, 'dist', 'plugins', 'spelling.js')).href)})
const pack = new Pack(JSON.parse(readFileSync(${JSON.stringify(path.join(root, 'dist', 'packs', 'fr-en.json'))}, 'utf8')).pack)
const processor = unified()
  .use(function () { this.parser = (doc) => new ParseEnglish().parse(doc) })
  .use(spelling, {...pack.ruleData('spelling'), glossary: pack.glossary})
const file = new VFile({value: readFileSync(${JSON.stringify(coldArticle)}, 'utf8'), path: ${JSON.stringify(coldArticle)}})
await processor.run(processor.parse(file), file)
const done = performance.now()
console.log(JSON.stringify({ms: done, messages: file.messages.length, spelling: file.messages.length}))
`

const baselineScript = `
const {readFileSync} = await import('node:fs')
const {unified} = await import('unified')
const {ParseEnglish} = await import('parse-english')
const {VFile} = await import('vfile')
const {default: retextSpell} = await import('retext-spell')
const {default: dictionaryEn} = await import('dictionary-en')
// retext-english in three lines: parse-english as the processor's parser.
const processor = unified()
  .use(function () { this.parser = (doc) => new ParseEnglish().parse(doc) })
  .use(retextSpell, {dictionary: dictionaryEn})
const file = new VFile({value: readFileSync(${JSON.stringify(coldArticle)}, 'utf8'), path: ${JSON.stringify(coldArticle)}})
await processor.run(processor.parse(file), file)
const done = performance.now()
console.log(JSON.stringify({ms: done, messages: file.messages.length, spelling: file.messages.length}))
`

function runChild(script: string): ColdRun {
  // `--input-type=module` for top-level await; run from the package so bare
  // imports resolve to its node_modules.
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {cwd: root, encoding: 'utf8'})
  return JSON.parse(output.trim().split('\n').at(-1)!) as ColdRun
}

/** Options of `spellingCold`. */
export interface SpellingColdOptions {
  /** Fresh processes per variant (default 7; 3 with `quick`). */
  runs?: number | undefined
  /** Fewer runs (`npm run bench -- --quick`). */
  quick?: boolean | undefined
}

/**
 * Measure the four cold starts, alternating so machine noise falls on all
 * of them alike.
 *
 * @param options
 *   Runs per variant, or `{runs, quick}`.
 * @returns
 *   Rows: the spelling rule alone, mtlint with spelling, mtlint without,
 *   retext-spell; ratios against retext-spell (`spellingColdVerdict` reads
 *   them).
 */
export function spellingCold(options: number | SpellingColdOptions = {}): Row[] {
  const runs = typeof options === 'number' ? options : (options.runs ?? (options.quick ? 3 : 7))
  if (!existsSync(path.join(root, 'dist', 'index.js'))) {
    throw new Error('bench: run `npm run build` first (the cold start is measured on dist/)')
  }
  const variants = [
    {name: 'mtlint `spelling` rule alone, retext parser (cold process)', script: spellingOnlyScript},
    {name: 'mtlint, all rules, spelling on (cold process)', script: oursScript(true)},
    {name: 'mtlint, all rules, spelling off (cold process)', script: oursScript(false)},
    {name: 'retext-spell + dictionary-en as they come (cold process)', script: baselineScript}
  ]
  // Measure the product as shipped: a pack edited since the last build is
  // recompiled from YAML on every start (half a second), which is not what
  // an installed mtlint does.
  execFileSync(process.execPath, [path.join(root, 'dist', 'build-packs.js')], {cwd: root, stdio: 'ignore'})
  const results: ColdRun[][] = variants.map(() => [])
  // One warm-up each: the first child pays for the file system cache.
  for (const variant of variants) runChild(variant.script)
  for (let run = 0; run < runs; run++) {
    variants.forEach((variant, index) => results[index]!.push(runChild(variant.script)))
  }
  const medians = results.map((d) => median(d.map((r) => r.ms)))
  const baseline = medians[3]!
  return variants.map((variant, index) => ({
    name: variant.name,
    median: medians[index]!,
    p95: percentile(results[index]!.map((r) => r.ms), 95),
    ratio: medians[index]! / baseline,
    ratioLabel: '× retext-spell',
    extra: `${results[index]![0]!.spelling} spelling messages${index === 1 || index === 2 ? `, ${results[index]![0]!.messages} in all` : ''}`
  }))
}

/** The verdict against the issue's target: ours at most a quarter of retext-spell's time. */
export function spellingColdVerdict(rows: readonly Row[]): string {
  const [alone, on, off, baseline] = rows as [Row, Row, Row, Row]
  const verdict = (row: Row) => `${row.ratio!.toFixed(2)}× (target ≤ 0.25×: ${row.ratio! <= 0.25 ? 'met' : 'missed'})`
  return (
    `cold, one article vs retext-spell + dictionary-en (${ms(baseline.median)}): ` +
    `spell-checker alone ${ms(alone.median)} = ${verdict(alone)}; ` +
    `whole mtlint with spelling ${ms(on.median)} = ${verdict(on)}, ` +
    // One article's spelling costs a few milliseconds: less than the runs
    // differ from each other, so the difference of medians can come out below zero.
    (on.median >= off.median
      ? `of which spelling adds ${ms(on.median - off.median)}`
      : `and switching spelling off saves nothing measurable (on − off = ${ms(on.median - off.median)}, within the runs' spread)`)
  )
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rows = spellingCold(Number(process.argv[2]) || 7)
  console.log(table(rows))
  console.log('\n' + spellingColdVerdict(rows))
}
