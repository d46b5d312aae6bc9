/**
 * Deterministic benchmark inputs: news-like Markdown articles with sprinkled
 * machine-translation artifacts, and synthetic glossaries of any size.
 */
import type {GlossaryEntry} from '../src/glossary/schema.js'

/** A seeded PRNG (mulberry32): the same seed gives the same corpus on every machine. */
export function random(seed: number): () => number {
  let state = seed >>> 0
  return function () {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const common = (
  'the of and to in a is that for on with as was by at from it his be are said has have who which had not this but were after an ' +
  'their its more new one will also government minister president police court people year city country week party union strike ' +
  'election law security border crisis meeting report state public national million percent during before since against between ' +
  'under while officials according members region prefecture council assembly prosecutor investigation judge trial vote reform ' +
  'workers demonstration protest economy growth prices energy hospital health weather storm rain football match season club'
).split(' ')
const names = ['Macron', 'Borne', 'Attal', 'Lukashenko', 'Marseille', 'Lyon', 'Brussels', 'Kyiv', 'Bayrou', 'Darmanin', 'Nantes', 'Lille']
const artifacts = [
  'Vladimir Poutine',
  'the forces of order',
  'placed in guard in sight',
  'the right of veto',
  'there is zero demand',
  'the Martian of order',
  '3,5 million',
  'at 20h30',
  '« a quote »',
  'put under examination'
]

function pick<T>(next: () => number, list: readonly T[]): T {
  return list[Math.floor(next() * list.length)]!
}

/** One article of about `words` words, in Markdown. */
export function article(next: () => number, words = 800): string {
  const paragraphs: string[] = ['# ' + pick(next, names) + ' ' + pick(next, common) + ' ' + pick(next, common)]
  let count = 0
  while (count < words) {
    const sentences: string[] = []
    for (let s = 0; s < 3 + Math.floor(next() * 3); s++) {
      const parts: string[] = []
      const length = 12 + Math.floor(next() * 14)
      for (let w = 0; w < length; w++) {
        const roll = next()
        parts.push(roll < 0.08 ? pick(next, names) : roll < 0.1 ? '**' + pick(next, common) + '**' : pick(next, common))
      }
      if (next() < 0.15) parts.splice(Math.floor(next() * parts.length), 0, pick(next, artifacts))
      count += parts.length
      const sentence = parts.join(' ')
      sentences.push(sentence.charAt(0).toUpperCase() + sentence.slice(1) + '.')
    }
    paragraphs.push(sentences.join(' '))
  }
  return paragraphs.join('\n\n') + '\n'
}

/** `count` articles from a seed. */
export function articles(count: number, seed = 42, words = 800): string[] {
  const next = random(seed)
  return Array.from({length: count}, () => article(next, words))
}

const syllables = 'ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu za ze zi zo zu'.split(' ')

/** A pseudo-word that is not English and not in the articles. */
function pseudoWord(next: () => number): string {
  let word = ''
  const length = 2 + Math.floor(next() * 3)
  for (let i = 0; i < length; i++) word += pick(next, syllables)
  return word
}

/**
 * A glossary of `size` entries: a quarter flag phrases that start with words
 * the articles use (so the matcher walks real prefixes), the rest pseudo-words.
 */
export function glossary(size: number, seed = 7): GlossaryEntry[] {
  const next = random(seed)
  const entries: GlossaryEntry[] = []
  const seen = new Set<string>()
  while (entries.length < size) {
    const words: string[] = []
    const length = 1 + Math.floor(next() * 3)
    for (let i = 0; i < length; i++) words.push(i === 0 && next() < 0.25 ? pick(next, common) : pseudoWord(next))
    const phrase = words.join(' ')
    if (seen.has(phrase) || (length === 1 && common.includes(phrase))) continue
    seen.add(phrase)
    const index = entries.length
    entries.push(benchEntry('bench-' + index, 'terme ' + index, phrase, 'term ' + index, 'Synthetic benchmark entry.', index))
  }
  return entries
}

/** One benchmark glossary entry, already validated in shape. */
export function benchEntry(id: string, source: string, flag: string, preferred: string, note: string, index: number): GlossaryEntry {
  return {
    id,
    source,
    flag: [flag],
    preferred: [preferred],
    category: 'terminology',
    severity: 'warning',
    note,
    safe: false,
    when: [],
    unless: [],
    window: 0,
    case: 'auto',
    examples: {bad: [], good: []},
    family: 'bench',
    origin: {file: 'bench.yml', line: index + 1, column: 1}
  }
}
