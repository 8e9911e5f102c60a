//go:build tools

// Package tools pins the kwok binary so that `go mod tidy` keeps its
// dependencies. Never compiled (build tag).
package tools

import _ "sigs.k8s.io/kwok/cmd/kwok"
