//go:build tools

// Package tools pins the containerd binaries (daemon, runc shim, ctr) so that
// `go mod tidy` keeps their dependencies. Never compiled (build tag).
package tools

import (
	_ "github.com/containerd/containerd/v2/cmd/containerd"
	_ "github.com/containerd/containerd/v2/cmd/containerd-shim-runc-v2"
	_ "github.com/containerd/containerd/v2/cmd/ctr"
)
