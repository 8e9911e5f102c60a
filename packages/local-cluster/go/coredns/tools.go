//go:build tools

// Package tools pins the CoreDNS binary (the cluster DNS of the local real
// node) so that `go mod tidy` keeps its dependencies. Never compiled.
package tools

import _ "github.com/coredns/coredns"
