//go:build !windows

package main

// Elsewhere electsum with no arguments prints help (noargs_windows.go: the web page on Windows).
const (
	noArgsCommand = ""
	pauseOnError  = false
)
