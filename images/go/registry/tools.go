//go:build tools

// Package tools pins the CNCF Distribution registry (the platform's OCI
// registry, image registry:3) so that `go mod tidy` keeps its dependencies.
package tools

import _ "github.com/distribution/distribution/v3/cmd/registry"
