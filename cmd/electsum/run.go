package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"electsum"
)

// command is one subcommand. Each lives in its own file and registers itself in init.
type command struct {
	name    string
	summary string // one line, shown by `electsum help`
	run     func(ctx context.Context, env *env, args []string) error
}

// env is what a subcommand may touch of the outside world, so that Run is testable in-process.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

var commands = map[string]*command{}

// noArgsCommand is what `electsum` with no arguments runs: help, except on Windows, where the program
// is started by double-clicking it and opens the web page (noargs_windows.go).
var noArgsCommand = ""

// pauseOnError keeps a double-clicked console window open after a failure (Windows).
var pauseOnError = false

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("command registered twice: " + c.name)
	}
	commands[c.name] = c
}

// usageError is a mistake in how electsum was called; hint says what to do instead.
type usageError struct {
	message string
	hint    string
}

func (e *usageError) Error() string { return e.message }

// hinted is an error that knows what the user should do about it.
type hinted interface{ Hint() string }

// Run executes one electsum command line and returns the process exit code: 0 on success, 1 when the
// work failed, 2 when the command line was wrong.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 && noArgsCommand != "" {
		args = []string{noArgsCommand}
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				return Run(ctx, []string{c.name, "-h"}, stdin, stdout, stderr)
			}
		}
		printHelp(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "错误: 没有 %q 这个命令\n建议: 运行 electsum help 查看全部命令\n", args[0])
		return 2
	}
	err := c.run(ctx, e, args[1:])
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	}
	fmt.Fprintf(stderr, "错误: %v\n", err)
	var u *usageError
	if errors.As(err, &u) {
		if u.hint != "" {
			fmt.Fprintf(stderr, "建议: %s\n", u.hint)
		}
		return 2
	}
	var h hinted
	if errors.As(err, &h) && h.Hint() != "" {
		fmt.Fprintf(stderr, "建议: %s\n", h.Hint())
	}
	// Refusing to write over a file is, like a usage mistake, the user's to change: exit 2.
	if errors.As(err, new(*electsum.ExistsError)) || errors.As(err, new(*electsum.ProtectedError)) {
		return 2
	}
	return 1
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "electsum — 换届选举数据汇总与工作总结起草工具")
	fmt.Fprintln(w, "\n用法: electsum <命令> [参数]\n\n命令:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\n每个命令的参数: electsum <命令> -h")
}

// newFlagSet makes a flag set whose errors and help go to the command's stderr and that does not exit.
func newFlagSet(e *env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "用法: electsum %s %s\n\n", name, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, allowing flags after positional arguments (electsum ingest a.xlsx --db x),
// as users type them.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, &usageError{message: err.Error(), hint: "运行 electsum " + fs.Name() + " -h 查看参数"}
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// listFlag is a comma-separated flag value such as --format md,html.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// demoStep is one thing `electsum demo` does after the data is generated and ingested (reports, annex).
// Steps register themselves from the file of the command they belong to and run in order.
type demoStep struct {
	order int
	name  string
	run   func(ctx context.Context, e *env, d *demoContext) error
}

// demoContext is what demo steps share: where the database and the outputs are, and which county and
// township the demo data has.
type demoContext struct {
	OutDir   string // everything demo writes goes below here
	DB       string // path of the demo database
	County   string
	Township string // one township for township-level outputs
	Year     int    // the latest term
	Compare  int    // the previous term
	// Outputs collects "what — path" lines that demo prints at the end.
	Outputs []string
}

var demoSteps []demoStep

func registerDemoStep(s demoStep) {
	demoSteps = append(demoSteps, s)
	sort.SliceStable(demoSteps, func(i, j int) bool { return demoSteps[i].order < demoSteps[j].order })
}
