# The two commands of the README. Everything they need is installed by the
# repo's own scripts (Node >= 22, pnpm, dependencies).
.PHONY: demo test image

demo:
	@scripts/demo.sh

test:
	@scripts/test.sh

# The runtime image of pipeline pods (docker, else podman; cached by inputs hash).
image:
	@scripts/build-image.sh
