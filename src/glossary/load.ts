/**
 * Read glossary files (YAML, CSV, TSV) into validated entries. Every problem
 * names the file, line and column; nothing is returned from a broken file.
 */
import {LineCounter, parseDocument, isMap, isSeq, isScalar, type Node as YamlNode} from 'yaml'
import {parse as parseCsv} from 'csv-parse/sync'
import {MtlintConfigError, type Problem} from '../errors.js'
import {categoryNames, type CategoryName, type Severity} from '../types.js'
import type {GlossaryEntry} from './schema.js'

/** Supported glossary formats. */
export type GlossaryFormat = 'yaml' | 'csv' | 'tsv'

const idPattern = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/
const severities = new Set<string>(['error', 'warning', 'info'])
const cases = new Set<string>(['auto', 'sensitive', 'insensitive'])
const knownFields = new Set([
  'id',
  'source',
  'flag',
  'preferred',
  'category',
  'severity',
  'note',
  'safe',
  'when',
  'unless',
  'window',
  'case',
  'examples'
])

/** The format of a glossary file, from its name. */
export function glossaryFormat(path: string): GlossaryFormat | undefined {
  const lower = path.toLowerCase()
  if (lower.endsWith('.yml') || lower.endsWith('.yaml')) return 'yaml'
  if (lower.endsWith('.csv')) return 'csv'
  if (lower.endsWith('.tsv')) return 'tsv'
  return undefined
}

/** A plain field bag with a way to locate each field. */
interface RawEntry {
  get(field: string): unknown
  has(field: string): boolean
  fields(): string[]
  where(field?: string, at?: 'key' | 'value'): {line: number; column: number}
}

/** Defaults a file may set for its entries. */
interface FileDefaults {
  category?: CategoryName
  severity?: Severity
  safe?: boolean
  family: string
}

/**
 * Parse and validate a glossary.
 *
 * @param text
 *   File contents.
 * @param file
 *   Path, used in errors and as the entries' origin.
 * @param format
 *   Format (default: from the file name, else YAML).
 * @returns
 *   Validated entries.
 * @throws {MtlintConfigError}
 *   When anything is malformed.
 */
export function parseGlossary(
  text: string,
  file: string,
  format: GlossaryFormat = glossaryFormat(file) ?? 'yaml'
): GlossaryEntry[] {
  const problems: Problem[] = []
  const family = familyFromPath(file)
  const raws =
    format === 'yaml'
      ? readYaml(text, file, problems, family)
      : readDelimited(text, file, format === 'tsv' ? '\t' : ',', problems, family)
  const entries: GlossaryEntry[] = []

  for (const {raw, defaults} of raws) {
    const entry = validateEntry(raw, defaults, file, problems)
    if (entry) entries.push(entry)
  }

  const seen = new Map<string, GlossaryEntry>()
  for (const entry of entries) {
    const previous = seen.get(entry.id)
    if (previous) {
      problems.push({
        file,
        line: entry.origin.line,
        column: entry.origin.column,
        reason: `duplicate id \`${entry.id}\` (first at line ${previous.origin.line})`
      })
    } else seen.set(entry.id, entry)
  }

  if (problems.length > 0) throw new MtlintConfigError(problems)
  return entries
}

function familyFromPath(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file
  return base.replace(/\.(ya?ml|csv|tsv)$/i, '')
}

function readYaml(
  text: string,
  file: string,
  problems: Problem[],
  family: string
): Array<{raw: RawEntry; defaults: FileDefaults}> {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, {lineCounter, prettyErrors: false, uniqueKeys: true})
  const at = (offset: number | undefined) => {
    const pos = lineCounter.linePos(offset ?? 0)
    return {line: pos.line, column: pos.col}
  }

  if (document.errors.length > 0) {
    for (const error of document.errors) {
      problems.push({file, ...at(error.pos[0]), reason: 'invalid YAML: ' + firstLine(error.message)})
    }
    return []
  }

  const root = document.contents
  let list: YamlNode | null = root
  const defaults: FileDefaults = {family}

  if (root === null) return []

  if (isMap(root)) {
    for (const pair of root.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : ''
      if (!['family', 'description', 'defaults', 'entries', 'language'].includes(key)) {
        problems.push({
          file,
          ...at((pair.key as YamlNode | null)?.range?.[0]),
          reason: `unknown top-level field \`${key}\` (expected \`entries\`, \`family\`, \`description\`, \`defaults\`)`
        })
      }
    }
    const familyValue = root.get('family')
    if (typeof familyValue === 'string') defaults.family = familyValue
    const defaultsNode = root.get('defaults', true)
    if (defaultsNode !== undefined) {
      if (!isMap(defaultsNode)) {
        problems.push({file, ...at((defaultsNode as YamlNode).range?.[0]), reason: '`defaults` must be a map'})
      } else {
        const category = defaultsNode.get('category')
        const severity = defaultsNode.get('severity')
        const safe = defaultsNode.get('safe')
        if (category !== undefined) {
          if (typeof category === 'string' && (categoryNames as string[]).includes(category)) {
            defaults.category = category as CategoryName
          } else {
            problems.push({file, ...at(defaultsNode.range?.[0]), reason: `unknown default category \`${String(category)}\``})
          }
        }
        if (severity !== undefined) {
          if (typeof severity === 'string' && severities.has(severity)) defaults.severity = severity as Severity
          else problems.push({file, ...at(defaultsNode.range?.[0]), reason: `unknown default severity \`${String(severity)}\``})
        }
        if (typeof safe === 'boolean') defaults.safe = safe
      }
    }
    list = (root.get('entries', true) as YamlNode | undefined) ?? null
    if (list === null) {
      problems.push({file, ...at(root.range?.[0]), reason: 'missing `entries` list'})
      return []
    }
  }

  if (!isSeq(list)) {
    problems.push({file, ...at((list as YamlNode | null)?.range?.[0]), reason: 'expected a list of entries (or a map with `entries`)'})
    return []
  }

  const result: Array<{raw: RawEntry; defaults: FileDefaults}> = []
  for (const item of list.items) {
    const node = item as YamlNode
    if (!isMap(node)) {
      problems.push({file, ...at(node?.range?.[0]), reason: 'expected an entry (a map with `id`, `flag`, …)'})
      continue
    }
    const plain = node.toJSON() as Record<string, unknown>
    result.push({
      defaults,
      raw: {
        get: (field) => plain[field],
        has: (field) => Object.hasOwn(plain, field),
        fields: () => Object.keys(plain),
        where(field, part = 'value') {
          if (field) {
            const pair = node.items.find((p) => isScalar(p.key) && p.key.value === field)
            const valueNode = pair?.value as YamlNode | null | undefined
            if (part === 'value' && valueNode?.range) return at(valueNode.range[0])
            if ((pair?.key as YamlNode | undefined)?.range) return at((pair!.key as YamlNode).range![0])
          }
          return at(node.range?.[0])
        }
      }
    })
  }
  return result
}

function readDelimited(
  text: string,
  file: string,
  delimiter: string,
  problems: Problem[],
  family: string
): Array<{raw: RawEntry; defaults: FileDefaults}> {
  let records: Array<{record: Record<string, string>; info: {lines: number}}>
  try {
    records = parseCsv(text.replace(/^\uFEFF/, ''), {
      columns: true,
      delimiter,
      info: true,
      skip_empty_lines: true,
      relax_column_count: false,
      trim: true
    }) as typeof records
  } catch (error) {
    const cause = error as {message?: string; lines?: number}
    problems.push({file, line: cause.lines, reason: 'invalid ' + (delimiter === '\t' ? 'TSV' : 'CSV') + ': ' + firstLine(String(cause.message))})
    return []
  }
  const header = text.split(/\r?\n/, 1)[0] ?? ''
  const columns = header.split(delimiter).map((d) => d.trim().replace(/^"|"$/g, ''))
  const defaults: FileDefaults = {family}
  return records.map(({record, info}) => {
    const plain: Record<string, unknown> = {}
    for (const [field, value] of Object.entries(record)) {
      if (value === '') continue
      if (['flag', 'preferred', 'when', 'unless'].includes(field)) {
        plain[field] = value.split('|').map((d) => d.trim()).filter(Boolean)
      } else if (field === 'safe') plain[field] = /^(true|yes|1)$/i.test(value)
      else if (field === 'window') plain[field] = Number(value)
      else if (field === 'bad' || field === 'good') {
        const examples = (plain['examples'] ??= {bad: [], good: []}) as Record<string, string[]>
        examples[field] = value.split('|').map((d) => d.trim()).filter(Boolean)
      } else plain[field] = value
    }
    if (record['preferred'] === '') plain['preferred'] = ['']
    const line = info.lines
    return {
      defaults,
      raw: {
        get: (field) => plain[field],
        has: (field) => Object.hasOwn(plain, field),
        fields: () => Object.keys(plain),
        where: (field) => ({line, column: field ? Math.max(1, columns.indexOf(field) + 1) : 1})
      }
    }
  })
}

function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value) && value.every((d) => typeof d === 'string')) return value as string[]
  return undefined
}

function validateEntry(
  raw: RawEntry,
  defaults: FileDefaults,
  file: string,
  problems: Problem[]
): GlossaryEntry | undefined {
  const start = problems.length
  const fail = (field: string | undefined, reason: string, part: 'key' | 'value' = 'value') => {
    problems.push({file, ...raw.where(field, part), reason})
  }

  const id = raw.get('id')
  const label = typeof id === 'string' ? `entry \`${id}\`: ` : 'entry: '

  for (const field of raw.fields()) {
    if (!knownFields.has(field)) fail(field, label + `unknown field \`${field}\``, 'key')
  }

  if (typeof id !== 'string' || !idPattern.test(id)) {
    fail('id', 'entry: `id` must be a lowercase slug such as `putin-poutine` (got ' + JSON.stringify(id ?? null) + ')')
  }

  const source = raw.get('source')
  if (typeof source !== 'string' || source.trim() === '') fail('source', label + '`source` (the source-language term) is required')

  const flag = stringList(raw.get('flag'))
  if (!flag || flag.length === 0 || flag.some((d) => d.trim() === '')) {
    fail('flag', label + '`flag` must be a phrase or a list of phrases')
  }

  const preferredRaw = raw.has('preferred') ? raw.get('preferred') : []
  const preferred = preferredRaw === null ? [] : stringList(preferredRaw)
  if (!preferred) fail('preferred', label + '`preferred` must be a phrase or a list of phrases')

  const category = raw.get('category') ?? defaults.category
  if (typeof category !== 'string' || !(categoryNames as string[]).includes(category)) {
    fail('category', label + '`category` must be one of ' + categoryNames.join(', ') + ' (got ' + JSON.stringify(category ?? null) + ')')
  }

  const severity = raw.get('severity') ?? defaults.severity ?? 'warning'
  if (typeof severity !== 'string' || !severities.has(severity)) {
    fail('severity', label + '`severity` must be error, warning or info')
  }

  const note = raw.get('note')
  if (typeof note !== 'string' || note.trim() === '') fail('note', label + '`note` (why, naming the source term) is required')

  const safe = raw.get('safe') ?? defaults.safe ?? false
  if (typeof safe !== 'boolean') fail('safe', label + '`safe` must be true or false')

  const when = raw.has('when') ? stringList(raw.get('when')) : []
  if (!when) fail('when', label + '`when` must be a phrase or a list of phrases')
  const unless = raw.has('unless') ? stringList(raw.get('unless')) : []
  if (!unless) fail('unless', label + '`unless` must be a phrase or a list of phrases')

  const window = raw.get('window') ?? 0
  if (typeof window !== 'number' || !Number.isInteger(window) || window < 0 || window > 100) {
    fail('window', label + '`window` must be a whole number of words from 0 (the sentence) to 100')
  }

  const caseValue = raw.get('case') ?? 'auto'
  if (typeof caseValue !== 'string' || !cases.has(caseValue)) fail('case', label + '`case` must be auto, sensitive or insensitive')

  const examplesRaw = raw.get('examples') ?? {}
  let examples = {bad: [] as string[], good: [] as string[]}
  if (typeof examplesRaw !== 'object' || examplesRaw === null || Array.isArray(examplesRaw)) {
    fail('examples', label + '`examples` must be a map with `bad` and `good` lists')
  } else {
    const record = examplesRaw as Record<string, unknown>
    for (const key of Object.keys(record)) {
      if (key !== 'bad' && key !== 'good') fail('examples', label + `unknown examples field \`${key}\``)
    }
    const bad = record['bad'] === undefined ? [] : stringList(record['bad'])
    const good = record['good'] === undefined ? [] : stringList(record['good'])
    if (!bad || !good) fail('examples', label + '`examples.bad` and `examples.good` must be lists of sentences')
    else examples = {bad, good}
  }

  if (problems.length > start) return undefined

  return {
    id: id as string,
    source: source as string,
    flag: flag!,
    preferred: preferred!,
    category: category as CategoryName,
    severity: severity as Severity,
    note: note as string,
    safe: safe as boolean,
    when: when!,
    unless: unless!,
    window: window as number,
    case: caseValue as GlossaryEntry['case'],
    examples,
    family: defaults.family,
    origin: {file, ...raw.where()}
  }
}

function firstLine(value: string): string {
  return value.split('\n', 1)[0] ?? value
}
