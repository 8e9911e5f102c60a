//go:build tools

// Package tools pins the MinIO client (mc, AGPLv3), which the bucket-setup
// Job runs, so that `go mod tidy` keeps its dependencies.
package tools

import _ "github.com/minio/mc"
