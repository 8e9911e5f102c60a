//go:build tools

// Package tools pins kube-router (used only for its NetworkPolicy controller)
// so that `go mod tidy` keeps its dependencies. Never compiled.
package tools

import _ "github.com/cloudnativelabs/kube-router/v2/cmd/kube-router"
