/**
 * Glossary scaling: the glossary rule's time over the same parsed articles
 * with glossaries of 100 … 50,000 entries. The matcher walks a word trie, so
 * the time should stay flat as the glossary grows. The target is read on the
 * rule alone (the strictest reading); the whole lint — every rule, the
 * built-in pack plus the generated entries — is measured beside it, for
 * what a newsroom's growing glossary costs a run.
 */
import type {Root} from 'nlcst'
import {VFile} from 'vfile'
import {Glossary, compileEntries} from '../src/glossary/compile.js'
import {parseToNlcst} from '../src/parse.js'
import {collectSentences, sentenceTokens} from '../src/tokens.js'
import {glossary as glossaryRule} from '../src/plugins/glossary.js'
import {createProcessor} from '../src/index.js'
import {resolveConfig} from '../src/node/config.js'
import {articles, glossary} from './generate.js'
import {median, pairedRatio, type Row} from './util.js'

/** Parse one article, as the pipeline does: its tree and its file. */
function parseOne(text: string, index: number): {tree: Root; file: VFile} {
  const file = new VFile({path: `article-${index}.md`, value: text})
  return {tree: parseToNlcst(text, file, 'markdown'), file}
}

/** What one round gives a size: milliseconds (summed over the articles) and what was found. */
interface Tally {
  ms: number
  found: number
}

/**
 * One round over the articles: for each article, each of the `count`
 * glossaries in turn (the first one rotating from article to article),
 * untimed `prepare` then timed `measure`; one tally per glossary. They
 * alternate per article, not per pass over all articles, so a busy second
 * of a shared machine lands on every size alike instead of on one size's
 * pass.
 */
async function round<Prepared>(
  texts: string[],
  count: number,
  prepare: (text: string, index: number) => Prepared,
  measure: (prepared: Prepared, which: number) => number | Promise<number>
): Promise<Tally[]> {
  const tallies: Tally[] = Array.from({length: count}, () => ({ms: 0, found: 0}))
  for (const [index, text] of texts.entries()) {
    for (let step = 0; step < count; step++) {
      const which = (index + step) % count
      const prepared = prepare(text, index)
      const start = performance.now()
      const found = await measure(prepared, which)
      tallies[which]!.ms += performance.now() - start
      tallies[which]!.found += found
    }
  }
  return tallies
}

/**
 * The glossary rule on each article right after parsing it (untimed), as
 * the pipeline does; the rule builds the sentence tokens, as the
 * pipeline's first token reader pays it. (Trees parsed all at once before
 * are old by the time the rule reads them; the garbage collector's cost of
 * that varied more than the sizes differ.)
 */
function ruleRound(texts: string[], glossaries: Glossary[]): Promise<Tally[]> {
  const transformers = glossaries.map((compiled) => (glossaryRule as unknown as (options: object) => (tree: Root, file: VFile) => void)({glossary: compiled}))
  return round(texts, glossaries.length, parseOne, ({tree, file}, which) => {
    transformers[which]!(tree, file)
    return file.messages.length
  })
}

/** The matcher alone (`find`), on each article's token lists right after they are built. */
function matcherRound(texts: string[], glossaries: Glossary[]): Promise<Tally[]> {
  return round(
    texts,
    glossaries.length,
    (text, index) => collectSentences(parseOne(text, index).tree).map((d) => sentenceTokens(d)),
    (lists, which) => {
      let hits = 0
      for (const tokens of lists) hits += glossaries[which]!.find(tokens).length
      return hits
    }
  )
}

/** The whole lint (parse and every rule) of each article in process. */
function lintRound(texts: string[], processors: Array<ReturnType<typeof createProcessor>>): Promise<Tally[]> {
  return round(
    texts,
    processors.length,
    (text, index) => new VFile({path: `article-${index}.md`, value: text}),
    async (file, which) => {
      const processor = processors[which]!
      await processor.run(processor.parse(file), file)
      return file.messages.length
    }
  )
}

/** Measure the glossary rule at each size, alternating runs, and the whole lint with the pack plus each glossary. */
export async function glossaryScaling(options: {articles?: number; sizes?: number[]; runs?: number} = {}): Promise<Row[]> {
  const count = options.articles ?? 100
  const sizes = options.sizes ?? [100, 1000, 10_000, 50_000]
  // Twenty-five rounds: a scavenge (1.5–2 ms) inside a timed rule run moves
  // that round's ratio far (0.6–2.4× seen; bench/NOTES.md, section 11), and
  // the median of fifteen still swung.
  const runs = options.runs ?? 25
  const texts = articles(count, 42)
  const compiled = new Map<number, Glossary>()
  const compileMs = new Map<number, number>()
  for (const size of sizes) {
    const start = performance.now()
    compiled.set(size, new Glossary(compileEntries(glossary(size))))
    compileMs.set(size, performance.now() - start)
  }
  const glossaries = sizes.map((size) => compiled.get(size)!)
  const times: number[][] = sizes.map(() => [])
  const matchTimes: number[][] = sizes.map(() => [])
  const lintTimes: number[][] = sizes.map(() => [])
  let counts: number[] = []
  let matchHits: number[] = []
  let lintCounts: number[] = []
  // Warm up once; then each round alternates the sizes article by article.
  await ruleRound(texts.slice(0, 20), glossaries)
  await matcherRound(texts.slice(0, 20), glossaries)
  for (let run = 0; run < runs; run++) {
    const rule = await ruleRound(texts, glossaries)
    rule.forEach((d, index) => times[index]!.push(d.ms))
    counts = rule.map((d) => d.found)
    const matched = await matcherRound(texts, glossaries)
    matched.forEach((d, index) => matchTimes[index]!.push(d.ms))
    matchHits = matched.map((d) => d.found)
  }
  // Then the whole lint: the built-in pack with each generated glossary on
  // top, as a project's glossary file is loaded. Measured after the rule's
  // runs, not between them, so the rule's rows are taken as before (with the
  // processors' heap beside them, one run gave the rule 1.56×).
  const settings = resolveConfig({})
  const processors = sizes.map((size) => createProcessor({settings: {...settings, pack: settings.pack.extend(compiled.get(size)!.entries)}}))
  await lintRound(texts.slice(0, 20), processors)
  for (let run = 0; run < Math.max(3, Math.ceil(runs / 3)); run++) {
    const linted = await lintRound(texts, processors)
    linted.forEach((d, index) => lintTimes[index]!.push(d.ms))
    lintCounts = linted.map((d) => d.found)
  }
  const rows = (times: number[][], name: (size: number) => string, extra: (index: number) => string): Row[] =>
    sizes.map((size, index) => ({
      name: name(size),
      median: median(times[index]!),
      ratio: median(times[index]!) / median(times[0]!),
      ratioLabel: `× the ${sizes[0]!.toLocaleString('en')}-entry time`,
      extra: extra(index),
      paired: index === 0 ? undefined : pairedRatio(times[index]!, times[0]!)
    }))
  return [
    ...rows(times, (size) => `glossary rule, ${count} articles, ${size.toLocaleString('en')} entries`, (index) => `compile ${Math.round(compileMs.get(sizes[index]!)!)} ms, ${counts[index]} messages`),
    ...rows(matchTimes, (size) => `matcher alone (tokens already built), ${size.toLocaleString('en')} entries`, (index) => `${matchHits[index]} hits (matcher only: no messages made)`),
    ...rows(lintTimes, (size) => `whole lint (every rule), ${count} articles, pack + ${size.toLocaleString('en')} entries`, (index) => `${lintCounts[index]} messages`)
  ]
}
