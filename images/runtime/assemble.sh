#!/usr/bin/env bash
# Assembles the base image a chatnet image is built on, without a registry or container engine: a
# jlink'd Java runtime from a local JDK, the shared libraries it needs taken from Debian packages
# (apt-get download + dpkg-deb -x, versions recorded in the image), a non-root user (65532) and a
# writable /tmp. The result is a `docker save`-style tarball that Jib reads as `tar://` base image.
# The operator's runtime is Java 17 (Debian's openjdk-17); the load generator's is Java 25 (the
# Temurin JDK beside it), for generational Shenandoah (bench/loadgen.md, "Seventh check").
#
#   images/runtime/assemble.sh OUT.tar [JDK]   build (or reuse) the runtime of JDK and link it to OUT.tar
#
# JDK defaults to Debian's Java 17 (the build passes each image's chatnet.runtime.jdk). The result
# is cached under ${CHATNET_CACHE:-~/.cache/chatnet}/runtime-<jdk version>-<script hash>/, so only
# the first build pays (about 15 s); editing this script or changing the JDK makes a new one.
set -euo pipefail

die() { echo "assemble.sh: $*" >&2; exit 1; }
say() { echo "assemble.sh: $*" >&2; }

[ $# -eq 1 ] || [ $# -eq 2 ] || die "usage: $0 OUT.tar [JDK]"
out=$1
JDK=${2:-/usr/lib/jvm/java-17-openjdk-amd64}

# Modules: the union of what `jdeps -s --multi-release 17` reports for the operator's quarkus-app jars
# and the load generator's jars, less compile-time-only ones (java.compiler and jdk.compiler come from
# Vert.x's code generator, java.desktop from optional java.beans uses), plus what is looked up at run
# time and so invisible to jdeps: jdk.crypto.ec (TLS with EC keys, e.g. the API server's
# certificates), jdk.naming.dns and jdk.zipfs.
MODULES=java.base,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml,jdk.crypto.ec,jdk.httpserver,jdk.management,jdk.naming.dns,jdk.unsupported,jdk.zipfs
# Debian packages with the libraries the runtime links against (checked below with the image's loader).
PACKAGES=(libc6 libgcc-s1 libstdc++6 zlib1g gcc-12-base) # gcc-12-base: the copyright file of libgcc and libstdc++
UID_GID=65532

[ -f "$JDK/release" ] && [ -x "$JDK/bin/jlink" ] ||
  die "$JDK is not a JDK (Java 17: Debian's openjdk-17-jdk-headless; Java 25: a Temurin 25 JDK in /usr/lib/jvm/temurin-25-jdk-amd64)"
jdk_version=$(. "$JDK/release" && echo "$JAVA_RUNTIME_VERSION")
jdk_vendor=$(. "$JDK/release" && echo "${IMPLEMENTOR_VERSION:-${IMPLEMENTOR:-}}")
case "$jdk_version" in 17.* | 25.*) ;; *) die "$JDK is Java $jdk_version; the images run Java 17 or 25" ;; esac
# Java 17 links from its jmods; a JDK without them (Temurin 25) from its own run-time image (JEP 493).
module_path=()
if [ -d "$JDK/jmods" ]; then module_path=(--module-path "$JDK/jmods"); fi
for tool in apt-get dpkg-deb jq sha256sum tar chroot unshare flock; do
  command -v "$tool" >/dev/null || die "$tool is needed (Debian: apt-get install jq; the rest is in the base system)"
done

script_hash=$(sha256sum "$0" | cut -c1-12)
cache=${CHATNET_CACHE:-$HOME/.cache/chatnet}/runtime-${jdk_version//+/_}-$script_hash
tarball=$cache/runtime-image.tar

mkdir -p "$(dirname "$cache")"
exec 9>"$cache.lock"
flock 9 # one build at a time when several builds share the cache

if [ ! -f "$tarball" ]; then
  say "building the Java $jdk_version runtime image into $cache (first run only)"
  work=$cache.partial
  rm -rf "$work"
  mkdir -p "$work/debs" "$work/root" "$work/image"
  root=$work/root

  (cd "$work/debs" && { apt-get download "${PACKAGES[@]}" 2>/dev/null ||
    { apt-get update -qq && apt-get download "${PACKAGES[@]}"; }; }) >&2 ||
    die "apt-get download ${PACKAGES[*]} failed (is a Debian mirror reachable?)"
  for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$root"; done
  # Keep the libraries and their copyright files; drop docs, translations, iconv modules, debugger
  # and lintian data.
  find "$root/usr/share/doc" -type f ! -name copyright -delete
  rm -rf "$root/usr/share/locale" "$root/usr/share/lintian" "$root/usr/share/gcc" "$root/usr/share/gdb" \
    "$root/usr/lib/x86_64-linux-gnu/gconv" "$root/etc/ld.so.conf.d"

  "$JDK/bin/jlink" ${module_path[@]+"${module_path[@]}"} --add-modules "$MODULES" \
    --strip-debug --no-man-pages --no-header-files --compress=2 --generate-cds-archive \
    --output "$root/opt/java" >&2

  # proc, sys and dev: mount points a container runtime fills.
  mkdir -p "$root/etc" "$root/tmp" "$root/home/nonroot" "$root/usr/share/chatnet" \
    "$root/proc" "$root/sys" "$root/dev"
  printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:%s:%s:nonroot:/home/nonroot:/sbin/nologin\n' \
    $UID_GID $UID_GID >"$root/etc/passwd"
  printf 'root:x:0:\nnonroot:x:%s:\n' $UID_GID >"$root/etc/group"
  printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$root/etc/nsswitch.conf"
  chmod 1777 "$root/tmp"
  chown $UID_GID:$UID_GID "$root/home/nonroot"
  chmod 0750 "$root/home/nonroot"
  {
    # where the JDK came from: its Debian package and version, else its vendor's release name
    package=$(dpkg -S "$JDK/bin/jlink" 2>/dev/null | cut -d: -f1 || true)
    if [ -n "$package" ]; then
      origin="$package $(dpkg-query -W -f '${Version}' "$package" 2>/dev/null)"
    else
      origin=${jdk_vendor:-unknown vendor}
    fi
    echo "jdk $jdk_version ($JDK, $origin)"
    echo "modules $MODULES"
    for deb in "$work"/debs/*.deb; do dpkg-deb -W --showformat='${Package} ${Version}\n' "$deb"; done
  } >"$root/usr/share/chatnet/runtime.txt"

  # Completeness: every ELF file in the image resolves its libraries inside the image, checked by
  # the image's own loader in a chroot (so nothing from the host can stand in).
  missing=$(find "$root" -type f -printf '/%P\n' |
    while read -r f; do
      head -c4 "$root$f" | grep -q 'ELF' || continue
      # A library missing outright makes the loader fail; one missing further down prints "not found".
      # The JDK's own libraries find libjvm.so in the launcher's process, hence the library path.
      out=$(chroot "$root" /lib64/ld-linux-x86-64.so.2 --library-path /opt/java/lib/server:/opt/java/lib \
        --list "$f" 2>&1) && ! grep -q 'not found' <<<"$out" ||
        echo "$f: $out"
    done)
  [ -z "$missing" ] || die "libraries missing from the runtime image:
$missing"
  # As a container runtime would: its own mount and pid namespace with /proc (the launcher finds
  # libjli.so through $ORIGIN, which glibc resolves from /proc/self/exe), as the image's user.
  unshare --mount --pid --fork --kill-child --root="$root" --mount-proc=/proc --setuid $UID_GID --setgid $UID_GID \
    /opt/java/bin/java -version >&2 || die "the runtime does not start in a chroot"

  # One layer, reproducible: sorted names, fixed times, numeric owners (root, and 65532 for its home).
  layer=$work/image/layer.tar
  tar --sort=name --mtime=@1 --numeric-owner --format=posix \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime -C "$root" -cf "$layer" .
  diff_id=sha256:$(sha256sum "$layer" | cut -d' ' -f1)
  jq -n --arg diff "$diff_id" --arg jdk "$jdk_version" --arg uid "$UID_GID" '{
      architecture: "amd64", os: "linux",
      config: {
        User: "\($uid):\($uid)",
        Env: ["PATH=/opt/java/bin:/usr/bin:/bin", "JAVA_HOME=/opt/java", "LANG=C.UTF-8"],
        WorkingDir: "/home/nonroot",
        Labels: {"io.chatnet.runtime.java": $jdk}
      },
      rootfs: {type: "layers", diff_ids: [$diff]},
      history: [{created: "1970-01-01T00:00:01Z", created_by: "images/runtime/assemble.sh"}]
    }' >"$work/image/config.json"
  jq -n --arg tag "chatnet/runtime:${jdk_version//+/_}" \
    '[{Config: "config.json", RepoTags: [$tag], Layers: ["layer.tar"]}]' >"$work/image/manifest.json"
  tar --sort=name --mtime=@1 --owner=0 --group=0 --numeric-owner -C "$work/image" \
    -cf "$work/runtime-image.tar" manifest.json config.json layer.tar
  mkdir -p "$cache"
  mv "$work/runtime-image.tar" "$tarball"
  cp "$root/usr/share/chatnet/runtime.txt" "$cache/"
  rm -rf "$work"
  say "runtime image: $tarball ($(du -h "$tarball" | cut -f1))"
fi

mkdir -p "$(dirname "$out")"
ln -f "$tarball" "$out" 2>/dev/null || cp "$tarball" "$out"
echo "$out"
