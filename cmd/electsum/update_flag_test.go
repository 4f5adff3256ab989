package main

import "flag"

// The golden files are refreshed with `go test ./... -update`; this package has none, but its test
// binary must accept the flag, or the command fails here.
var _ = flag.Bool("update", false, "refresh golden files (this package has none)")
