#!/usr/bin/env bash
# Builds every image the local platform (examples/local/platform.yaml) runs:
# floe's own images (floe-job, floe-dagster), the example step image and the local stand-ins of the
# services' official images (images/stand-ins/), each cached by its inputs.
# Prints the image names, one a line, on stdout (progress goes to stderr):
#   FLOE_PLATFORM_IMAGES="$(scripts/build-platform-images.sh)" pnpm test:platform
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
images=()
for image in floe-job floe-dagster; do images+=("$(scripts/build-image.sh "$image" | tail -1)"); done
# The example step image (FROM floe-job, with examples/dbt and examples/data): what the local pipelines run.
engine=podman; command -v docker >/dev/null && docker version >/dev/null 2>&1 && engine=docker
"$engine" build --network=none -q -f images/example/Containerfile --build-arg "FLOE_JOB_IMAGE=${images[0]}" \
  -t localhost/floe-example:0.1.0 examples >/dev/null
images+=(localhost/floe-example:0.1.0)
# Only the stand-ins the local platform names (a folder may exist for a service it leaves off).
while IFS= read -r name; do
  wanted="$(head -1 "images/stand-ins/$name/image")"
  if grep -qF "image: $wanted" examples/local/platform.yaml || grep -qF "clientImage: $wanted" examples/local/platform.yaml || [[ "$name" == metrics-server ]]; then
    images+=("$(scripts/build-stand-in-image.sh "$name" | tail -1)")
  fi
done < <(scripts/build-stand-in-image.sh --list)
printf '%s\n' "${images[@]}"
