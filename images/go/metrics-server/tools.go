//go:build tools

// Package tools pins metrics-server (the resource metrics API the local
// cluster's HPA test needs) so that `go mod tidy` keeps its dependencies.
package tools

import _ "sigs.k8s.io/metrics-server/cmd/metrics-server"
