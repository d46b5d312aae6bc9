/**
 * The VS Code extension builds (esbuild bundle of the language client, the
 * `vscode` module left to the editor), and every setting it contributes is
 * one the server accepts. A real VS Code cannot run here.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {build} from 'esbuild'
import {describe, expect, it} from 'vitest'
import {normalizeClientSettings} from '../src/server/config.js'
import {root} from './helpers.js'

const folder = path.join(root, 'editors', 'vscode')

interface Manifest {
  main: string
  engines: {vscode: string}
  activationEvents: string[]
  contributes: {configuration: {properties: Record<string, {type: string; default?: unknown}>}}
}

describe('editors/vscode', () => {
  it('bundles the extension with the language client, leaving `vscode` to the editor', async () => {
    const result = await build({
      entryPoints: [path.join(folder, 'src', 'extension.ts')],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'cjs',
      external: ['vscode'],
      metafile: true,
      logLevel: 'silent'
    })
    const inputs = Object.keys(result.metafile.inputs)
    expect(inputs.some((d) => d.includes('node_modules/vscode-languageclient/'))).toBe(true)
    // The server runs from the project's own mtlint, never bundled in.
    expect(inputs.some((d) => d.startsWith('src/'))).toBe(false)
    const code = result.outputFiles[0]!.text
    expect(code).toContain('require("vscode")')
    const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as Manifest
    expect(manifest.main).toBe('./dist/extension.js')
    expect(manifest.activationEvents).toEqual(expect.arrayContaining(['onLanguage:markdown']))
  })

  it('contributes only settings the server accepts, as VS Code sends them', () => {
    const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as Manifest
    const properties = manifest.contributes.configuration.properties
    const sample: Record<string, unknown> = {}
    for (const [key, property] of Object.entries(properties)) {
      const name = key.replace(/^mtlint\./, '')
      sample[name] =
        property.default ?? (property.type === 'string' ? (name === 'pack' ? 'fr-en' : name + '.txt') : property.type === 'number' ? 1 : undefined)
    }
    sample['rules'] = {'name-consistency': 'info'}
    const settings = normalizeClientSettings({settings: {mtlint: sample}}, root)
    expect(settings.server.debounce).toBe(200)
    expect(settings.config.rules).toEqual({'name-consistency': 'info'})
    expect(settings.config.wordsFile).toBe(path.join(root, 'wordsFile.txt'))
  })
})
