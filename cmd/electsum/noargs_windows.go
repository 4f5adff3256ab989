package main

// On Windows electsum is started by double-clicking it: with no arguments it starts the web page.
func init() { noArgsCommand = "serve" }
