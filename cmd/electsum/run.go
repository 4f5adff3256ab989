package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
	"syscall"

	"electsum"
)

// command is one subcommand. Each lives in its own file; commands lists them.
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
	// canAsk says whether a person is at stdin to answer a confirmation (a terminal); scripts need --yes.
	canAsk bool
}

// version is set by the release build (.ci/release: -X main.version=…), so that a clerk can say which
// electsum.exe they run; a plain go build says "dev".
var version = "dev"

// commands lists every subcommand, built anew on each call so that nothing can change the list.
func commands() []*command {
	return []*command{
		{name: "ingest", summary: "把乡镇报来的 .xlsx/.xls/.et/.csv 表格检查后导入数据库", run: runIngest},
		{name: "report", summary: "起草换届选举工作总结（Markdown、HTML、Word、JSON）；report init 写出配置样例", run: runReport},
		{name: "annex", summary: "生成附件统计表(Excel 工作簿，或 CSV)", run: runAnnex},
		{name: "remove", summary: "从数据库删除某个乡镇某年(某类选举)或某个文件导入的数据，先预览再确认", run: runRemove},
		{name: "query", summary: "对数据库运行只读 SQL 或保存的分析 (--list 查看), 输出表格/CSV/JSON/xlsx/Parquet/Arrow", run: runQuery},
		{name: "serve", summary: "在浏览器中使用：导入表格、查看问题和统计、下载总结草稿和附件（本机网页）", run: runServe},
		{name: "demo", summary: "生成一个示例县的数据，导入数据库，并生成总结和附件", run: runDemo},
		{name: "template", summary: "生成供乡镇填写的空白采集表(带下拉选项和填表说明)", run: runTemplate},
		{name: "templates", summary: "templates export 目录：导出内置报告模板，改成本单位的格式后用 report --templates 使用", run: runTemplates},
	}
}

// lookup finds the subcommand called name.
func lookup(name string) (*command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return nil, false
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
	return run(ctx, args, &env{stdin: stdin, stdout: stdout, stderr: stderr, canAsk: isTerminal(stdin)})
}

// run is Run with the outside world given whole.
func run(ctx context.Context, args []string, e *env) int {
	stdout, stderr := e.stdout, e.stderr
	if len(args) == 0 && noArgsCommand != "" {
		args = []string{noArgsCommand}
	}
	if len(args) > 0 && (args[0] == "version" || args[0] == "--version") {
		fmt.Fprintln(stdout, "electsum", version)
		return 0
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			if c, ok := lookup(args[1]); ok {
				return run(ctx, []string{c.name, "-h"}, e)
			}
		}
		printHelp(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := lookup(args[0])
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
	if interrupted(ctx, err) {
		var ie *interruptedError
		if errors.As(err, &ie) {
			fmt.Fprintln(stderr, ie.Error())
		} else {
			fmt.Fprintln(stderr, "已中断")
		}
		return exitInterrupted
	}
	if diskFull(err) {
		fmt.Fprintf(stderr, "错误: 磁盘空间不足，没有写完: %v\n", err)
		fmt.Fprintln(stderr, "建议: 清理磁盘 (删除不需要的文件、清空回收站) 后重新运行，或用 -o (输出文件)、--db (数据库) 换到空间充足的文件夹或磁盘")
		return 1
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

// exitInterrupted is the exit code of a run stopped by Ctrl-C, as shells give 128+SIGINT.
const exitInterrupted = 130

// interruptedError is a run stopped by Ctrl-C (or SIGTERM); state says what it left behind.
type interruptedError struct {
	state string // 数据库未改动 …
	err   error
}

func (e *interruptedError) Error() string { return "已中断，" + e.state }
func (e *interruptedError) Unwrap() error { return e.err }

// interrupted says whether err is the run's context being cancelled (Ctrl-C), not a time limit.
func interrupted(ctx context.Context, err error) bool {
	if errors.As(err, new(*interruptedError)) {
		return true
	}
	return errors.Is(ctx.Err(), context.Canceled) && errors.Is(err, context.Canceled)
}

// diskFull says whether err is a full disk or a file-size limit, from the system (ENOSPC, EFBIG, and
// their Windows equivalents) or in DuckDB's words.
func diskFull(err error) bool {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EFBIG) {
		return true
	}
	msg := strings.ToLower(err.Error())
	for _, s := range []string{"no space left on device", "file too large", "not enough space on the disk", "disk is full", "out of disk space"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "electsum "+version+" — 换届选举数据汇总与工作总结起草工具")
	fmt.Fprintln(w, "\n用法: electsum <命令> [参数]\n\n命令:")
	cs := commands()
	sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	for _, c := range cs {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\n每个命令的参数: electsum <命令> -h；版本: electsum version")
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

// parseOnlyFlags is parseFlags for a command that takes no positional argument: one is a usageError
// whose hint says where the value goes instead.
func parseOnlyFlags(fs *flag.FlagSet, args []string, hint string) error {
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return &usageError{message: fs.Name() + " 不接受位置参数: " + strings.Join(rest, " "), hint: hint}
	}
	return nil
}

// parseFlags parses args, allowing flags after positional arguments (electsum ingest a.xlsx --db x),
// as users type them. After "--" everything is positional. An argument that starts with "-" but has
// white space in what would be its name is text, not a flag: SQL that begins with a "-- comment" line.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var flags, positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			positional = append(positional, args[i+1:]...)
			i = len(args)
		case !isFlagShaped(a):
			positional = append(positional, a)
		default:
			flags = append(flags, a)
			name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
			if f := fs.Lookup(name); f != nil && !hasValue && !isBoolFlag(f) && i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
		}
	}
	if err := fs.Parse(flags); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, err
		}
		return nil, &usageError{message: err.Error(), hint: "运行 electsum " + fs.Name() + " -h 查看参数"}
	}
	return positional, nil
}

// isFlagShaped says whether a looks like -name, --name or --name=value.
func isFlagShaped(a string) bool {
	if len(a) < 2 || a[0] != '-' {
		return false
	}
	name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
	return name != "" && !strings.ContainsAny(name, " \t\r\n\v\f")
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
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
// demoSteps lists them in the order they run.
type demoStep struct {
	name string
	run  func(ctx context.Context, e *env, d *demoContext) error
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

// demoSteps are the steps electsum demo runs after loading the sample county, in order.
func demoSteps() []demoStep {
	return []demoStep{
		{name: "工作总结", run: demoReport},
		{name: "附件", run: demoAnnex},
		{name: "保存的查询", run: demoQueries},
	}
}
