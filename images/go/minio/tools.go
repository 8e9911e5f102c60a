//go:build tools

// Package tools pins the MinIO server (community edition, AGPLv3; the
// platform's in-cluster object storage) so that `go mod tidy` keeps its
// dependencies.
package tools

import _ "github.com/minio/minio"
