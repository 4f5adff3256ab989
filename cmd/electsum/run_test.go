package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// runCLI runs electsum in-process and returns its exit code and output.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestRunUnknownCommand(t *testing.T) {
	code, _, stderr := runCLI(t, "frobnicate")
	if code != 2 || !strings.Contains(stderr, "frobnicate") {
		t.Fatalf("code %d, stderr %q", code, stderr)
	}
}

func TestRunHelpListsCommands(t *testing.T) {
	code, stdout, _ := runCLI(t, "help")
	if code != 0 {
		t.Fatalf("help exited %d", code)
	}
	for _, c := range commands() {
		if !strings.Contains(stdout, c.name) {
			t.Errorf("help does not list %s", c.name)
		}
	}
}

func TestRunVersion(t *testing.T) {
	for _, arg := range []string{"version", "--version"} {
		code, stdout, _ := runCLI(t, arg)
		if code != 0 || strings.TrimSpace(stdout) != "electsum "+version {
			t.Errorf("electsum %s: exit %d, %q", arg, code, stdout)
		}
	}
}
