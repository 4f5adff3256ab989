package main

import (
	"os"
	"path/filepath"
)

// On Windows electsum is started by double-clicking it: with no arguments it starts the web page, and
// when that fails the console window stays open until Enter, so that the message can be read.
const (
	noArgsCommand = "serve"
	pauseOnError  = true
)

// Started without arguments it works in its own folder, as the clerks' guide promises (electsum.duckdb
// and report.toml beside electsum.exe): a shortcut, the Start menu or the Run box may start it in another
// folder (often one the user cannot write, such as C:\Windows\System32).
func init() {
	if len(os.Args) == 1 {
		if exe, err := os.Executable(); err == nil {
			os.Chdir(filepath.Dir(exe))
		}
	}
}
