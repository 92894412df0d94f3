#!/usr/bin/env node
// `npm run package`: proxlb as a .deb and an .rpm for amd64 and arm64 and as an OCI image,
// into dist/, from the single executables (scripts/build-binary.js) and with each format's
// own tools: dpkg-deb, rpmbuild, buildah. Nothing is downloaded but npm packages (the arm64
// Node, see scripts/cross-node.json) and Debian packages (the C libraries of the image).
//
//   dist/proxlb_<version>_<arch>.deb        amd64, arm64
//   dist/proxlb-<version>-1.<arch>.rpm      x86_64, aarch64
//   dist/proxlb-<version>-oci.tar           linux/amd64 image, an OCI archive
//
// Each package holds the binary (/usr/bin/proxlb), every unit in contrib/systemd (a new unit
// there is packaged, enabled by nobody and checked by packaging/check.sh with no other
// change), the sysusers.d entry of the proxlb user, /etc/proxlb/proxlb.conf (contrib/proxlb.yaml)
// as a config file upgrades keep, the man page and completions generated from the commands
// (src/docs), the licence and the changelog. See packaging/README.md.
//
// Options: --only deb,rpm,image (default all), --arch x64|arm64 (default both; the image is
// amd64 only), --skip-binary (use the binaries in dist/ as they are).
'use strict'
const {spawnSync} = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')
const zlib = require('node:zlib')

const ROOT = path.resolve(__dirname, '..')
const DIST = path.join(ROOT, 'dist')
const WORK = path.join(DIST, 'pkg')
const pjson = require(path.join(ROOT, 'package.json'))
const VERSION = pjson.version
const MAINTAINER = 'proxlb contributors <maintainers@proxlb.dev>'
const HOMEPAGE = 'https://github.com/proxlb/proxlb'
const SUMMARY = 'keeps Proxmox VE clusters balanced'
const DESCRIPTION = [
  'proxlb reads a Proxmox VE cluster through its API into a snapshot, plans the',
  'migrations that balance it under a policy, and carries them out, once or as a',
  'service (proxlb balance, like ProxLB, whose configuration it reads). One',
  'self-contained executable; no other runtime needed.',
]
const UNITS_DIR = path.join(ROOT, 'contrib', 'systemd')
/** Debian and rpm names of each architecture, and the binary scripts/build-binary.js makes for it. */
const ARCHES = {
  x64: {deb: 'amd64', rpm: 'x86_64', oci: 'amd64', binary: path.join(DIST, 'proxlb')},
  arm64: {deb: 'arm64', rpm: 'aarch64', oci: 'arm64', binary: path.join(DIST, 'proxlb-linux-arm64')},
}
/** What the Node binary links (ldd): the C and C++ runtimes, present on every Debian and Proxmox VE node. */
const DEB_DEPENDS = 'libc6 (>= 2.28), libgcc-s1, libstdc++6'
/** The image's unprivileged user, as distroless images number theirs. */
const IMAGE_UID = 65532

class PackageError extends Error {}

function run(command, args, what, options = {}) {
  const result = spawnSync(command, args, {cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options})
  if (result.error) throw new PackageError(`${what} failed: ${result.error.code === 'ENOENT' ? `${command} is not installed (see packaging/README.md for the Debian packages)` : result.error.message}`)
  if (result.status !== 0) throw new PackageError(`${what} failed (exit ${result.status}):\n${`${result.stdout}${result.stderr}`.trim()}`)
  return result.stdout
}

/** The units to package: every *.service in contrib/systemd. */
function units() {
  return fs.readdirSync(UNITS_DIR).filter((f) => f.endsWith('.service')).sort()
}

/** CHANGELOG.md's releases: version, date and the items of each. */
function releases() {
  const text = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8')
  const found = [...text.matchAll(/^## (\S+) \((\d{4}-\d{2}-\d{2})\)\n([\s\S]*?)(?=^## |(?![\s\S]))/gm)].map((m) => ({
    version: m[1],
    date: m[2],
    items: m[3].split(/^- /m).map((item) => item.replace(/\s+/g, ' ').trim()).filter(Boolean),
  }))
  if (found[0]?.version !== VERSION) throw new PackageError(`CHANGELOG.md's latest release is ${found[0]?.version ?? 'missing'}, package.json says ${VERSION}: add a "## ${VERSION} (YYYY-MM-DD)" entry`)
  return found
}

const wrap = (text, width, indent) => {
  const lines = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) lines.push(line), (line = '')
    line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  return lines.map((l, i) => (i === 0 ? l : indent + l))
}

function debianChangelog(entries) {
  return entries.map((r) => {
    const date = new Date(`${r.date}T12:00:00Z`).toUTCString().replace('GMT', '+0000').replace(/^(\w+), (\d+) (\w+) (\d+)/, '$1, $2 $3 $4')
    return [`proxlb (${r.version}) stable; urgency=medium`, '', ...r.items.map((item) => `  * ${wrap(item, 74, '    ').join('\n')}`), '', ` -- ${MAINTAINER}  ${date}`, ''].join('\n')
  }).join('\n')
}

function rpmChangelog(entries) {
  return entries.map((r) => {
    const d = new Date(`${r.date}T12:00:00Z`)
    const day = d.toUTCString().slice(0, 3)
    const month = d.toUTCString().slice(8, 11)
    return [`* ${day} ${month} ${String(d.getUTCDate()).padStart(2, '0')} ${d.getUTCFullYear()} ${MAINTAINER} - ${r.version}-1`, ...r.items.map((item) => `- ${wrap(item, 76, '  ').join('\n')}`)].join('\n')
  }).join('\n\n')
}

/** The files every package installs, laid out under `root`; `layout` names the distribution's paths. */
function stage(root, binary, layout, entries) {
  fs.rmSync(root, {recursive: true, force: true})
  const put = (file, content, mode = 0o644) => {
    const target = path.join(root, file)
    fs.mkdirSync(path.dirname(target), {recursive: true})
    if (Buffer.isBuffer(content) || typeof content === 'string') fs.writeFileSync(target, content)
    else fs.copyFileSync(content.from, target)
    fs.chmodSync(target, mode)
  }
  const {renderManPage} = require(path.join(ROOT, 'dist', 'src', 'docs', 'manpage.js'))
  const {renderCompletion} = require(path.join(ROOT, 'dist', 'src', 'docs', 'completion.js'))
  const manifest = require(path.join(ROOT, 'oclif.manifest.json'))
  const gzip = (text) => zlib.gzipSync(text, {level: 9})

  put('usr/bin/proxlb', {from: binary}, 0o755)
  for (const unit of units()) put(`usr/lib/systemd/system/${unit}`, {from: path.join(UNITS_DIR, unit)})
  put('usr/lib/sysusers.d/proxlb.conf', {from: path.join(__dirname, 'sysusers.conf')})
  put('etc/proxlb/proxlb.conf', {from: path.join(__dirname, 'proxlb.conf')}, 0o640)
  put('usr/share/man/man1/proxlb.1.gz', gzip(renderManPage(manifest, {version: VERSION, date: entries[0].date, description: SUMMARY})))
  put('usr/share/bash-completion/completions/proxlb', renderCompletion('bash', manifest))
  put(`${layout.zsh}/_proxlb`, renderCompletion('zsh', manifest))
  put('usr/share/fish/vendor_completions.d/proxlb.fish', renderCompletion('fish', manifest))
  for (const [file, content] of Object.entries(layout.docs(entries))) put(file, content)
  fs.mkdirSync(path.join(root, 'var', 'lib', 'proxlb'), {recursive: true})
  fs.chmodSync(path.join(root, 'var', 'lib', 'proxlb'), 0o700)
}

/** Debian's machine-readable copyright file with the MIT licence. */
function debianCopyright() {
  const licence = fs.readFileSync(path.join(ROOT, 'LICENSE'), 'utf8').split('\n').slice(2).join('\n').trim()
  return [
    'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/',
    'Upstream-Name: proxlb',
    `Source: ${HOMEPAGE}`,
    '',
    'Files: *',
    'Copyright: 2026 proxlb contributors',
    'License: MIT',
    ...licence.split('\n').map((line) => (line.trim() === '' ? ' .' : ` ${line}`)),
    '',
  ].join('\n')
}

// ---- maintainer scripts -------------------------------------------------------------------
// Written out (no debhelper, no rpm macros package): reload systemd, create the user, give
// the config its group on first install; never enable or start a unit; stop and disable
// them on removal; restart the running ones after an upgrade. $DPKG_ROOT is honoured, so
// `dpkg --root DIR --force-script-chrootless` installs into a throw-away root.

const shellList = (items) => items.join(' ')

function debScripts(unitNames) {
  const header = '#!/bin/sh\n# Written by packaging/build.js.\nset -e\n'
  const systemdRunning = '[ -z "${DPKG_ROOT:-}" ] && [ -d /run/systemd/system ]'
  return {
    postinst: `${header}
if [ "$1" = configure ]; then
    if command -v systemd-sysusers >/dev/null 2>&1; then
        systemd-sysusers \${DPKG_ROOT:+--root="$DPKG_ROOT"} proxlb.conf
    elif ! getent passwd proxlb >/dev/null; then
        adduser --system --group --home /var/lib/proxlb --no-create-home --shell /usr/sbin/nologin --gecos "proxlb balance service" proxlb
    fi
    # First install only: the admin's later choices about the config's owner stand.
    if [ -z "$2" ]; then
        chgrp proxlb "\${DPKG_ROOT:-}/etc/proxlb/proxlb.conf" 2>/dev/null || chown :"$(sed -n 's/^proxlb:[^:]*:\\([0-9]*\\):.*/\\1/p' "\${DPKG_ROOT:-}/etc/group")" "\${DPKG_ROOT:-}/etc/proxlb/proxlb.conf"
        chmod 0640 "\${DPKG_ROOT:-}/etc/proxlb/proxlb.conf"
    fi
    if ${systemdRunning}; then
        systemctl daemon-reload
        # An upgrade restarts what runs; nothing is started that did not run before.
        if [ -n "$2" ]; then systemctl try-restart ${shellList(unitNames)} || true; fi
    fi
fi
exit 0
`,
    prerm: `${header}
if [ "$1" = remove ] && ${systemdRunning}; then
    systemctl stop ${shellList(unitNames)} || true
fi
exit 0
`,
    postrm: `${header}
case "$1" in
    remove|purge)
        if ${systemdRunning}; then
            systemctl disable ${shellList(unitNames)} >/dev/null 2>&1 || true
            systemctl daemon-reload
        fi
        ;;
esac
# The user and the state folder (journals of past runs) stay, as Debian does with users.
exit 0
`,
  }
}

function debControl(arch, root) {
  const kib = Number(run('du', ['-sk', '--apparent-size', root], 'measuring the package').split('\t')[0])
  return [
    'Package: proxlb',
    `Version: ${VERSION}`,
    `Architecture: ${arch}`,
    `Maintainer: ${MAINTAINER}`,
    `Installed-Size: ${kib}`,
    `Depends: ${DEB_DEPENDS}`,
    'Section: admin',
    'Priority: optional',
    `Homepage: ${HOMEPAGE}`,
    `Description: ${SUMMARY}`,
    ...DESCRIPTION.map((line) => ` ${line}`),
    '',
  ].join('\n')
}

function buildDeb(arch, entries) {
  const {deb, binary} = ARCHES[arch]
  const root = path.join(WORK, `deb-${deb}`)
  stage(root, binary, {
    zsh: 'usr/share/zsh/vendor-completions',
    docs: () => ({
      'usr/share/doc/proxlb/copyright': debianCopyright(),
      'usr/share/doc/proxlb/changelog.gz': zlib.gzipSync(debianChangelog(entries), {level: 9}),
    }),
  }, entries)
  const control = path.join(root, 'DEBIAN')
  fs.mkdirSync(control, {recursive: true})
  fs.writeFileSync(path.join(control, 'control'), debControl(deb, root))
  fs.writeFileSync(path.join(control, 'conffiles'), '/etc/proxlb/proxlb.conf\n')
  for (const [name, script] of Object.entries(debScripts(units()))) fs.writeFileSync(path.join(control, name), script, {mode: 0o755})
  const out = path.join(DIST, `proxlb_${VERSION}_${deb}.deb`)
  run('dpkg-deb', ['--root-owner-group', '-Zgzip', '-z6', '--build', root, out], `dpkg-deb --build (${deb})`)
  return out
}

function rpmSpec(root, entries) {
  const unitNames = units()
  const files = [
    '%attr(0755,root,root) /usr/bin/proxlb',
    ...unitNames.map((u) => `/usr/lib/systemd/system/${u}`),
    '/usr/lib/sysusers.d/proxlb.conf',
    '%dir %attr(0755,root,root) /etc/proxlb',
    '%config(noreplace) %attr(0640,root,proxlb) /etc/proxlb/proxlb.conf',
    '%dir %attr(0700,proxlb,proxlb) /var/lib/proxlb',
    '/usr/share/man/man1/proxlb.1.gz',
    '/usr/share/bash-completion/completions/proxlb',
    '/usr/share/zsh/site-functions/_proxlb',
    '/usr/share/fish/vendor_completions.d/proxlb.fish',
    '%license /usr/share/licenses/proxlb/LICENSE',
    '%doc /usr/share/doc/proxlb/CHANGELOG.md',
  ]
  const systemdRunning = '[ -d /run/systemd/system ]'
  return `# Written by packaging/build.js: a binary package of files already built.
Name: proxlb
Version: ${VERSION}
Release: 1
Summary: ${SUMMARY.replace(/^./, (c) => c.toUpperCase())}
License: MIT
URL: ${HOMEPAGE}
AutoReqProv: no
Requires: libc.so.6()(64bit), libstdc++.so.6()(64bit), libgcc_s.so.1()(64bit)
Requires(pre): /usr/sbin/useradd, /usr/sbin/groupadd, /usr/bin/getent

# The binary is a Node single executable: stripping it again or splitting debug info would
# break the injected application.
%global debug_package %{nil}
%global __os_install_post %{nil}
%global _build_id_links none

%description
${DESCRIPTION.join('\n')}

%install
cp -a ${root}/. %{buildroot}/

%pre
# The service's user (as sysusers.d/proxlb.conf describes it), before its files are placed.
getent group proxlb >/dev/null || groupadd -r proxlb
getent passwd proxlb >/dev/null || useradd -r -g proxlb -d /var/lib/proxlb -s /sbin/nologin -c "proxlb balance service" proxlb
exit 0

%post
# What %systemd_post does, less the preset: the admin enables the service.
if ${systemdRunning}; then systemctl daemon-reload || :; fi

%preun
# On removal (not upgrade), like %systemd_preun: disable and stop.
if [ $1 -eq 0 ] && ${systemdRunning}; then systemctl --no-reload disable --now ${unitNames.join(' ')} >/dev/null 2>&1 || :; fi

%postun
# Like %systemd_postun_with_restart: reload, and restart what runs after an upgrade.
if ${systemdRunning}; then
    systemctl daemon-reload || :
    if [ $1 -ge 1 ]; then systemctl try-restart ${unitNames.join(' ')} >/dev/null 2>&1 || :; fi
fi

%files
${files.join('\n')}

%changelog
${rpmChangelog(entries)}
`
}

function buildRpm(arch, entries) {
  const {rpm, binary} = ARCHES[arch]
  const top = path.join(WORK, `rpm-${rpm}`)
  const root = path.join(top, 'root')
  fs.rmSync(top, {recursive: true, force: true})
  stage(root, binary, {
    zsh: 'usr/share/zsh/site-functions',
    docs: () => ({
      'usr/share/licenses/proxlb/LICENSE': fs.readFileSync(path.join(ROOT, 'LICENSE')),
      'usr/share/doc/proxlb/CHANGELOG.md': fs.readFileSync(path.join(ROOT, 'CHANGELOG.md')),
    }),
  }, entries)
  const spec = path.join(top, 'proxlb.spec')
  fs.writeFileSync(spec, rpmSpec(root, entries))
  run('rpmbuild', ['-bb', '--target', `${rpm}-linux`, '--define', `_topdir ${top}`, '--define', `_rpmdir ${DIST}`, '--define', '_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm', '--define', '_binary_payload w6.gzdio', spec], `rpmbuild (${rpm})`)
  return path.join(DIST, `proxlb-${VERSION}-1.${rpm}.rpm`)
}

// ---- the image ----------------------------------------------------------------------------

/**
 * The image: a root file system of the C libraries the binary links, taken from Debian's
 * packages (apt-get download, dpkg-deb -x: libc6, libgcc-s1, libstdc++6), the binary, the
 * sample config at /etc/proxlb/proxlb.conf and an unprivileged user; committed with buildah
 * (no daemon; vfs storage in dist/pkg/containers, so nothing outside dist/ is touched) and
 * exported as an OCI archive.
 */
function buildImage(arch) {
  const {oci, binary} = ARCHES[arch]
  const work = path.join(WORK, `image-${oci}`)
  const rootfs = path.join(work, 'rootfs')
  fs.rmSync(work, {recursive: true, force: true})
  fs.mkdirSync(path.join(work, 'debs'), {recursive: true})
  const hostArch = run('dpkg', ['--print-architecture'], 'dpkg --print-architecture').trim()
  if (hostArch !== oci) throw new PackageError(`the image is built from this machine's Debian libraries (${hostArch}); a ${oci} image needs a ${oci} machine`)
  const libs = ['libc6', 'libgcc-s1', 'libstdc++6']
  run('apt-get', ['download', ...libs], 'apt-get download (the C libraries of the image)', {cwd: path.join(work, 'debs')})
  for (const deb of fs.readdirSync(path.join(work, 'debs'))) run('dpkg-deb', ['-x', path.join(work, 'debs', deb), rootfs], `dpkg-deb -x ${deb}`)
  // Only what the binary loads: the libraries, not the rest of those packages (docs, gconv, locales).
  for (const dir of ['usr/share', 'usr/lib/x86_64-linux-gnu/gconv', 'usr/libexec', 'usr/bin', 'usr/sbin', 'sbin', 'etc/ld.so.conf.d']) fs.rmSync(path.join(rootfs, dir), {recursive: true, force: true})
  // Debian 12 keeps /lib and /lib64 as links into /usr in the system, not in the packages' files.
  const link = (from, to) => !fs.existsSync(path.join(rootfs, from)) && fs.symlinkSync(to, path.join(rootfs, from))
  link('lib', 'usr/lib')
  link('lib64', 'usr/lib64')
  const put = (file, content, mode = 0o644) => {
    fs.mkdirSync(path.dirname(path.join(rootfs, file)), {recursive: true})
    if (typeof content === 'string') fs.writeFileSync(path.join(rootfs, file), content)
    else fs.copyFileSync(content.from, path.join(rootfs, file))
    fs.chmodSync(path.join(rootfs, file), mode)
  }
  put('usr/bin/proxlb', {from: binary}, 0o755)
  put('etc/proxlb/proxlb.conf', {from: path.join(__dirname, 'proxlb.conf')}, 0o644)
  put('etc/passwd', `root:x:0:0:root:/root:/sbin/nologin\nproxlb:x:${IMAGE_UID}:${IMAGE_UID}:proxlb:/var/lib/proxlb:/sbin/nologin\n`)
  put('etc/group', `root:x:0:\nproxlb:x:${IMAGE_UID}:\n`)
  put('etc/nsswitch.conf', 'passwd: files\ngroup: files\nhosts: files dns\n')
  fs.mkdirSync(path.join(rootfs, 'tmp'), {recursive: true})
  fs.chmodSync(path.join(rootfs, 'tmp'), 0o1777)
  fs.mkdirSync(path.join(rootfs, 'var', 'lib', 'proxlb'), {recursive: true})
  fs.chownSync(path.join(rootfs, 'var', 'lib', 'proxlb'), IMAGE_UID, IMAGE_UID)
  fs.chmodSync(path.join(rootfs, 'var', 'lib', 'proxlb'), 0o700)

  const storage = path.join(WORK, 'containers')
  const buildah = (args, what) => run('buildah', ['--root', path.join(storage, 'root'), '--runroot', path.join(storage, 'run'), '--storage-driver', 'vfs', ...args], what).trim()
  const tag = `localhost/proxlb:${VERSION}`
  const container = buildah(['from', '--arch', oci, '--os', 'linux', 'scratch'], 'buildah from scratch')
  try {
    // Through a mount, not buildah copy, which would make every file root's.
    const mounted = buildah(['mount', container], 'buildah mount')
    run('cp', ['-a', `${rootfs}/.`, `${mounted}/`], 'copying the root file system into the image')
    buildah(['umount', container], 'buildah umount')
    const label = (key, value) => ['--label', `org.opencontainers.image.${key}=${value}`]
    buildah([
      'config',
      '--user', `${IMAGE_UID}:${IMAGE_UID}`,
      '--entrypoint', '["/usr/bin/proxlb"]',
      '--cmd', '["--help"]',
      '--env', 'PROXLB_STATE_DIR=/var/lib/proxlb',
      '--env', 'HOME=/var/lib/proxlb',
      '--workingdir', '/var/lib/proxlb',
      '--volume', '/var/lib/proxlb',
      ...label('title', 'proxlb'), ...label('description', SUMMARY), ...label('version', VERSION), ...label('licenses', 'MIT'), ...label('source', HOMEPAGE),
      container,
    ], 'buildah config')
    buildah(['commit', '--format', 'oci', '--rm', container, tag], 'buildah commit')
  } catch (error) {
    spawnSync('buildah', ['--root', path.join(storage, 'root'), '--runroot', path.join(storage, 'run'), '--storage-driver', 'vfs', 'rm', container])
    throw error
  }
  const out = path.join(DIST, `proxlb-${VERSION}-oci.tar`)
  fs.rmSync(out, {force: true})
  buildah(['push', tag, `oci-archive:${out}:proxlb:${VERSION}`], 'buildah push (OCI archive)')
  buildah(['rmi', tag], 'buildah rmi')
  return out
}

// ---- main ---------------------------------------------------------------------------------

async function buildPackages({only = ['deb', 'rpm', 'image'], arches = Object.keys(ARCHES), skipBinary = false, log = console.log} = {}) {
  const started = Date.now()
  const entries = releases()
  if (!fs.existsSync(path.join(ROOT, 'dist', 'src', 'docs', 'manpage.js'))) throw new PackageError('dist/src is missing: run npm run build first')
  if (!skipBinary) {
    const {buildBinary} = require(path.join(ROOT, 'scripts', 'build-binary.js'))
    for (const arch of arches) await buildBinary({arch, ifStale: true, log: (line) => log(`  ${line}`)})
  }
  for (const arch of arches) if (!fs.existsSync(ARCHES[arch].binary)) throw new PackageError(`${path.relative(ROOT, ARCHES[arch].binary)} is missing: run without --skip-binary`)
  const made = []
  const step = (what, fn) => {
    const t = Date.now()
    const file = fn()
    made.push(file)
    log(`${what.padEnd(7)} ${path.relative(ROOT, file)}  ${(fs.statSync(file).size / 1e6).toFixed(1)} MB in ${((Date.now() - t) / 1000).toFixed(1)} s`)
  }
  for (const arch of arches) {
    if (only.includes('deb')) step('deb', () => buildDeb(arch, entries))
    if (only.includes('rpm')) step('rpm', () => buildRpm(arch, entries))
  }
  if (only.includes('image') && arches.includes('x64')) step('image', () => buildImage('x64'))
  log(`packaged proxlb ${VERSION}: ${made.length} files in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return made
}

function parseArgs(argv) {
  const options = {}
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--only' && argv[i + 1]) options.only = argv[++i].split(',')
    else if (argv[i] === '--arch' && argv[i + 1]) options.arches = argv[++i].split(',')
    else if (argv[i] === '--skip-binary') options.skipBinary = true
    else throw new PackageError(`unknown argument ${argv[i]}; usage: packaging/build.js [--only deb,rpm,image] [--arch x64,arm64] [--skip-binary]`)
  }
  for (const arch of options.arches ?? []) if (!ARCHES[arch]) throw new PackageError(`unknown architecture ${arch}: expected x64 or arm64`)
  return options
}

module.exports = {buildPackages, debianChangelog, rpmChangelog, releases, units}
if (require.main === module) {
  Promise.resolve()
    .then(() => buildPackages(parseArgs(process.argv.slice(2))))
    .catch((error) => {
      console.error(`package: ${error instanceof PackageError || error.constructor.name === 'BuildError' ? error.message : error.stack}`)
      process.exit(1)
    })
}
