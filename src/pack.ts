/**
 * A language pack: the compiled contents of `rules/<pair>/` — the glossary
 * trie and each rule's data. Packs are plain data (JSON-able), so the core
 * needs no file system and bundles for browsers.
 */
import {Glossary, compileEntries} from './glossary/compile.js'
import type {CompiledEntry, GlossaryEntry} from './glossary/schema.js'

/** The JSON form of a pack (what `rules/<pair>/` compiles to). */
export interface PackData {
  /** Pack name (`fr-en`). */
  name: string
  /** Source language code. */
  sourceLanguage: string
  /** Compiled glossary entries. */
  entries: CompiledEntry[]
  /** Rule data, by rule id (word lists, settings). */
  data: Record<string, unknown>
}

/** A loaded pack. */
export class Pack {
  /** Pack name. */
  readonly name: string
  /** Source language code. */
  readonly sourceLanguage: string
  /** The compiled glossary. */
  readonly glossary: Glossary
  /** Rule data, by rule id. */
  readonly data: Readonly<Record<string, unknown>>

  constructor(data: PackData, glossary?: Glossary) {
    this.name = data.name
    this.sourceLanguage = data.sourceLanguage
    this.glossary = glossary ?? new Glossary(data.entries)
    this.data = data.data
  }

  /** This pack with more glossary entries on top (same ids replace the pack's). */
  extend(entries: readonly (CompiledEntry | GlossaryEntry)[], name = this.name): Pack {
    if (entries.length === 0) return this
    const compiled = entries.map((d) => ('phrases' in d ? d : compileEntries([d])[0]!))
    return new Pack(
      {name, sourceLanguage: this.sourceLanguage, entries: [], data: {...this.data}},
      new Glossary([...this.glossary.entries, ...compiled])
    )
  }

  /** Data of one rule, typed by the caller. */
  ruleData<T>(id: string): T | undefined {
    return this.data[id] as T | undefined
  }

  /** The JSON form. */
  toJSON(): PackData {
    return {name: this.name, sourceLanguage: this.sourceLanguage, entries: [...this.glossary.entries], data: {...this.data}}
  }
}
