package main

// On Windows electsum is started by double-clicking it: with no arguments it starts the web page, and
// when that fails the console window stays open until Enter, so that the message can be read.
const (
	noArgsCommand = "serve"
	pauseOnError  = true
)
