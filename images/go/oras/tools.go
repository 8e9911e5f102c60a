//go:build tools

// Package tools pins the oras CLI: the third-party OCI client the tests use
// to read what `floe platform publish` pushed.
package tools

import _ "oras.land/oras/cmd/oras"
