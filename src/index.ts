/**
 * mtlint — lint machine-translated news for translation artifacts.
 *
 * The Node entry: `lint(text, options)`, `createProcessor(options)` with the
 * built-in French→English pack as the default, every rule plugin and the
 * public types.
 */
import type {Root} from 'nlcst'
import type {Processor} from 'unified'
import {VFile, type Compatible} from 'vfile'
import {createProcessor as createCoreProcessor, type Settings} from './processor.js'
import {absolutizeConfig, resolveConfig, validateConfig, type Config} from './node/config.js'
import {mtlintWordCount} from './reporters/score.js'

export {mtlint, registry, resolveRuleSetting, type Settings, type RuleRegistration} from './processor.js'
export {mtlintParse, parseToNlcst, typeFromPath, extensions, type ParseOptions} from './parse.js'
export {mtlintMessageControl} from './control.js'
export {defineRule, type RuleMeta, type Report, type RulePlugin, type BaseRuleOptions, type MtlintMessageFields} from './rule.js'
export {Pack, type PackData} from './pack.js'
export {Glossary, buildGlossary, compileEntries, checkExamples, type Hit} from './glossary/compile.js'
export {parseGlossary, glossaryFormat, type GlossaryFormat} from './glossary/load.js'
export type {GlossaryEntry, CompiledEntry, CompiledPhrase} from './glossary/schema.js'
export {MtlintConfigError, formatProblem, isConfigError, type Problem} from './errors.js'
export {loadPack, compilePackFolder} from './node/packs.js'
export {validateConfig, resolveConfig, loadGlossaryFile, type Config} from './node/config.js'
export {glossary, type GlossaryOptions} from './plugins/glossary.js'
export {sourceTypography, type SourceTypographyOptions} from './plugins/source-typography.js'
export {numberFormat, type NumberFormatOptions} from './plugins/number-format.js'
export {nameConsistency, type NameConsistencyOptions, type Transliteration} from './plugins/name-consistency.js'
export {untranslated, type UntranslatedOptions} from './plugins/untranslated.js'
export {boilerplate, type BoilerplateOptions} from './plugins/boilerplate.js'
export {quoteInversion, type QuoteInversionOptions, type AttributionVerb} from './plugins/quote-inversion.js'
export {spelling, type SpellingOptions} from './plugins/spelling.js'
export {SpellDictionary, parseIndex, serializeIndex, type Variant, type IndexData} from './spelling/dictionary.js'
export {loadSpellDictionary, writeSpellIndex, spellIndexPath} from './node/spelling.js'
export * from './types.js'
export {report, reporterNames, type ReporterName, type ReportOptions} from './reporters/index.js'
export {scoreFile, countWords, defaultWeights, type FileScore, type Weights, type ScoringConfig} from './reporters/score.js'
export {fixText, fixEdits, fixUntilStable, applyEdits, resolveOverlaps, type Edit} from './fix.js'

/** Options of `lint` and `createProcessor`: a configuration, or resolved settings. */
export interface LintOptions extends Config {
  /** Resolved settings (a compiled pack); when given, the configuration fields are ignored. */
  settings?: Settings
  /** File path, used to pick the document type and in messages. */
  path?: string
  /** Folder that relative paths in the configuration are resolved from. */
  cwd?: string
  /** Parse block by block through a cache kept by the processor (editors re-linting one document). */
  incremental?: boolean
}

function settingsOf(options: LintOptions): Settings {
  const settings = resolveSettings(options)
  return options.incremental ? {...settings, incremental: true} : settings
}

function resolveSettings(options: LintOptions): Settings {
  if (options.settings) return options.type ? {...options.settings, type: options.type} : options.settings
  const {settings: _settings, path: _path, cwd, incremental: _incremental, ...config} = options
  const cleaned = Object.fromEntries(Object.entries(config).filter(([, d]) => d !== undefined))
  const base = cwd ?? process.cwd()
  const valid = validateConfig(cleaned, '<options>')
  return resolveConfig(absolutizeConfig(valid, base + '/<options>'), base)
}

/**
 * Create the mtlint processor for a configuration (the built-in `fr-en` pack
 * by default).
 */
export function createProcessor(options: LintOptions = {}): Processor<Root, Root, Root, undefined, undefined> {
  // The word count rides along so `scoreFile(await lint(text))` works.
  return createCoreProcessor(settingsOf(options)).use(mtlintWordCount)
}

/**
 * Lint a text.
 *
 * @param text
 *   The document (Markdown, HTML or plain text), or a VFile.
 * @param options
 *   Configuration; `path` or `type` chooses the document type.
 * @returns
 *   The file, with `file.messages` sorted by position.
 */
export async function lint(text: Compatible, options: LintOptions = {}): Promise<VFile> {
  const file = text instanceof VFile ? text : new VFile(typeof text === 'string' || text instanceof Uint8Array ? {value: text, path: options.path} : text)
  const processor = createProcessor(options)
  const tree = processor.parse(file)
  await processor.run(tree, file)
  file.messages.sort((a, b) => (a.place && 'start' in a.place ? a.place.start.offset ?? 0 : 0) - (b.place && 'start' in b.place ? b.place.start.offset ?? 0 : 0))
  return file
}
