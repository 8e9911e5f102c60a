//go:build tools

// Package tools pins the etcd server binary so that `go mod tidy` keeps its
// dependencies. Never compiled (build tag).
package tools

import _ "go.etcd.io/etcd/server/v3"
