package ingest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

//go:embed loadsql/*.sql
var loadSQL embed.FS

func mustSQL(name string) string {
	b, err := loadSQL.ReadFile("loadsql/" + name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

var (
	sqlStage         = mustSQL("stage.sql")
	sqlDropStage     = mustSQL("drop_stage.sql")
	sqlDropFile      = mustSQL("drop_file.sql")
	sqlCurrentHashes = mustSQL("current_hashes.sql")
	sqlReplace       = mustSQL("replace.sql")
	sqlLog           = mustSQL("log.sql")
	sqlClearLog      = mustSQL("clear_log.sql")
	sqlPersonClash   = mustSQL("person_clash.sql")
	sqlKeyClashes    = mustSQL("key_clashes.sql")
	sqlLimitMemory   = mustSQL("limit_memory.sql")
	sqlResetMemory   = mustSQL("reset_memory.sql")
	sqlPersonClashes = mustSQL("person_clashes.sql")
)

// Outcome is what became of one input file; the same words are stored in ingest_log.outcome.
type Outcome string

const (
	Loaded    Outcome = "loaded"     // its rows are in the database
	Unchanged Outcome = "unchanged"  // the same content is already loaded; nothing was written
	Rejected  Outcome = "rejected"   // it has errors; none of its rows were written
	NotLoaded Outcome = "not_loaded" // it is clean, but another file's errors stopped the whole run
)

// Chinese is the outcome as the user reads it.
func (o Outcome) Chinese() string {
	switch o {
	case Loaded:
		return "已导入"
	case Unchanged:
		return "未变化"
	case Rejected:
		return "被拒绝"
	case NotLoaded:
		return "未导入"
	}
	return string(o)
}

// LoadOptions tune one ingest run.
type LoadOptions struct {
	// County fills the county of rows whose sheet has no county column.
	County string
	// MaxFileSize is the largest file accepted, in bytes (0: the reader's default).
	MaxFileSize int64
	// SkipBadFiles loads the files without errors and rejects the others, instead of writing nothing.
	SkipBadFiles bool
	// Workers is how many files are read at once (0: 2).
	Workers int
	// Progress, when set, is called after each file is read, from the goroutine that called Load.
	Progress func(ProgressEvent)
	// Now is the clock for ingest_log.ingested_at (nil: time.Now).
	Now func() time.Time
}

// ProgressEvent reports one file done.
type ProgressEvent struct {
	File       string  `json:"file"`
	Outcome    Outcome `json:"outcome"` // loaded here means "read and staged": the run may still be rejected
	FilesDone  int     `json:"files_done"`
	FilesTotal int     `json:"files_total"`
	Rows       int     `json:"rows"` // rows read so far, both sheets, all files
	Bytes      int64   `json:"bytes"`
	BytesTotal int64   `json:"bytes_total"`
}

// FileReport is what happened to one input file.
type FileReport struct {
	Path     string  `json:"path"`
	SHA256   string  `json:"sha256"`
	Bytes    int64   `json:"bytes"`
	Outcome  Outcome `json:"outcome"`
	Results  int     `json:"result_rows"`
	Members  int     `json:"member_rows"`
	Errors   int     `json:"errors"`
	Warnings int     `json:"warnings"`
	Notices  int     `json:"notices"`
	Message  string  `json:"message,omitempty"`
}

// ProblemCount is how many problems of one rule a run found.
type ProblemCount struct {
	Severity Severity `json:"severity"`
	Rule     string   `json:"rule"`
	Count    int      `json:"count"`
}

// Report is the outcome of one ingest run. Row, township, unit and year figures count what this run
// wrote (files loaded), not what the database held before.
type Report struct {
	Files      []FileReport   `json:"files"`
	Loaded     int            `json:"loaded"`
	Unchanged  int            `json:"unchanged"`
	Rejected   int            `json:"rejected"`
	NotLoaded  int            `json:"not_loaded"`
	ResultRows int            `json:"result_rows"`
	MemberRows int            `json:"member_rows"`
	Townships  int            `json:"townships"`
	Units      int            `json:"units"`
	Years      []int          `json:"years"`
	Problems   []Problem      `json:"problems"`
	Counts     []ProblemCount `json:"problem_counts"`
	Committed  bool           `json:"committed"` // false when nothing was written
}

// Summary is the report in a few lines of Chinese for the end of `electsum ingest`.
func (r *Report) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "文件 %d 个：已导入 %d，未变化 %d，被拒绝 %d", len(r.Files), r.Loaded, r.Unchanged, r.Rejected)
	if r.NotLoaded > 0 {
		fmt.Fprintf(&b, "，因其他文件有错误而未导入 %d", r.NotLoaded)
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "写入：选举结果 %d 行，当选人员 %d 行；涉及乡镇 %d 个，村(社区、选区) %d 个", r.ResultRows, r.MemberRows, r.Townships, r.Units)
	if len(r.Years) > 0 {
		years := make([]string, len(r.Years))
		for i, y := range r.Years {
			years[i] = fmt.Sprint(y)
		}
		fmt.Fprintf(&b, "，年份 %s", strings.Join(years, "、"))
	}
	b.WriteString("\n")
	if len(r.Counts) == 0 {
		b.WriteString("问题：无\n")
		return b.String()
	}
	by := map[Severity]int{}
	for _, c := range r.Counts {
		by[c.Severity] += c.Count
	}
	fmt.Fprintf(&b, "问题：错误 %d 个，警告 %d 个，提示 %d 个\n", by[Error], by[Warning], by[Notice])
	for _, c := range r.Counts {
		fmt.Fprintf(&b, "  %s %-28s %d\n", c.Severity, c.Rule, c.Count)
	}
	if !r.Committed {
		b.WriteString("数据库未作任何改动\n")
	}
	return b.String()
}

// ProblemsError means files had errors: either nothing was written (the default) or, with
// SkipBadFiles, the clean files were loaded and the files listed in Rejected were not.
type ProblemsError struct {
	Problems []Problem // every problem of the run, errors, warnings and notices, sorted by place
	Rejected []string  // the files with errors
	Partial  bool      // true when the clean files were loaded anyway (SkipBadFiles)
}

func (e *ProblemsError) Error() string {
	n := 0
	for _, p := range e.Problems {
		if p.Severity == Error {
			n++
		}
	}
	if e.Partial {
		return fmt.Sprintf("%d 个文件有错误(共 %d 处)，已跳过；其余文件已导入", len(e.Rejected), n)
	}
	return fmt.Sprintf("%d 个文件有错误(共 %d 处)，本次没有写入任何数据", len(e.Rejected), n)
}

// Hint says how to go on.
func (e *ProblemsError) Hint() string {
	h := "按上面列出的位置改正后重新运行 electsum ingest；加 --errors-dir 目录 可得到标出错误单元格的工作簿和问题清单，发回乡镇改正"
	if !e.Partial {
		h += "\n建议: 若要先导入没有错误的文件，加 --skip-bad-files"
	}
	return h
}

// FormatProblem prints a problem as file:sheet!C12: message, the form editors and clerks can follow.
func FormatProblem(p Problem) string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Sheet != "" {
		b.WriteString(":" + p.Sheet)
		switch {
		case p.Cell != "":
			b.WriteString("!" + p.Cell)
		case p.Row > 0:
			fmt.Fprintf(&b, "!第%d行", p.Row)
		}
	}
	b.WriteString(": " + p.Message)
	return b.String()
}

// SortProblems orders problems by file, sheet, row, cell and rule, so that output does not depend on
// the order files were read in.
func SortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Sheet != b.Sheet {
			return a.Sheet < b.Sheet
		}
		if a.Row != b.Row {
			return a.Row < b.Row
		}
		if len(a.Cell) != len(b.Cell) {
			return len(a.Cell) < len(b.Cell)
		}
		if a.Cell != b.Cell {
			return a.Cell < b.Cell
		}
		return a.Rule < b.Rule
	})
}

// Load reads every .xlsx and .csv file named by paths (files, or folders searched recursively) and
// writes their rows into db.
//
// The run is all-or-nothing: when any file has an error (its own, or a clash with another file of the
// run), nothing at all is written — not even ingest_log, so that a failed run leaves no trace — and
// the error is a *ProblemsError listing every problem. With opts.SkipBadFiles the clean files are
// loaded, the others are recorded in ingest_log as rejected, and the error is a *ProblemsError with
// Partial set. A file whose content (sha256) is already loaded is Unchanged and not read again.
// Loaded files replace every election (county, township, unit, year, body) they cover. The Report is
// returned whenever the files could be listed, also together with an error.
func Load(ctx context.Context, db *sql.DB, paths []string, opts LoadOptions) (*Report, error) {
	files, err := expandPaths(paths)
	if err != nil {
		return nil, err
	}
	l, err := newLoader(ctx, db, opts)
	if err != nil {
		return nil, err
	}
	defer l.close()

	// Hash every file first, in path order, so that which of two identical files counts as the
	// duplicate does not depend on which worker finishes first.
	var toParse []int
	limit := opts.MaxFileSize
	if limit <= 0 {
		limit = DefaultMaxFileSize
	}
	for _, path := range files {
		sum, size, err := hashFile(path, limit)
		id := l.newFile(path, sum, size)
		switch {
		case err != nil:
			l.fail(id, unreadable(path, err))
		case l.unchanged(sum):
		default:
			toParse = append(toParse, id)
		}
	}
	for id := range l.files {
		if l.files[id].report.Outcome != "" {
			l.progress(id)
		}
	}
	if err := l.parseAll(ctx, toParse); err != nil {
		l.notLoaded()
		return l.report(), err
	}
	return l.finish(ctx)
}

// loadParsed loads already-parsed files; it is Load without the file system, for tests and for
// callers that build Parsed values themselves.
func loadParsed(ctx context.Context, db *sql.DB, parsed []*Parsed, opts LoadOptions) (*Report, error) {
	l, err := newLoader(ctx, db, opts)
	if err != nil {
		return nil, err
	}
	defer l.close()
	for _, p := range parsed {
		id := l.newFile(p.Path, p.SHA256, 0)
		if !l.unchanged(p.SHA256) {
			if err := l.add(ctx, id, p); err != nil {
				l.notLoaded()
				return l.report(), err
			}
		}
		l.progress(id)
	}
	return l.finish(ctx)
}

// hashFile returns the sha256 of a file's content, and its size. A file over limit is not read: it
// gets no hash, and the reader refuses it with the size in its message.
func hashFile(path string, limit int64) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.Size() > limit {
		return "", info.Size(), nil
	}
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", n, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// fileState is the loader's record of one input file.
type fileState struct {
	report   FileReport
	problems []Problem
	keys     []Key // elections it covers, once each
	staged   bool
}

// clash is two files of one run that cover the same election or name the same person.
type clash struct {
	a, b    int
	keys    []Key
	persons []string
}

// loader holds one ingest run. It owns one connection for the whole run, because the staging tables
// are temporary tables that only that connection sees.
type loader struct {
	db      *sql.DB
	conn    *sql.Conn
	opts    LoadOptions
	stage   *stager
	files   []*fileState
	known   map[string]bool // content already loaded, and current
	inRun   map[string]int  // content seen in this run → file
	clashes map[[2]int]*clash
	rows    int
	bytes   int64
	total   int64
}

func newLoader(ctx context.Context, db *sql.DB, opts LoadOptions) (*loader, error) {
	if opts.Workers <= 0 {
		opts.Workers = 2
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	l := &loader{db: db, conn: conn, opts: opts, known: map[string]bool{}, inRun: map[string]int{},
		clashes: map[[2]int]*clash{}}
	if err := l.readKnown(ctx); err != nil {
		conn.Close()
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, sqlLimitMemory); err != nil {
		conn.Close()
		return nil, fmt.Errorf("limit memory: %w", err)
	}
	if _, err := conn.ExecContext(ctx, sqlStage); err != nil {
		conn.ExecContext(context.Background(), sqlResetMemory)
		conn.Close()
		return nil, fmt.Errorf("create staging tables: %w", err)
	}
	l.stage, err = newStager(conn)
	if err != nil {
		l.close()
		return nil, err
	}
	return l, nil
}

func (l *loader) readKnown(ctx context.Context) error {
	rows, err := l.conn.QueryContext(ctx, sqlCurrentHashes)
	if err != nil {
		return fmt.Errorf("read ingest_log: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return fmt.Errorf("read ingest_log: %w", err)
		}
		l.known[s] = true
	}
	return rows.Err()
}

func (l *loader) close() {
	if l.stage != nil {
		l.stage.close()
		l.stage = nil
	}
	// The staging tables would otherwise live on in the pooled connection.
	l.conn.ExecContext(context.Background(), sqlDropStage)
	l.conn.ExecContext(context.Background(), sqlResetMemory)
	l.conn.Close()
}

func (l *loader) newFile(path, sum string, size int64) int {
	l.files = append(l.files, &fileState{report: FileReport{Path: path, SHA256: sum, Bytes: size}})
	l.total += size
	return len(l.files) - 1
}

// unchanged marks the newest file Unchanged, and says so, when content with its hash is already
// loaded or was seen earlier in this run.
func (l *loader) unchanged(sum string) bool {
	id := len(l.files) - 1
	f := l.files[id]
	if sum == "" {
		return false
	}
	if l.known[sum] {
		f.report.Outcome, f.report.Message = Unchanged, "内容与此前已导入的文件相同，未重复导入"
		return true
	}
	if first, ok := l.inRun[sum]; ok {
		f.report.Outcome, f.report.Message = Unchanged, fmt.Sprintf("内容与 %s 相同，未重复导入", l.files[first].report.Path)
		return true
	}
	l.inRun[sum] = id
	return false
}

func (l *loader) progress(id int) {
	f := l.files[id]
	l.bytes += f.report.Bytes
	if l.opts.Progress == nil {
		return
	}
	done := 0
	for _, f := range l.files {
		if f.report.Outcome != "" {
			done++
		}
	}
	l.opts.Progress(ProgressEvent{File: f.report.Path, Outcome: f.report.Outcome, FilesDone: done,
		FilesTotal: max(len(l.files), done), Rows: l.rows, Bytes: l.bytes, BytesTotal: l.total})
}

// fail rejects a file with a problem of its own.
func (l *loader) fail(id int, p Problem) {
	f := l.files[id]
	f.problems = append(f.problems, p)
	f.report.Outcome = Rejected
	if f.report.Message == "" {
		f.report.Message = p.Message
	}
}

// parseAll reads the files with opts.Workers goroutines and stages each as it arrives.
func (l *loader) parseAll(ctx context.Context, ids []int) error {
	type parsed struct {
		id  int
		p   *Parsed
		err error
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan int)
	out := make(chan parsed)
	var wg sync.WaitGroup
	for range min(l.opts.Workers, max(len(ids), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range jobs {
				p, err := parseSafely(l.files[id].report.Path, ParseOptions{County: l.opts.County, MaxFileSize: l.opts.MaxFileSize})
				select {
				case out <- parsed{id, p, err}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, id := range ids {
			select {
			case jobs <- id:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(out) }()

	for r := range out {
		if err := ctx.Err(); err != nil {
			return err
		}
		path := l.files[r.id].report.Path
		if r.err != nil {
			l.fail(r.id, unreadable(path, r.err))
		} else {
			if r.p.SHA256 == "" {
				r.p.SHA256 = l.files[r.id].report.SHA256
			}
			if err := l.add(ctx, r.id, r.p); err != nil {
				return err
			}
		}
		l.progress(r.id)
	}
	return ctx.Err()
}

// unreadable is the problem of a file that cannot be read at all. The rule tells the reader's kinds
// apart (file_encrypted, file_zip_bomb …); the reader's *FileError already says what to do.
func unreadable(path string, err error) Problem {
	rule := "file_unreadable"
	for _, k := range []struct {
		err  error
		rule string
	}{{ErrNotWorkbook, "file_not_workbook"}, {ErrEncrypted, "file_encrypted"}, {ErrTooLarge, "file_too_large"},
		{ErrZipBomb, "file_zip_bomb"}, {ErrCorrupt, "file_corrupt"}} {
		if errors.Is(err, k.err) {
			rule = k.rule
		}
	}
	msg := fmt.Sprintf("无法读取文件：%v", err)
	var fe *FileError
	if errors.As(err, &fe) {
		msg = fe.Error()
	}
	return Problem{Severity: Error, File: path, Rule: rule, Message: msg}
}

// parseFile is ParseFile, replaceable by tests that need a reader that misbehaves.
var parseFile = ParseFile

// parseSafely turns a panic in the reader (a hostile file it did not foresee) into an error for that
// file, so that one file cannot bring the whole run down.
func parseSafely(path string, opts ParseOptions) (p *Parsed, err error) {
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, fmt.Errorf("读取时出现内部错误(%v)，请把该文件和下面的信息报告给开发者：%s", r, firstFrames(debug.Stack()))
		}
	}()
	p, err = parseFile(path, opts)
	if err == nil && p == nil {
		err = errors.New("读取器没有返回任何内容")
	}
	return p, err
}

// firstFrames keeps the top of a stack trace: enough to find the bug, short enough to print.
func firstFrames(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	var keep []string
	for _, l := range lines {
		if strings.HasPrefix(l, "electsum/") && !strings.Contains(l, "parseSafely") {
			if i := strings.LastIndex(l, "("); i > 0 {
				l = l[:i] // the arguments are raw words, of no use to anyone
			}
			keep = append(keep, l)
		}
	}
	return strings.Join(keep[:min(len(keep), 3)], "; ")
}

// add checks one parsed file against the others of the run and stages its rows.
func (l *loader) add(ctx context.Context, id int, p *Parsed) error {
	f := l.files[id]
	if p.Path == "" {
		p.Path = f.report.Path
	}
	f.report.Results, f.report.Members = len(p.Results), len(p.Members)
	l.rows += len(p.Results) + len(p.Members)
	f.problems = append(f.problems, p.Problems...)
	for _, pr := range p.Problems {
		if pr.Severity == Error {
			f.report.Outcome = Rejected
			if f.report.Message == "" {
				f.report.Message = pr.Message
			}
		}
	}
	if f.report.Outcome == Rejected {
		// A file with errors of its own takes no part in the checks between files, so that what is
		// reported does not depend on the order files were read in.
		return nil
	}
	f.report.Outcome = Loaded
	// Clashes between files are found in SQL over the staging tables once all files are in, so that
	// memory does not grow with the number of people; only the file's elections are kept, for the report.
	seen := map[Key]bool{}
	cover := func(k Key) {
		if !seen[k] {
			seen[k] = true
			f.keys = append(f.keys, k)
		}
	}
	for i := range p.Results {
		cover(p.Results[i].Key)
	}
	for i := range p.Members {
		m := &p.Members[i]
		if m.PersonKey == "" {
			m.PersonKey = personKey(m)
		}
		cover(m.Key)
	}
	if err := l.stage.file(id, p); err != nil {
		return fmt.Errorf("stage %s: %w", p.Path, err)
	}
	f.staged = true
	return nil
}

func (l *loader) clash(a, b int) *clash {
	if a > b {
		a, b = b, a
	}
	c, ok := l.clashes[[2]int{a, b}]
	if !ok {
		c = &clash{a: a, b: b}
		l.clashes[[2]int{a, b}] = c
	}
	return c
}

// personKey is the schema's identity of a person when the reader did not set one: the ID number when
// given, else name, place and birth (or age).
func personKey(m *Member) string {
	if m.IDNumber != "" {
		return "id:" + m.IDNumber
	}
	born := ""
	switch {
	case m.Birth != nil:
		born = m.Birth.Format("2006-01")
	case m.Age != nil:
		born = fmt.Sprint(*m.Age)
	}
	return "name:" + m.Township + "|" + m.Unit + "|" + m.Name + "|" + born
}

// findClashes collects the elections and people that two staged files of the run both claim.
func (l *loader) findClashes(ctx context.Context) error {
	rows, err := l.conn.QueryContext(ctx, sqlKeyClashes)
	if err != nil {
		return fmt.Errorf("check files against each other: %w", err)
	}
	for rows.Next() {
		var a, b int
		var k Key
		if err := rows.Scan(&a, &b, &k.County, &k.Township, &k.Unit, &k.Year, &k.Body); err != nil {
			rows.Close()
			return fmt.Errorf("check files against each other: %w", err)
		}
		c := l.clash(a, b)
		c.keys = append(c.keys, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("check files against each other: %w", err)
	}
	rows, err = l.conn.QueryContext(ctx, sqlPersonClashes)
	if err != nil {
		return fmt.Errorf("check people across files: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a, b, year, rowA, rowB int
		var name, body string
		if err := rows.Scan(&a, &b, &name, &year, &body, &rowA, &rowB); err != nil {
			return fmt.Errorf("check people across files: %w", err)
		}
		c := l.clash(a, b)
		c.persons = append(c.persons, fmt.Sprintf("%s(%d年%s，%s 第%d行与 %s 第%d行)", name, year, body,
			l.files[a].report.Path, rowA, l.files[b].report.Path, rowB))
	}
	return rows.Err()
}

// resolveClashes turns clashes between files into errors on both files.
func (l *loader) resolveClashes() {
	pairs := make([][2]int, 0, len(l.clashes))
	for k := range l.clashes {
		pairs = append(pairs, k)
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i][0] != pairs[j][0] {
			return pairs[i][0] < pairs[j][0]
		}
		return pairs[i][1] < pairs[j][1]
	})
	for _, pair := range pairs {
		c := l.clashes[pair]
		for _, side := range [][2]int{{c.a, c.b}, {c.b, c.a}} {
			self, other := l.files[side[0]], l.files[side[1]].report.Path
			if len(c.keys) > 0 {
				sortKeys(c.keys)
				k := c.keys[0]
				more := ""
				if len(c.keys) > 1 {
					more = fmt.Sprintf(" 等 %d 项", len(c.keys))
				}
				l.fail(side[0], Problem{Severity: Error, File: self.report.Path, Rule: "duplicate_key_across_files",
					Value: fmt.Sprintf("%s %s %d %s", k.Township, k.Unit, k.Year, k.Body),
					Message: fmt.Sprintf("与 %s 含有同一选举(%s%s %d年 %s%s)；同一选举只能由一个文件提交，请删去重复的文件或合并成一个文件后重新导入",
						other, k.Township, k.Unit, k.Year, k.Body, more)})
			}
			if len(c.persons) > 0 {
				sort.Strings(c.persons)
				more := ""
				if len(c.persons) > 1 {
					more = fmt.Sprintf(" 等 %d 人", len(c.persons))
				}
				l.fail(side[0], Problem{Severity: Error, File: self.report.Path, Rule: "duplicate_person_across_files",
					Value:   c.persons[0],
					Message: fmt.Sprintf("与 %s 有同一人在同一年同一组织中当选两次：%s%s；请核对后只保留一处", other, c.persons[0], more)})
			}
		}
	}
}

func sortKeys(ks []Key) {
	sort.Slice(ks, func(i, j int) bool {
		a, b := ks[i], ks[j]
		if a.County != b.County {
			return a.County < b.County
		}
		if a.Township != b.Township {
			return a.Township < b.Township
		}
		if a.Unit != b.Unit {
			return a.Unit < b.Unit
		}
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		return a.Body < b.Body
	})
}

// report assembles the Report from the files' states; files are sorted by path.
func (l *loader) report() *Report {
	r := &Report{Files: []FileReport{}, Years: []int{}, Problems: []Problem{}, Counts: []ProblemCount{}} // [] not null in JSON
	files := append([]*fileState(nil), l.files...)
	sort.SliceStable(files, func(i, j int) bool { return files[i].report.Path < files[j].report.Path })
	townships, units, years := map[[2]string]bool{}, map[[3]string]bool{}, map[int]bool{}
	counts := map[[2]string]int{}
	for _, f := range files {
		fr := f.report
		fr.Errors, fr.Warnings, fr.Notices = 0, 0, 0
		for _, p := range f.problems {
			switch p.Severity {
			case Error:
				fr.Errors++
			case Warning:
				fr.Warnings++
			case Notice:
				fr.Notices++
			}
			counts[[2]string{string(p.Severity), p.Rule}]++
		}
		r.Problems = append(r.Problems, f.problems...)
		switch fr.Outcome {
		case Loaded:
			r.Loaded++
			r.ResultRows += fr.Results
			r.MemberRows += fr.Members
			for _, k := range f.keys {
				townships[[2]string{k.County, k.Township}] = true
				units[[3]string{k.County, k.Township, k.Unit}] = true
				years[k.Year] = true
			}
		case Unchanged:
			r.Unchanged++
		case Rejected:
			r.Rejected++
		case NotLoaded:
			r.NotLoaded++
		}
		r.Files = append(r.Files, fr)
	}
	r.Townships, r.Units = len(townships), len(units)
	for y := range years {
		r.Years = append(r.Years, y)
	}
	sort.Ints(r.Years)
	SortProblems(r.Problems)
	rank := map[Severity]int{Error: 0, Warning: 1, Notice: 2}
	for k, n := range counts {
		r.Counts = append(r.Counts, ProblemCount{Severity: Severity(k[0]), Rule: k[1], Count: n})
	}
	sort.Slice(r.Counts, func(i, j int) bool {
		a, b := r.Counts[i], r.Counts[j]
		if rank[a.Severity] != rank[b.Severity] {
			return rank[a.Severity] < rank[b.Severity]
		}
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Rule < b.Rule
	})
	return r
}

// finish writes the run: nothing when a file was rejected and SkipBadFiles is off, else the clean
// files' rows and every file's ingest_log row, in one transaction.
func (l *loader) finish(ctx context.Context) (*Report, error) {
	if err := l.stage.close(); err != nil {
		return l.report(), fmt.Errorf("stage rows: %w", err)
	}
	l.stage = nil
	if err := l.findClashes(ctx); err != nil {
		return l.report(), err
	}
	l.resolveClashes()
	var rejected []string
	for _, f := range l.files {
		if f.report.Outcome == Rejected {
			rejected = append(rejected, f.report.Path)
		}
	}
	sort.Strings(rejected)
	if len(rejected) > 0 && !l.opts.SkipBadFiles {
		l.notLoaded()
		r := l.report()
		return r, &ProblemsError{Problems: r.Problems, Rejected: rejected}
	}
	for {
		for id, f := range l.files {
			if f.report.Outcome == Rejected && f.staged {
				// One statement at a time: the driver binds parameters to a single statement only.
				for _, stmt := range strings.SplitAfter(sqlDropFile, ";") {
					if strings.TrimSpace(stmt) == "" {
						continue
					}
					if _, err := l.conn.ExecContext(ctx, stmt, id); err != nil {
						return l.report(), fmt.Errorf("drop staged rows of %s: %w", f.report.Path, err)
					}
				}
				f.staged = false
			}
		}
		clashes, err := l.commit(ctx)
		if err != nil {
			l.notLoaded()
			return l.report(), err
		}
		if len(clashes) == 0 {
			break
		}
		// People already elected elsewhere by an earlier run: the files naming them are rejected
		// like any other bad file, and with SkipBadFiles the rest is committed without them.
		for _, c := range clashes {
			l.fail(c.file, c.problem)
			rejected = append(rejected, l.files[c.file].report.Path)
		}
		rejected = slices.Compact(slices.Sorted(slices.Values(rejected)))
		if !l.opts.SkipBadFiles {
			l.notLoaded()
			r := l.report()
			return r, &ProblemsError{Problems: r.Problems, Rejected: rejected}
		}
	}
	r := l.report()
	r.Committed = true
	if len(rejected) > 0 {
		return r, &ProblemsError{Problems: r.Problems, Rejected: rejected, Partial: true}
	}
	return r, nil
}

// notLoaded marks the files that were going to be loaded as not loaded, when the run writes nothing.
func (l *loader) notLoaded() {
	for _, f := range l.files {
		if f.report.Outcome == Loaded {
			f.report.Outcome = NotLoaded
		}
	}
}

// personClash is a person of a staged file already elected to the same body and year in another unit.
type personClash struct {
	file    int
	problem Problem
}

// findPersonClashes runs person_clash.sql inside the transaction.
func (l *loader) findPersonClashes(ctx context.Context, tx *sql.Tx) ([]personClash, error) {
	rows, err := tx.QueryContext(ctx, sqlPersonClash)
	if err != nil {
		return nil, fmt.Errorf("check people against the database: %w", err)
	}
	defer rows.Close()
	var out []personClash
	for rows.Next() {
		var (
			file, row, year, otherRow int
			sheet, name, body, id     string
			township, unit, otherFile string
		)
		if err := rows.Scan(&file, &sheet, &row, &name, &year, &body, &id, &township, &unit, &otherFile, &otherRow); err != nil {
			return nil, fmt.Errorf("check people against the database: %w", err)
		}
		out = append(out, personClash{file: file, problem: Problem{Severity: Error, File: l.files[file].report.Path,
			Sheet: sheet, Row: row, Column: "身份证号", Value: maskID(id), Rule: "person_elected_elsewhere",
			Message: fmt.Sprintf("%s(身份证号 %s)已作为 %s%s 的当选人员导入(%s 第%d行)，同一人不能在两个村(社区)当选同一年的%s；请核对身份证号，或先改正已导入的文件",
				name, maskID(id), township, unit, otherFile, otherRow, body)}})
	}
	return out, rows.Err()
}

// stageLog appends every file's ingest_log row to stage_log, for log.sql to copy inside the
// transaction: one bulk append instead of a statement per file.
func (l *loader) stageLog(ctx context.Context) error {
	if _, err := l.conn.ExecContext(ctx, sqlClearLog); err != nil {
		return fmt.Errorf("stage ingest_log: %w", err)
	}
	now := l.opts.Now()
	return l.conn.Raw(func(dc any) error {
		c, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		a, err := duckdb.NewAppenderFromConn(c, "", "stage_log")
		if err != nil {
			return fmt.Errorf("stage ingest_log: %w", err)
		}
		for i, f := range l.files {
			// The log keeps absolute paths: a later run from another folder still finds the file.
			path, absErr := filepath.Abs(f.report.Path)
			if absErr != nil {
				path = f.report.Path
			}
			if err := a.AppendRow(int32(i), path, f.report.SHA256, int32(f.report.Results), int32(f.report.Members), now,
				string(f.report.Outcome), optStr(f.report.Message)); err != nil {
				a.Close()
				return fmt.Errorf("stage ingest_log: %w", err)
			}
		}
		if err := a.Close(); err != nil {
			return fmt.Errorf("stage ingest_log: %w", err)
		}
		return nil
	})
}

// commitHook, when set by a test, runs inside the transaction after the rows are moved, to prove
// that a failure there leaves every table as it was.
var commitHook func(tx *sql.Tx) error

// commit moves the staged rows into the real tables and writes ingest_log, in one transaction. When
// staged people clash with people already in the database it rolls back and returns the clashes.
func (l *loader) commit(ctx context.Context) (clashes []personClash, err error) {
	if err := l.stageLog(ctx); err != nil {
		return nil, err
	}
	tx, err := l.conn.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin transaction: %w", err)
	}
	defer func() {
		if err != nil || len(clashes) > 0 {
			tx.Rollback()
		}
	}()
	if _, err := tx.ExecContext(ctx, sqlReplace); err != nil {
		return nil, fmt.Errorf("write rows: %w", err)
	}
	if clashes, err := l.findPersonClashes(ctx, tx); err != nil || len(clashes) > 0 {
		return clashes, err
	}
	if commitHook != nil {
		if err := commitHook(tx); err != nil {
			return nil, err
		}
	}
	if _, err := tx.ExecContext(ctx, sqlLog); err != nil {
		return nil, fmt.Errorf("write ingest_log: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("commit: %w", err)
	}
	return nil, nil
}
