//go:build tools

// Package tools pins the Prometheus server (v3.7.3 is module version
// v0.307.3) so that `go mod tidy` keeps its dependencies.
package tools

import _ "github.com/prometheus/prometheus/cmd/prometheus"
