#!/usr/bin/env bash
# Checks what `npm run package` put in dist/, with each format's own tools, as root (CI's
# step after npm test; see packaging/README.md):
#   .deb   dpkg-deb --info/--contents; installed into a throw-away root with
#          dpkg --root --force-script-chrootless (the maintainer scripts run, against that
#          root); proxlb --version from it; the user, the config's group and mode; the unit not
#          enabled; the config kept on reinstall, kept on remove, gone on purge
#   units  systemd-analyze verify and security (exposure at most 2.5) of every installed unit
#   .rpm   rpm -qip/-qlp/--configfiles/--scripts/--requires; installed into a throw-away root
#          (rpm --root, scripts off: they need a shell in that root) and run
#   image  skopeo inspect --config (user, entrypoint, config path); run once with podman where
#          this machine lets it, else unpacked with umoci and its entrypoint run as its user in
#          a chroot of its root file system
#   arm64  the binary from the arm64 .deb run under qemu-aarch64-static, where installed
# Ends with "N passed, M failed"; exits 1 when any check failed.
set -uo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "packaging/check.sh runs as root (dpkg --root, rpm --root, chroot): sudo packaging/check.sh" >&2; exit 1; }
version=$(node -p "require('./package.json').version")
work=$(mktemp -d "${TMPDIR:-/tmp}/proxlb-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

# check WHAT COMMAND...: runs COMMAND, its output shown only when it fails.
check() {
  local what=$1
  shift
  if "$@" >"$work/out" 2>&1; then
    passed=$((passed + 1))
    echo "ok    $what"
  else
    failed=$((failed + 1))
    echo "FAIL  $what"
    sed 's/^/        /' "$work/out" | tail -n 25
  fi
}
has() { grep -qE -- "$1" "$2" || { echo "expected /$1/ in:"; cat "$2"; return 1; }; }
hasnt() { ! grep -qE -- "$1" "$2" || { echo "did not expect /$1/ in:"; grep -E -- "$1" "$2"; return 1; }; }

units=$(cd contrib/systemd && ls *.service)
files=(usr/bin/proxlb etc/proxlb/proxlb.conf usr/lib/sysusers.d/proxlb.conf usr/share/man/man1/proxlb.1.gz
  usr/share/bash-completion/completions/proxlb usr/share/fish/vendor_completions.d/proxlb.fish)
for unit in $units; do files+=("usr/lib/systemd/system/$unit"); done

# ---- .deb ----------------------------------------------------------------------------------
deb_info() {
  local deb=$1 arch=$2
  dpkg-deb --info "$deb" >"$work/info" || return 1
  has "^ Package: proxlb$" "$work/info" && has "^ Version: $version$" "$work/info" && has "^ Architecture: $arch$" "$work/info" &&
    has "^ Depends: libc6 \(>= 2.28\), libgcc-s1, libstdc\+\+6$" "$work/info" && hasnt "nodejs" "$work/info" &&
    rm -rf "$work/control" && mkdir "$work/control" && dpkg-deb --control "$deb" "$work/control" &&
    [ "$(cat "$work/control/conffiles")" = /etc/proxlb/proxlb.conf ] &&
    for script in postinst prerm postrm; do [ -x "$work/control/$script" ] || { echo "no $script"; return 1; }; done &&
    # Never started nor enabled on install: the scripts say no systemctl start or enable.
    hasnt "systemctl (--[a-z-]+ )*(start|enable|restart)\b" "$work/control/postinst"
}
deb_contents() {
  local deb=$1
  dpkg-deb --contents "$deb" >"$work/contents" || return 1
  has "^-rwxr-xr-x root/root .* \./usr/bin/proxlb$" "$work/contents" &&
    has "^-rw-r----- root/root .* \./etc/proxlb/proxlb.conf$" "$work/contents" &&
    has "\./usr/share/zsh/vendor-completions/_proxlb$" "$work/contents" &&
    has "\./usr/share/doc/proxlb/copyright$" "$work/contents" && has "\./usr/share/doc/proxlb/changelog.gz$" "$work/contents" &&
    for f in "${files[@]}"; do has "\./$f$" "$work/contents" || return 1; done
}
for arch in amd64 arm64; do
  deb=dist/proxlb_${version}_${arch}.deb
  check "deb $arch: dpkg-deb --info: name, version, architecture, dependencies, conffiles, scripts that start nothing" deb_info "$deb" "$arch"
  check "deb $arch: dpkg-deb --contents: binary, units, sysusers, config, man page, completions, copyright, changelog" deb_contents "$deb"
done

man_page() {
  dpkg-deb --fsys-tarfile "dist/proxlb_${version}_amd64.deb" | tar -xO ./usr/share/man/man1/proxlb.1.gz | gunzip >"$work/proxlb.1" &&
    groff -man -ww -z "$work/proxlb.1" && [ ! -s "$work/out" ] &&
    MANWIDTH=100 man -l "$work/proxlb.1" >"$work/man.txt" && has "proxlb config convert" "$work/man.txt"
}
check "deb: the man page reads without a warning (groff -ww, man -l)" man_page

root=$work/deb-root
deb_install() {
  mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/etc" &&
    touch "$root/var/lib/dpkg/status" &&
    # The C libraries are the host's, not in that root: --force-depends.
    dpkg --root="$root" --force-script-chrootless --force-depends -i "dist/proxlb_${version}_amd64.deb" &&
    "$root/usr/bin/proxlb" --version | grep -qx "proxlb/$version linux-x64 node-v[0-9.]*" &&
    grep -q "^proxlb:x:[0-9]*:[0-9]*:proxlb balance service:/var/lib/proxlb:/usr/sbin/nologin$" "$root/etc/passwd" &&
    gid=$(sed -n 's/^proxlb:x:\([0-9]*\):.*/\1/p' "$root/etc/group") &&
    [ "$(stat -c '%a %u %g' "$root/etc/proxlb/proxlb.conf")" = "640 0 $gid" ] &&
    [ ! -e "$root/etc/systemd/system/multi-user.target.wants/proxlb.service" ] &&
    # The installed config names no cluster: the demo plans.
    "$root/usr/bin/proxlb" plan -c "$root/etc/proxlb/proxlb.conf" >"$work/plan" && has "proxlb plan for cluster demo" "$work/plan"
}
check "deb: installs into a throw-away root (dpkg --root): proxlb --version, user proxlb, config 0640 root:proxlb, not enabled" deb_install

deb_conffile() {
  echo "# the admin's change" >>"$root/etc/proxlb/proxlb.conf" &&
    dpkg --root="$root" --force-script-chrootless --force-depends -i "dist/proxlb_${version}_amd64.deb" &&
    grep -q "the admin's change" "$root/etc/proxlb/proxlb.conf" &&
    dpkg --root="$root" --force-script-chrootless -r proxlb && [ ! -e "$root/usr/bin/proxlb" ] &&
    grep -q "the admin's change" "$root/etc/proxlb/proxlb.conf" &&
    dpkg --root="$root" --force-script-chrootless --purge proxlb && [ ! -e "$root/etc/proxlb/proxlb.conf" ] &&
    dpkg --root="$root" --force-script-chrootless --force-depends -i "dist/proxlb_${version}_amd64.deb"
}
check "deb: the config is a conffile: an edited one survives reinstall and remove, purge takes it" deb_conffile

# The service's run as its unit sets it up, without systemd (none runs here): an unprivileged
# user, a config it may only read, the token's secret in $CREDENTIALS_DIRECTORY (the other
# credential blank, as the unit's fallback), the state folder its only writable place; one
# balance cycle against the installed binary's own emulator.
service_run() {
  local svc=$work/service
  chmod 0755 "$work" && mkdir -p "$svc/credentials" "$svc/state" || return 1
  "$root/usr/bin/proxlb" emulate --port 0 --instant --token 'proxlb@pve!svc=5a1f0c3e-2b4d-4e5f-8a9b-0c1d2e3f4a5b' >"$svc/emulator" 2>&1 &
  local emulator=$!
  for _ in $(seq 300); do grep -q "Ctrl-C stops" "$svc/emulator" 2>/dev/null && break; sleep 0.1; done
  local url fingerprint status=1
  url=$(sed -n 's/.* at \(https:[^;]*\);.*/\1/p' "$svc/emulator")
  fingerprint=$(sed -n 's/.*certificate SHA-256 \([0-9A-F:]*\);.*/\1/p' "$svc/emulator")
  if [ -n "$url" ] && [ -n "$fingerprint" ]; then
    printf 'apiVersion: proxlb/v1\nkind: Config\nconnection:\n  hosts: [%s]\n  tokenId: proxlb@pve!svc\n  fingerprints: ["%s"]\n' "$url" "$fingerprint" >"$svc/proxlb.conf"
    printf '5a1f0c3e-2b4d-4e5f-8a9b-0c1d2e3f4a5b\n' >"$svc/credentials/token-secret" && printf '\n' >"$svc/credentials/password"
    chown -R 65534:65534 "$svc/credentials" "$svc/state" && chmod 0400 "$svc/credentials/"* && chmod 0700 "$svc/state" &&
      chown 0:65534 "$svc/proxlb.conf" && chmod 0640 "$svc/proxlb.conf" &&
      setpriv --reuid=65534 --regid=65534 --clear-groups env -i PATH=/usr/bin:/bin PROXLB_STATE_DIR="$svc/state" CREDENTIALS_DIRECTORY="$svc/credentials" \
        timeout 300 "$root/usr/bin/proxlb" balance --config "$svc/proxlb.conf" >"$svc/balance" 2>&1
    status=$?
    cat "$svc/balance"
  else
    cat "$svc/emulator"
  fi
  kill "$emulator" 2>/dev/null
  wait "$emulator" 2>/dev/null
  [ "$status" -eq 0 ] && grep -q "cycle 1: Finished: [0-9]* done" "$svc/balance" && [ -n "$(find "$svc/state" -name '*.jsonl' -print -quit)" ]
}
check "service: balance as an unprivileged user, the secret from \$CREDENTIALS_DIRECTORY, writing only its state folder" service_run

# ---- units ---------------------------------------------------------------------------------
for unit in $units; do
  verify() {
    # On this machine's systemd, with the unit's programs and man page taken from the root.
    mkdir -p "$work/units" && sed "s#/usr/bin/proxlb#$root/usr/bin/proxlb#g" "$root/usr/lib/systemd/system/$unit" >"$work/units/$unit" &&
      MANPATH="$root/usr/share/man" systemd-analyze verify "$work/units/$unit" && [ ! -s "$work/out" ]
  }
  check "unit $unit: systemd-analyze verify, no complaint" verify
  security() {
    systemd-analyze security --offline=true --root="$root" "$unit" | tee "$work/security" | tail -n 1 &&
      score=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p' "$work/security") &&
      echo "exposure $score" && awk -v s="$score" 'BEGIN { exit !(s != "" && s <= 2.5) }'
  }
  check "unit $unit: systemd-analyze security exposure at most 2.5 ($(systemd-analyze security --offline=true --root="$root" "$unit" 2>/dev/null | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p'))" security
done

# ---- .rpm ----------------------------------------------------------------------------------
for arch in x86_64 aarch64; do
  rpm=dist/proxlb-${version}-1.${arch}.rpm
  rpm_info() {
    rpm -qip "$rpm" >"$work/info" && has "^Name +: proxlb$" "$work/info" && has "^Version +: $version$" "$work/info" &&
      has "^Architecture: $arch$" "$work/info" && has "^License +: MIT$" "$work/info" &&
      rpm -qlp "$rpm" >"$work/list" && for f in "${files[@]}" usr/share/zsh/site-functions/_proxlb usr/share/licenses/proxlb/LICENSE; do has "^/$f$" "$work/list" || return 1; done &&
      [ "$(rpm -qp --configfiles "$rpm")" = /etc/proxlb/proxlb.conf ] &&
      rpm -qp --qf '[%{FILEFLAGS:fflags} %{FILEMODES:perms} %{FILEUSERNAME}:%{FILEGROUPNAME} %{FILENAMES}\n]' "$rpm" | grep -x "cn -rw-r----- root:proxlb /etc/proxlb/proxlb.conf" >/dev/null &&
      rpm -qp --requires "$rpm" >"$work/requires" && hasnt "node" "$work/requires" &&
      rpm -qp --scripts "$rpm" >"$work/scripts" && has "daemon-reload" "$work/scripts" && has "useradd -r -g proxlb" "$work/scripts" &&
      hasnt "systemctl (--[a-z-]+ )*(start|enable|preset)\b" "$work/scripts"
  }
  check "rpm $arch: rpm -qip/-qlp: metadata, files, %config(noreplace) 0640 root:proxlb, no runtime requires, scripts that start nothing" rpm_info
done
rpm_install() {
  rpm --root "$work/rpm-root" --initdb &&
    rpm --root "$work/rpm-root" -i --nodeps --noscripts "dist/proxlb-${version}-1.x86_64.rpm" &&
    "$work/rpm-root/usr/bin/proxlb" --version | grep -qx "proxlb/$version linux-x64 node-v[0-9.]*" &&
    rpm --root "$work/rpm-root" -q proxlb | grep -qx "proxlb-$version-1.x86_64"
}
check "rpm: installs into a throw-away root (rpm --root) and runs" rpm_install

# ---- image ---------------------------------------------------------------------------------
image=dist/proxlb-${version}-oci.tar
image_config() {
  skopeo inspect --config "oci-archive:$image" >"$work/config.json" &&
    node -e '
      const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))
      const want = {architecture: "amd64", os: "linux", user: "65532:65532", entrypoint: ["/usr/bin/proxlb"]}
      const got = {architecture: c.architecture, os: c.os, user: c.config.User, entrypoint: c.config.Entrypoint}
      console.log(JSON.stringify(got))
      if (JSON.stringify(got) !== JSON.stringify(want)) process.exit(1)
      if (!c.config.Env.includes("PROXLB_STATE_DIR=/var/lib/proxlb")) process.exit(1)' "$work/config.json"
}
check "image: skopeo inspect --config: amd64, user 65532 (not root), entrypoint /usr/bin/proxlb" image_config

# The image run once: podman where this machine lets containers run, else its root file
# system unpacked by umoci and its entrypoint run as its user in a chroot.
ran_with=""
podman_said=""
image_run() {
  if command -v podman >/dev/null && podman --storage-driver vfs --root "$work/podman" load -i "$image" >/dev/null &&
    podman --storage-driver vfs --root "$work/podman" run --rm "localhost/proxlb:$version" --version >"$work/run" 2>&1; then
    ran_with="podman run"
  else
    [ -s "$work/run" ] && podman_said=$(tail -n 1 "$work/run")
    mkdir -p "$work/oci" && tar -xf "$image" -C "$work/oci" &&
      umoci unpack --image "$work/oci:proxlb:$version" "$work/bundle" >/dev/null &&
      uid=$(node -p "require('$work/bundle/config.json').process.user.uid") &&
      gid=$(node -p "require('$work/bundle/config.json').process.user.gid") &&
      entrypoint=$(node -p "require('$work/bundle/config.json').process.args[0]") &&
      env -i $(node -p "require('$work/bundle/config.json').process.env.join(' ')") \
        chroot --userspec="$uid:$gid" "$work/bundle/rootfs" "$entrypoint" --version >"$work/run" &&
      env -i $(node -p "require('$work/bundle/config.json').process.env.join(' ')") \
        chroot --userspec="$uid:$gid" "$work/bundle/rootfs" "$entrypoint" plan >>"$work/run" &&
      ran_with="umoci unpack + chroot as $uid:$gid"
  fi
  cat "$work/run" && grep -qx "proxlb/$version linux-x64 node-v[0-9.]*" "$work/run"
}
check "image: runs (proxlb --version, and plan with /etc/proxlb/proxlb.conf)" image_run
echo "      image ran with: ${ran_with:-nothing}${podman_said:+ (podman run: $podman_said)}"

# ---- arm64 ---------------------------------------------------------------------------------
if command -v qemu-aarch64-static >/dev/null && [ -e /usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1 ]; then
  arm64_run() {
    dpkg-deb -x "dist/proxlb_${version}_arm64.deb" "$work/arm64" &&
      file "$work/arm64/usr/bin/proxlb" | grep -q "ARM aarch64" &&
      qemu-aarch64-static -L /usr/aarch64-linux-gnu "$work/arm64/usr/bin/proxlb" --version | grep -qx "proxlb/$version linux-arm64 node-v[0-9.]*"
  }
  check "deb arm64: its binary runs under qemu-aarch64-static" arm64_run
else
  echo "skip  deb arm64: no qemu-aarch64-static with the arm64 C libraries here, its binary is not run"
fi

echo "packages: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
