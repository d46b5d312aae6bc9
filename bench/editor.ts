/**
 * The editor path: one processor made with `createProcessor({incremental:
 * true})` and reused, a 2,000-word article linted once, then 50 one-word
 * edits, each re-linted in full (parse through the block cache + every rule,
 * spelling on). Also, in the same run, the same edits re-linted without the
 * block cache, to show what the cache buys.
 */
import {VFile} from 'vfile'
import {createProcessor} from '../src/index.js'
import {article, random} from './generate.js'
import {median, percentile, type Row} from './util.js'

const replacements = ['government', 'minister', 'police', 'court', 'election', 'storm', 'council', 'hospital', 'economy', 'judge']

/** `count` documents, each one word different from the one before. */
export function edits(words = 2000, count = 50, seed = 11): string[] {
  const next = random(seed)
  let doc = article(next, words)
  const result = [doc]
  for (let index = 0; index < count; index++) {
    // Replace one lowercase word in the body (never the heading).
    const body = doc.indexOf('\n\n')
    let at = -1
    while (at === -1) {
      const from = body + Math.floor(next() * (doc.length - body))
      const match = /\b[a-z]{3,}\b/.exec(doc.slice(from))
      if (match) at = from + match.index
      if (match) {
        const word = replacements[Math.floor(next() * replacements.length)]!
        doc = doc.slice(0, at) + (word === match[0] ? 'officials' : word) + doc.slice(at + match[0].length)
      }
    }
    result.push(doc)
  }
  return result
}

async function lintWith(processor: ReturnType<typeof createProcessor>, doc: string): Promise<number> {
  const file = new VFile({path: 'article.md', value: doc})
  const start = performance.now()
  await processor.run(processor.parse(file), file)
  const ms = performance.now() - start
  return ms
}

/** Measure the warm re-lint. */
export async function editorPath(options: {words?: number; edits?: number} = {}): Promise<Row[]> {
  const words = options.words ?? 2000
  const docs = edits(words, (options.edits ?? 50) + 5)
  const incremental = createProcessor({incremental: true})
  const whole = createProcessor()
  // First lint of each (builds the pack, dictionaries and the block cache),
  // then five warm-up edits not counted.
  const first = await lintWith(incremental, docs[0]!)
  await lintWith(whole, docs[0]!)
  const warm: number[] = []
  const full: number[] = []
  for (const [index, doc] of docs.slice(1).entries()) {
    const a = await lintWith(incremental, doc)
    const b = await lintWith(whole, doc)
    if (index < 5) continue
    warm.push(a)
    full.push(b)
  }
  return [
    {
      name: `warm re-lint after a one-word edit, ${words.toLocaleString('en')}-word article (incremental processor)`,
      median: median(warm),
      p95: percentile(warm, 95),
      extra: `${warm.length} edits; first lint in this process ${first.toFixed(0)} ms`
    },
    {
      name: 'same edits, whole-document parse (no block cache)',
      median: median(full),
      p95: percentile(full, 95),
      ratio: median(full) / median(warm),
      ratioLabel: '(× the incremental time)',
      extra: `${full.length} edits`
    }
  ]
}
