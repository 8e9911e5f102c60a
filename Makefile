# The two commands of the README. Everything they need is installed by the
# repo's own scripts (Node >= 22, pnpm, dependencies).
.PHONY: demo test

demo:
	@scripts/demo.sh

test:
	@scripts/test.sh
