# The two commands of the README. Everything they need is installed by the
# repo's own scripts (Node >= 22, pnpm, dependencies).
.PHONY: demo test image

demo:
	@scripts/demo.sh

test:
	@scripts/test.sh

# floe's own images (docker, else podman; each cached by its inputs hash):
# floe-job (pipeline step pods) and floe-dagster (code location and run workers).
image:
	@scripts/build-image.sh floe-job
	@scripts/build-image.sh floe-dagster
