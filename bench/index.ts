/**
 * `npm run bench [-- section …]`: every benchmark in one run, printing
 * medians and ratios against what is measured in the same run, and writing
 * `bench/RESULTS.md` (shown in the README's Performance section).
 *
 * Sections: glossary. Benchmarks report; they are never timed tests.
 */
import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {glossaryScaling} from './glossary-scaling.js'
import {machine, table, type Row} from './util.js'

const here = path.dirname(fileURLToPath(import.meta.url))

/** A benchmark section. */
interface Section {
  title: string
  run(): Promise<Row[]> | Row[]
  /** A one-line verdict against the target, from the rows. */
  verdict?(rows: Row[]): string
}

const sections: Record<string, Section> = {
  glossary: {
    title: 'Glossary scaling (same 100 articles, glossary rule only)',
    run: () => glossaryScaling(),
    verdict(rows) {
      const last = rows.at(-1)!
      return `50,000 vs 100 entries: ${last.ratio!.toFixed(2)}× (target ≤ 1.3×: ${last.ratio! <= 1.3 ? 'met' : 'missed'})`
    }
  }
}

const wanted = process.argv.slice(2).filter((d) => !d.startsWith('-'))
const names = wanted.length > 0 ? wanted : Object.keys(sections)
const unknown = names.filter((d) => !sections[d])
if (unknown.length > 0) {
  console.error(`bench: unknown section ${unknown.join(', ')} (expected ${Object.keys(sections).join(', ')})`)
  process.exit(2)
}

const output: string[] = [`Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}.`, '']
for (const name of names) {
  const section = sections[name]!
  console.log(`\n## ${section.title}\n`)
  const rows = await section.run()
  const text = table(rows)
  const verdict = section.verdict?.(rows)
  console.log(text)
  if (verdict) console.log('\n' + verdict)
  output.push(`### ${section.title}`, '', text, '', ...(verdict ? [verdict, ''] : []))
}

writeFileSync(path.join(here, 'RESULTS.md'), output.join('\n'))
console.log(`\nwrote ${path.relative(process.cwd(), path.join(here, 'RESULTS.md'))}`)
