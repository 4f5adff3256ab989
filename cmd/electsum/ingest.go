package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"electsum/analytics"
	"electsum/ingest"

	"golang.org/x/term"
)

func runIngest(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "ingest", "[--db electsum.duckdb] [--county 县名] [--year 年份] [--replaces 原文件名] [--skip-bad-files] [--errors-dir 目录] [--json] 文件或文件夹...")
	dbPath := fs.String("db", ingest.DefaultDB, "数据库文件")
	county := fs.String("county", "", "“县(市、区)”未填写的行归入的县名(不填时：按数据库中该乡镇所属的县；数据库只有一个县时归入该县)")
	yearFlag := fs.String("year", "", "表格没有“年份”一列(或未填写)时，整批表格归入的年份，如 2024")
	skip := fs.Bool("skip-bad-files", false, "有错误的文件跳过，其余文件照常导入(默认：任何文件有错误则全部不导入)")
	errorsDir := fs.String("errors-dir", "", "把标出问题单元格的工作簿副本和 问题清单.xlsx 写到这个目录，便于发回乡镇改正")
	asJSON := fs.Bool("json", false, "在标准输出打印 JSON 格式的导入结果")
	force := fs.Bool("force", false, "--errors-dir 中已有上次写出的问题标注时覆盖 (原始表格永远不会被覆盖)")
	var replaces multiFlag
	fs.Var(&replaces, "replaces", "本次导入的文件是此前导入的这个文件(文件名或路径)的改正版：原文件导入的数据全部替换(可重复)")
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	year := 0
	if *yearFlag != "" {
		var ok bool
		if year, ok = ingest.ParseYear(*yearFlag); !ok {
			return &usageError{message: fmt.Sprintf("--year %q 不是年份", *yearFlag), hint: "写四位数字的年份，如 --year 2024"}
		}
	}
	if len(paths) == 0 {
		return &usageError{message: "没有指定要导入的文件或文件夹", hint: "electsum ingest 收到的表格/   (文件夹会逐级查找 .xlsx、.xls、.et 和 .csv)"}
	}
	var exclude []string
	if *errorsDir != "" {
		// Checked before loading, so that a folder that cannot be written costs nothing.
		if err := checkErrorsDir(*errorsDir, paths, *force); err != nil {
			return err
		}
		exclude = []string{*errorsDir}
	}
	_, statErr := os.Stat(*dbPath)
	created := errors.Is(statErr, os.ErrNotExist)
	db, err := ingest.Open(ctx, *dbPath)
	if err != nil {
		if created {
			removeDB(*dbPath)
		}
		return lockHint(err, *dbPath)
	}
	committed := false
	defer func() {
		db.Close()
		// A run that writes nothing leaves no new file behind: an empty database would later read as
		// "全部数据 0 年" instead of "no data yet".
		if created && !committed {
			removeDB(*dbPath)
		}
	}()

	bar := newProgress(e.stderr)
	rep, loadErr := ingest.Load(ctx, db, paths, ingest.LoadOptions{County: *county, Year: year, Replaces: replaces, SkipBadFiles: *skip,
		Progress: bar.update, Install: analytics.InstallTx, Exclude: exclude, KeepUnpacked: *errorsDir != ""})
	defer rep.RemoveUnpacked() // after the marked copies of files unpacked from a .zip are written
	bar.done()
	if rep == nil {
		if errors.Is(loadErr, context.Canceled) {
			return &interruptedError{state: "数据库未改动", err: loadErr}
		}
		return loadErr
	}
	committed = rep.Committed
	if !committed && errors.Is(loadErr, context.Canceled) {
		return &interruptedError{state: "数据库未改动", err: loadErr}
	}
	var pe *ingest.ProblemsError
	if loadErr != nil && !errors.As(loadErr, &pe) {
		return loadErr
	}
	// The outcome is printed first, whatever happens to the marked copies: they never decide, nor
	// hide, whether the data landed.
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		printProblems(e.stdout, rep.Problems)
		fmt.Fprint(e.stdout, rep.Summary())
		if rep.Committed {
			fmt.Fprintf(e.stdout, "数据库: %s\n", *dbPath)
		}
	}
	if len(rep.Skipped) > 0 {
		fmt.Fprintf(e.stderr, "已跳过 %d 个由 electsum 写出的问题标注文件(--errors-dir 目录中的文件不作为输入)，如 %s\n", len(rep.Skipped), rep.Skipped[0])
	}
	if *errorsDir != "" && len(rep.Problems) > 0 {
		sources := map[string]string{} // by the name the problems use: a file unpacked from a .zip is read from its Source
		for _, f := range rep.Files {
			sources[f.Path] = cmp.Or(f.Source, f.Path)
		}
		output, err := outputFor(ctx, db, *dbPath, *force)
		var written []string
		if err == nil {
			written, err = ingest.WriteErrorsDirNamed(output, *errorsDir, rep.Problems, sources)
		}
		for _, w := range written {
			fmt.Fprintf(e.stderr, "已写出: %s\n", w)
		}
		if pe != nil && len(written) > 0 {
			pe.ErrorsDir = *errorsDir
		}
		if err != nil {
			state := "数据库未作任何改动"
			if rep.Committed {
				state = "数据已导入 " + *dbPath + "，无需重新导入"
			}
			return &hintedError{err: fmt.Errorf("写出问题标注失败(%s): %w", state, err),
				hint: "检查目录 " + *errorsDir + " 是否可写、磁盘是否已满；上面已列出全部问题"}
		}
	}
	if loadErr == nil && hasWarnings(rep) && *errorsDir == "" && !*asJSON {
		fmt.Fprintln(e.stdout, "建议: 加 --errors-dir 目录 可导出标出问题单元格的工作簿和问题清单，发回乡镇核对")
	}
	return loadErr
}

// checkErrorsDir makes sure the --errors-dir folder can be written and is not one of the input
// folders (nor holds one): its files are skipped as input, and the inputs must not be. Without force, a
// folder that already holds marked copies or a problem list is refused before anything is loaded, so
// that the data never lands while the marked copies cannot be written.
func checkErrorsDir(dir string, paths []string, force bool) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	for _, p := range paths {
		in, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		if rel, err := filepath.Rel(abs, in); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return &usageError{message: fmt.Sprintf("--errors-dir %s 不能是要导入的 %s 本身或它的上级目录", dir, p),
				hint: "换一个单独的目录，例如 --errors-dir 退回/ (放在输入文件夹里面也可以，导入时会跳过)"}
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return &hintedError{err: fmt.Errorf("无法创建 --errors-dir 目录 %s(本次没有导入任何数据): %w", dir, err),
			hint: "换一个可写的目录，或先删除同名的文件"}
	}
	if !force {
		var old []string
		marked, _ := filepath.Glob(filepath.Join(dir, "*_问题标注*.xlsx"))
		for _, p := range append(marked, filepath.Join(dir, ingest.ProblemListName)) {
			if fi, err := os.Lstat(p); err == nil && fi.Mode().IsRegular() {
				old = append(old, p)
			}
		}
		if len(old) > 0 {
			return &usageError{message: fmt.Sprintf("--errors-dir %s 中已有上次写出的 %s 等 %d 个文件(本次没有导入任何数据)", dir, filepath.Base(old[0]), len(old)),
				hint: "加 --force 覆盖它们，或换一个空目录"}
		}
	}
	probe, err := os.CreateTemp(dir, ".electsum-probe-*")
	if err != nil {
		return &hintedError{err: fmt.Errorf("无法写入 --errors-dir 目录 %s(本次没有导入任何数据): %w", dir, err),
			hint: "换一个可写的目录，或检查该目录的权限和磁盘空间"}
	}
	probe.Close()
	os.Remove(probe.Name())
	return nil
}

// hintedError adds what to do to an error from below.
type hintedError struct {
	err  error
	hint string
}

func (e *hintedError) Error() string { return e.err.Error() }
func (e *hintedError) Unwrap() error { return e.err }
func (e *hintedError) Hint() string  { return e.hint }

func hasWarnings(r *ingest.Report) bool {
	for _, p := range r.Problems {
		if p.Severity == ingest.Warning {
			return true
		}
	}
	return false
}

// printProblems lists problems grouped by severity, errors first, as file:sheet!C12: message.
func printProblems(w io.Writer, ps []ingest.Problem) {
	for _, sev := range []ingest.Severity{ingest.Error, ingest.Warning, ingest.Notice} {
		var lines []string
		for _, p := range ps {
			if p.Severity == sev {
				lines = append(lines, ingest.FormatProblem(p))
			}
		}
		if len(lines) == 0 {
			continue
		}
		fmt.Fprintf(w, "%s(%d):\n", sev, len(lines))
		for _, l := range lines {
			fmt.Fprintf(w, "  %s\n", l)
		}
	}
}

// progress shows how an ingest run goes on stderr: a bar redrawn in place on a terminal, one line
// per file otherwise (logs, CI, tests).
type progress struct {
	w     io.Writer
	tty   bool
	start time.Time
	last  time.Time
	drawn bool
}

func newProgress(w io.Writer) *progress {
	p := &progress{w: w, start: time.Now()}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.tty = true
	}
	return p
}

func (p *progress) update(ev ingest.ProgressEvent) {
	if !p.tty {
		what := ev.Outcome.Chinese()
		if ev.Outcome == ingest.Loaded {
			what = "已读取" // written only at the end, when every file has passed
		}
		fmt.Fprintf(p.w, "[%d/%d] %s %s，累计 %d 行\n", ev.FilesDone, ev.FilesTotal, what, ev.File, ev.Rows)
		return
	}
	now := time.Now()
	if now.Sub(p.last) < 100*time.Millisecond && ev.FilesDone < ev.FilesTotal {
		return
	}
	p.last = now
	frac := float64(ev.FilesDone) / float64(max(ev.FilesTotal, 1))
	if ev.BytesTotal > 0 {
		frac = float64(ev.Bytes) / float64(ev.BytesTotal)
	}
	const width = 24
	n := int(frac * width)
	elapsed := now.Sub(p.start).Seconds()
	rate := float64(ev.Rows) / max(elapsed, 0.001)
	clock := func(d time.Duration) string { return fmt.Sprintf("%02d:%02d", int(d.Minutes()), int(d.Seconds())%60) }
	eta := "剩余 --:--"
	switch {
	case frac >= 1:
		eta = "用时 " + clock(now.Sub(p.start))
	case frac > 0:
		eta = "剩余 " + clock(time.Duration(elapsed*(1-frac)/frac*float64(time.Second)))
	}
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d 个文件  %d 行  %.0f 行/秒  %s ", strings.Repeat("#", n), strings.Repeat(".", width-n),
		ev.FilesDone, ev.FilesTotal, ev.Rows, rate, eta)
	p.drawn = true
}

func (p *progress) done() {
	if p.tty && p.drawn {
		fmt.Fprintln(p.w)
	}
}

// multiFlag is a flag that may be given several times.
type multiFlag []string

func (m *multiFlag) String() string { return strings.Join(*m, ",") }

func (m *multiFlag) Set(v string) error {
	*m = append(*m, v)
	return nil
}

// removeDB deletes a database file this run created, with DuckDB's write-ahead log and spill folder.
func removeDB(path string) {
	for _, p := range []string{path, path + ".wal", path + ".tmp"} {
		os.RemoveAll(p)
	}
}
