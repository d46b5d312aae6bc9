/**
 * Cold start: `node dist/bundle/mtlint.js one.md` in a fresh process (all rules,
 * spelling on, the built-in pack), median of several runs, with its peak RSS;
 * `node -e ''` alone is measured in the same run as the floor of any Node CLI.
 */
import {rmSync} from 'node:fs'
import path from 'node:path'
import {tempRoot, writeArticles} from './corpus.js'
import {freshPacks, timed} from './run.js'
import {median, percentile, type Row} from './util.js'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')

/** Measure the cold start. */
export async function coldStart(options: {runs?: number} = {}): Promise<Row[]> {
  const runs = options.runs ?? 10
  const temp = tempRoot()
  try {
    const dir = writeArticles(path.join(temp, 'one'), 1)
    const file = path.join(dir, 'article-0000.md')
    const cases: Array<{name: string; args: string[]}> = [
      {name: 'mtlint one article, fresh process (`node dist/bundle/mtlint.js one.md`, spelling on)', args: [path.join(root, 'dist', 'bundle', 'mtlint.js'), file]},
      {name: 'node -e "" (Node’s own start, the floor)', args: ['-e', '']}
    ]
    const times = cases.map(() => [] as number[])
    const rss = cases.map(() => [] as number[])
    // One warm-up run fills the OS file cache, as a second invocation would.
    await timed(process.execPath, cases[0]!.args)
    for (let run = 0; run < runs; run++) {
      for (const [index, item] of cases.entries()) {
        if (index === 0) freshPacks(root)
        const result = await timed(process.execPath, item.args)
        times[index]!.push(result.ms)
        if (result.rssMiB !== undefined) rss[index]!.push(result.rssMiB)
      }
    }
    return cases.map((item, index) => ({
      name: item.name,
      median: median(times[index]!),
      p95: percentile(times[index]!, 95),
      ...(index === 0 ? {} : {ratio: median(times[0]!) / median(times[index]!), ratioLabel: '(mtlint ÷ this)'}),
      extra: `${runs} runs${rss[index]!.length > 0 ? `, peak RSS ${median(rss[index]!).toFixed(0)} MiB` : ''}`
    }))
  } finally {
    rmSync(temp, {recursive: true, force: true})
  }
}
