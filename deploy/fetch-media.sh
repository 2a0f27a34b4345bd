#!/usr/bin/env bash
# Fetches the face models, the person detector, sample photos and pedestrian footage into a cache outside git and verifies
# every file by SHA-256. Idempotent: files already present with the right hash are left alone.
# Usage: deploy/fetch-media.sh [CACHE_DIR]   (default: <repo>/.cache)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${1:-$repo_root/.cache}"
models="$cache/models"
media="$cache/media"
mkdir -p "$models" "$media"
cache="$(cd "$cache" && pwd)"
models="$cache/models"
media="$cache/media"

declare -A model_sha=(
  [fr_detect.onnx]=6c0256ccd3164f844736a401faf936ec2930764a87ae39442180887d0c5c8854
  [fr_feature.onnx]=87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581
  [fr_landmark.onnx]=f10b0ba1d2a8a099adefede1ebf3733e44fe370715e7303dbeb7f59c02142258
  [fr_age.onnx]=74c9b01700cb9ef96f7190a2230218414ff99d231415c4b091a755780cad5e8a
  [fr_gender.onnx]=a003e8392a617ca834c7ca2c01e0895f5c354217fb56cd0373935e6e9b9c396e
  [fr_liveness.onnx]=afa783b7e902fdfcf323a7240cac2a1c580c25314ea4161129dc1b0d100dc32d
)
# Pinned after the first fetch of @vladmandic/face-api@1.7.15.
declare -A photo_sha=(
  [sample1.jpg]=8ecae4b267b2d3169e06e00c7dee97097aa2a94635d45216f7732a5f4943cb51
  [sample2.jpg]=7d2b60ae6f13bf30f422e04df87451081a02c83de469056f25afb44b7000c691
  [sample3.jpg]=8eb081c9efb14370fa94d9feab9e5fbeafd19a627491853a80c2bf67f7ffa936
  [sample4.jpg]=729efa5923061d40eb4ed5f267a18cc7b8ba6f852bb2757b16d8b7e4937476fc
  [sample5.jpg]=6d45095ebb182d8f975c0790e0e4eefd86fbb40609cf4b271776d92e12662938
  [sample6.jpg]=9baad80f9d5e306fb9b8c0913d44445f1e95848df317530efb03d0934c57ba87
)
vtest_sha=45cddc9490be69345cbdab64ca583be65987e864ca408038e648db99e10516cf
# MediaPipe's SSD MobileNetV2 (Open Images V4) detector, Apache-2.0; the SHA-256 MediaPipe's build pins for it.
person_model=ssd_mobilenetv2_oidv4_fp16.tflite
person_sha=d0a5255bf8c4f5a0bc4240741a76c41d5e939f7655078f945f50ab53a9375da6

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "fetch-media: '$1' is required but not installed ($2)" >&2; exit 2; }
}
need sha256sum "coreutils"
need tar "tar"

# npm is only needed when something has to be downloaded; on a fresh Debian machine install it from apt.
ensure_npm() {
  command -v npm >/dev/null 2>&1 && return 0
  echo "fetch-media: npm is missing; installing it with apt-get" >&2
  local sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "fetch-media: npm is required; install it (apt-get install npm) or run as root" >&2; exit 2; }
    sudo="sudo"
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends npm >/dev/null \
    || { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends npm >/dev/null; } \
    || { echo "fetch-media: could not install npm with apt-get; install it and retry" >&2; exit 2; }
}

sha_of() { sha256sum "$1" | cut -d' ' -f1; }

valid() { [[ -f "$1" ]] && [[ "$(sha_of "$1")" == "$2" ]]; }

# Copies src to dest only after checking its hash, so a bad download never lands in the cache.
install_verified() {
  local src="$1" dest="$2" expected="$3" actual
  if [[ ! -f "$src" ]]; then
    echo "fetch-media: $(basename "$dest") missing from the downloaded package (looked for $src)" >&2
    exit 1
  fi
  actual="$(sha_of "$src")"
  if [[ "$actual" != "$expected" ]]; then
    echo "fetch-media: checksum mismatch for $(basename "$dest"): expected $expected, actual $actual" >&2
    exit 1
  fi
  # A per-process temporary name keeps concurrent runs (parallel test projects) from mixing bytes.
  cp "$src" "$dest.tmp.$$" && mv -f "$dest.tmp.$$" "$dest"
  echo "fetch-media: $dest ok"
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

missing_models=()
for f in "${!model_sha[@]}"; do valid "$models/$f" "${model_sha[$f]}" || missing_models+=("$f"); done
if ((${#missing_models[@]})); then
  ensure_npm
  mkdir -p "$work/models"
  (cd "$work/models" && npm pack --silent faceplugin-face-recognition-js@0.0.1 >/dev/null)
  tar -xzf "$work"/models/*.tgz -C "$work/models"
  for f in "${missing_models[@]}"; do
    install_verified "$work/models/package/model/$f" "$models/$f" "${model_sha[$f]}"
  done
fi

if ! valid "$models/$person_model" "$person_sha"; then
  ensure_npm
  mkdir -p "$work/person"
  (cd "$work/person" && npm pack --silent @mediapipe/objectron@0.4.1675468480 >/dev/null)
  tar -xzf "$work"/person/*.tgz -C "$work/person"
  # The package's asset bundle is the detector's label map (184 bytes) followed by the model file itself.
  tail -c +185 "$work/person/package/objectron_solution_packed_assets.data" > "$work/person/$person_model"
  install_verified "$work/person/$person_model" "$models/$person_model" "$person_sha"
fi

missing_photos=()
for f in "${!photo_sha[@]}"; do valid "$media/$f" "${photo_sha[$f]}" || missing_photos+=("$f"); done
if ((${#missing_photos[@]})); then
  ensure_npm
  mkdir -p "$work/photos"
  (cd "$work/photos" && npm pack --silent @vladmandic/face-api@1.7.15 >/dev/null)
  tar -xzf "$work"/photos/*.tgz -C "$work/photos"
  for f in "${missing_photos[@]}"; do
    install_verified "$work/photos/package/demo/$f" "$media/$f" "${photo_sha[$f]}"
  done
fi

if ! valid "$media/vtest.avi" "$vtest_sha"; then
  need apt-get "Debian apt"
  need dpkg-deb "dpkg"
  mkdir -p "$work/deb"
  # apt-get download works without root; refresh the package lists only when it cannot find the package.
  if ! (cd "$work/deb" && apt-get download opencv-doc >/dev/null 2>&1); then
    echo "fetch-media: apt-get download opencv-doc failed; running apt-get update and retrying" >&2
    apt-get update >/dev/null
    (cd "$work/deb" && apt-get download opencv-doc >/dev/null)
  fi
  dpkg-deb -x "$work"/deb/opencv-doc_*.deb "$work/deb/x"
  install_verified "$work/deb/x/usr/share/doc/opencv-doc/examples/data/vtest.avi" "$media/vtest.avi" "$vtest_sha"
fi

echo "fetch-media: all files present and verified in $cache"
