/** The shape of glossary entries, as written and as compiled. */
import type {CategoryName, Severity} from '../types.js'

/** A validated glossary entry, before compilation. */
export interface GlossaryEntry {
  /** Stable id, never derived from the phrase (`putin-poutine`). */
  id: string
  /** The source-language term (`Poutine`, `maintien de l'ordre`). */
  source: string
  /** Renderings to flag. */
  flag: string[]
  /** Preferred English forms, in order; `[""]` means delete; `[]` means a person must decide. */
  preferred: string[]
  /** Category. */
  category: CategoryName
  /** Severity. */
  severity: Severity
  /** Why, naming the source-language term. */
  note: string
  /** Whether `--fix` may apply the first preferred form. */
  safe: boolean
  /** Fire only when one of these phrases is near. */
  when: string[]
  /** Stay silent when one of these phrases is near. */
  unless: string[]
  /** Words either side searched for `when` / `unless`; 0 means the whole sentence. */
  window: number
  /** `auto` (a capital in the flagged form makes it case-sensitive), `sensitive`, `insensitive`. */
  case: 'auto' | 'sensitive' | 'insensitive'
  /** Example sentences: `bad` must be flagged by this entry, `good` must not. */
  examples: {bad: string[]; good: string[]}
  /** Family (the file's `family`, or its name). */
  family: string
  /** Where the entry was written. */
  origin: {file: string; line: number; column: number}
}

/** A flagged phrase, tokenised. */
export interface CompiledPhrase {
  /** Token keys (folded). */
  keys: string[]
  /** Per token: the case-preserving folded form when the token is case-sensitive, else null. */
  cases: Array<string | null>
}

/** An entry ready for the matcher (also the JSON form of a pre-built pack). */
export interface CompiledEntry {
  id: string
  source: string
  preferred: string[]
  category: CategoryName
  severity: Severity
  note: string
  safe: boolean
  family: string
  /** The flagged renderings as written. */
  flag: string[]
  phrases: CompiledPhrase[]
  when: string[][]
  unless: string[][]
  window: number
  origin: {file: string; line: number; column: number}
  examples: {bad: string[]; good: string[]}
}
