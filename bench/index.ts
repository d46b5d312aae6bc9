/**
 * `npm run bench [-- section …] [-- --quick]`: every benchmark in one run,
 * printing medians and ratios against what is measured in the same run, and
 * writing `bench/RESULTS.md` (shown in the README's Performance section).
 *
 * Sections: throughput, glossary, cold, editor, spelling, server (the last
 * two when `bench/spelling-cold.ts` and `bench/server.ts`, with the built
 * server, exist). `--quick` cuts N and repetitions (for a
 * smoke run; its numbers are not the README's). Benchmarks report; they are
 * never timed tests.
 */
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {coldStart} from './cold.js'
import {editorPath} from './editor.js'
import {glossaryScaling} from './glossary-scaling.js'
import {ensureBuilt, freshPacks} from './run.js'
import {defaultRuns, throughput} from './throughput.js'
import {machine, table, type Row} from './util.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '..')
const quick = process.argv.includes('--quick')

/** A benchmark section. */
interface Section {
  title: string
  run(): Promise<Row[]> | Row[]
  /** One-line verdicts against the targets, from the rows. */
  verdict?(rows: Row[]): string[]
  /** Whether the section can run here (its module exists). */
  available?(): boolean
}

const met = (ok: boolean) => (ok ? 'met' : '**missed**')
let rssAtLargest: {size: number; rss: number[]} | undefined

/** A row's round-by-round ratio, as context after a verdict (the verdict is on the ratio of medians). */
function rounds(found: Row, digits: number): string {
  return found.paired ? `; round by round ${found.paired.median.toFixed(digits)}× [${found.paired.min.toFixed(digits)}–${found.paired.max.toFixed(digits)}]` : ''
}

/** Find a row by a part of its name. */
function row(rows: Row[], ...parts: string[]): Row | undefined {
  return rows.find((d) => parts.every((part) => d.name.includes(part)))
}

const sections: Record<string, Section> = {
  throughput: {
    title: `Throughput vs peers (${quick ? '1 and 100' : '1, 100 and 1,000'} articles of ~800 words, 1,000-entry glossary, subprocesses)`,
    run: () =>
      throughput({
        sizes: quick ? [1, 100] : [1, 100, 1000],
        runs: quick ? () => 1 : defaultRuns,
        progress: (line) => console.log(line),
        onRss: (size, rss) => {
          rssAtLargest = {size, rss}
        }
      }),
    verdict(rows) {
      const size = quick ? '100' : '1,000'
      const prh = row(rows, `N = ${size}:`, 'prh')
      const terminology = row(rows, `N = ${size}:`, 'terminology')
      const parse = row(rows, `N = ${size}:`, 'parse only')
      const lines: string[] = []
      if (prh?.ratio) lines.push(`${size} articles: ${prh.ratio.toFixed(1)}× faster than textlint + prh (target ≥ 8×: ${met(prh.ratio >= 8)}${rounds(prh, 1)})`)
      if (terminology?.ratio) lines.push(`${size} articles: ${terminology.ratio.toFixed(1)}× faster than textlint + terminology (target ≥ 25×: ${met(terminology.ratio >= 25)}${rounds(terminology, 1)})`)
      if (parse?.ratio) lines.push(`${size} articles: ${parse.ratio.toFixed(2)}× the remark + retext parse-only time (target ≤ 1.5×: ${met(parse.ratio <= 1.5)}${rounds(parse, 2)})`)
      if (rssAtLargest && rssAtLargest.rss.length > 0) {
        const peak = Math.max(...rssAtLargest.rss)
        lines.push(
          `Peak RSS, ${rssAtLargest.size.toLocaleString('en')} articles: ${peak.toFixed(0)} MiB (GNU time's maximum resident set size of the mtlint process, which holds every pool worker thread; largest of the runs; target < 300 MB: ${met(peak * 1.048576 < 300)})`
        )
      }
      return lines
    }
  },
  glossary: {
    title: 'Glossary scaling (same 100 articles: the glossary rule alone, and the whole lint)',
    run: () => glossaryScaling(quick ? {runs: 3} : {}),
    verdict(rows) {
      const last = row(rows, 'glossary rule', '50,000')
      const matcher = row(rows, 'matcher alone', '50,000')
      const whole = row(rows, 'whole lint', '50,000')
      return [
        ...(last ? [`50,000 vs 100 entries: ${last.ratio!.toFixed(2)}× (target ≤ 1.3×: ${met(last.ratio! <= 1.3)}${rounds(last, 2)})`] : []),
        ...(matcher ? [`matcher alone, 50,000 vs 100 entries: ${matcher.ratio!.toFixed(2)}× (absolute: ${matcher.median.toFixed(1)} ms per 100 articles; the rule row adds tokenising and making the extra messages the larger glossaries have${rounds(matcher, 2)})`] : []),
        ...(whole ? [`whole lint, pack + 50,000 vs pack + 100 entries: ${whole.ratio!.toFixed(2)}× (context: ${whole.median.toFixed(0)} ms per 100 articles; the target is read on the glossary rule alone, above${rounds(whole, 2)})`] : [])
      ]
    }
  },
  cold: {
    title: 'Cold start (one article, fresh process)',
    run: () => coldStart({runs: quick ? 3 : 10})
  },
  editor: {
    title: 'Editor path (warm re-lint, in process)',
    run: () => editorPath({edits: quick ? 20 : 50}),
    verdict(rows) {
      const warm = rows[0]!
      return [`Warm re-lint of 2,000 words: median ${warm.median.toFixed(2)} ms, p95 ${warm.p95!.toFixed(2)} ms (target median < 10 ms: ${met(warm.median < 10)})`]
    }
  },
  spelling: {
    title: 'Spelling, one article cold (mtlint vs retext-spell + dictionary-en)',
    available: () => existsSync(path.join(here, 'spelling-cold.ts')),
    async run() {
      const module = (await import('./spelling-cold.js' as string)) as {spellingCold(options: {quick: boolean}): Row[] | Promise<Row[]>}
      return module.spellingCold({quick})
    },
    verdict(rows) {
      return spellingVerdict ? [spellingVerdict(rows)] : []
    }
  },
  server: {
    title: 'Language server (stdio, debounce excluded)',
    available: () => existsSync(path.join(here, 'server.ts')) && existsSync(path.join(root, 'dist', 'server', 'server.js')),
    async run() {
      const module = (await import('./server.js' as string)) as {serverLatency(options: {quick: boolean}): Promise<Row[]>}
      return module.serverLatency({quick})
    },
    verdict(rows) {
      const first = rows[0]!
      return [`Server didChange → publishDiagnostics, 2,000 words: median ${first.median.toFixed(1)} ms, p95 ${first.p95!.toFixed(1)} ms (target median < 30 ms: ${met(first.median < 30)})`]
    }
  }
}

let spellingVerdict: ((rows: readonly Row[]) => string) | undefined
if (existsSync(path.join(here, 'spelling-cold.ts'))) {
  spellingVerdict = ((await import('./spelling-cold.js' as string)) as {spellingColdVerdict?: (rows: readonly Row[]) => string}).spellingColdVerdict
}

const wanted = process.argv.slice(2).filter((d) => !d.startsWith('-'))
const names = wanted.length > 0 ? wanted : Object.keys(sections).filter((d) => sections[d]!.available?.() ?? true)
const unknown = names.filter((d) => !sections[d])
if (unknown.length > 0) {
  console.error(`bench: unknown section ${unknown.join(', ')} (expected ${Object.keys(sections).join(', ')})`)
  process.exit(2)
}

ensureBuilt(root)
const versions = ['textlint', 'textlint-rule-prh', 'textlint-rule-terminology', 'remark-parse', 'remark-retext', 'retext-english', 'unified']
  .map((name) => {
    try {
      return `${name} ${(JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as {version: string}).version}`
    } catch {
      return `${name} ?`
    }
  })
  .join(', ')
const mtlintVersion = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {version: string}).version
const started = performance.now()
const output: string[] = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}${quick ? ' (`--quick`: fewer articles and runs)' : ''}.`,
  `mtlint ${mtlintVersion}; ${versions}. Medians of alternating runs; ratios from the same run.`,
  ''
]
for (const name of names) {
  const section = sections[name]!
  console.log(`\n## ${section.title}\n`)
  freshPacks(root)
  const rows = await section.run()
  const text = table(rows)
  const verdicts = section.verdict?.(rows) ?? []
  console.log(text)
  if (verdicts.length > 0) console.log('\n' + verdicts.map((d) => '- ' + d).join('\n'))
  output.push(`### ${section.title}`, '', text, '', ...(verdicts.length > 0 ? [...verdicts.map((d) => '- ' + d), ''] : []))
}
output.push(`Whole run: ${((performance.now() - started) / 60_000).toFixed(1)} min.`, '')

const target = path.join(here, quick ? 'RESULTS.quick.md' : 'RESULTS.md')
if (wanted.length > 0 && existsSync(target)) {
  // A partial run replaces its own sections and keeps the others.
  const previous = readFileSync(target, 'utf8').split(/^(?=### )/m)
  const fresh = output.join('\n').split(/^(?=### )/m)
  const title = (d: string) => d.split('\n')[0]
  const merged = previous.map((part) => fresh.find((d) => d.startsWith('### ') && title(d) === title(part)) ?? part)
  for (const part of fresh.slice(1)) if (!merged.some((d) => title(d) === title(part))) merged.push(part)
  merged[0] = previous[0]!.trimEnd() + `\n(Sections ${names.join(', ')} re-measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.)\n\n`
  writeFileSync(target, merged.join(''))
} else writeFileSync(target, output.join('\n'))
console.log(`\nwrote ${path.relative(process.cwd(), target)}`)
