package ingest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func ip(n int) *int { return &n }

// township builds the parsed content of one township's file: units villages, one 村民委员会 election
// each with three members in year. tag changes the content (and so the hash) without changing keys.
func township(path, name string, units, year int, tag string) *Parsed {
	p := &Parsed{Path: path}
	for u := 1; u <= units; u++ {
		k := Key{County: "测试县", Township: name, Unit: fmt.Sprintf("%s第%d村", name, u), Year: year, Body: "村民委员会"}
		p.Results = append(p.Results, Result{Key: k, Pos: Pos{File: path, Sheet: "选举结果", Row: u + 1},
			Method: "有候选人" + tag, Registered: ip(1000 + u), Voted: ip(900 + u), Seats: ip(3), Elected: ip(3)})
		for i, pos := range []string{"主任", "副主任", "委员"} {
			birth := time.Date(1970+i, 3, 1, 0, 0, 0, 0, time.UTC)
			p.Members = append(p.Members, Member{Key: k, Pos: Pos{File: path, Sheet: "当选人员", Row: (u-1)*3 + i + 2},
				Name: fmt.Sprintf("%s%d号%s", name, u, pos), Position: pos, Gender: "男", Birth: &birth,
				Party: "中共党员", Education: "高中"})
		}
	}
	h := sha256.Sum256([]byte(path + name + fmt.Sprint(units, year) + tag))
	p.SHA256 = hex.EncodeToString(h[:])
	return p
}

func openTestDB(t *testing.T) *sql.DB {
	t.Helper()
	return openTestDBAt(t, MustOpenDB(t))
}

// openTestDBAt opens the database file at path, closed when the test ends.
func openTestDBAt(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// queryText prints the rows of a query, one line a row.
func queryText(t testing.TB, db *sql.DB, q string) string {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var b strings.Builder
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(&b, vals...)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// snapshot is the whole content of every table, in a fixed order, for comparing before and after.
func snapshot(t *testing.T, db *sql.DB) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT * FROM units ORDER BY ALL`,
		`SELECT * FROM elections ORDER BY ALL`,
		`SELECT * FROM members ORDER BY ALL`,
		`SELECT * FROM data_warnings ORDER BY ALL`,
		`SELECT * FROM ingest_log ORDER BY ALL`,
	} {
		b.WriteString(queryText(t, db, q))
		b.WriteString("--\n")
	}
	// The 选民登记 rows, in a database of schema v6 or later.
	if count(t, db, `SELECT count(*) FROM information_schema.tables WHERE table_name = 'registrations'`) > 0 {
		b.WriteString(queryText(t, db, `SELECT * FROM registrations ORDER BY ALL`))
	}
	return b.String()
}

func count(t *testing.T, db *sql.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

var fixedNow = func() time.Time { return time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC) }

func TestLoadWritesRowsUnitsAndLog(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	a := township("a.xlsx", "东镇", 3, 2024, "")
	a.Problems = append(a.Problems, Problem{Severity: Warning, File: "a.xlsx", Sheet: "当选人员", Row: 2, Rule: "member_count", Message: "人数不符"},
		Problem{Severity: Notice, File: "a.xlsx", Sheet: "选举结果", Rule: "unknown_column", Message: "未知列"})
	b := township("b.xlsx", "西镇", 2, 2024, "")
	r, err := loadParsed(ctx, db, []*Parsed{a, b}, LoadOptions{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if r.Loaded != 2 || r.ResultRows != 5 || r.MemberRows != 15 || r.Townships != 2 || r.Units != 5 || !r.Committed {
		t.Fatalf("report %+v", r)
	}
	if got := count(t, db, `SELECT count(*) FROM elections`); got != 5 {
		t.Errorf("elections %d", got)
	}
	if got := count(t, db, `SELECT count(*) FROM members`); got != 15 {
		t.Errorf("members %d", got)
	}
	if got := count(t, db, `SELECT count(*) FROM units WHERE kind = '村'`); got != 5 {
		t.Errorf("units of kind 村: %d", got)
	}
	// The warning is stored with the election of the row it is about; the notice is not stored.
	if got := count(t, db, `SELECT count(*) FROM data_warnings WHERE unit = '东镇第1村' AND body = '村民委员会' AND row_number = 2`); got != 1 {
		t.Errorf("data_warnings for the warned row: %d", got)
	}
	if got := count(t, db, `SELECT count(*) FROM data_warnings`); got != 1 {
		t.Errorf("data_warnings %d", got)
	}
	if got := count(t, db, `SELECT count(*) FROM ingest_log WHERE outcome = 'loaded' AND result_rows = 3 AND member_rows = 9 AND sha256 = ?`, a.SHA256); got != 1 {
		t.Errorf("ingest_log row of a.xlsx: %d", got)
	}
	if !strings.Contains(r.Summary(), "已导入 2") {
		t.Errorf("summary:\n%s", r.Summary())
	}
}

func TestLoadIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	if _, err := loadParsed(ctx, db, []*Parsed{township("old.xlsx", "东镇", 2, 2021, "")}, LoadOptions{Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, db)

	good := township("a.xlsx", "东镇", 2, 2024, "")
	bad := township("b.xlsx", "西镇", 2, 2024, "")
	bad.Problems = append(bad.Problems, Problem{Severity: Error, File: "b.xlsx", Sheet: "选举结果", Row: 3, Cell: "I3", Rule: "voted_gt_registered", Message: "参加投票人数大于登记选民数"})
	r, err := loadParsed(ctx, db, []*Parsed{good, bad}, LoadOptions{Now: fixedNow})
	var pe *ProblemsError
	if !errors.As(err, &pe) || pe.Partial || len(pe.Rejected) != 1 || pe.Rejected[0] != "b.xlsx" {
		t.Fatalf("err = %v", err)
	}
	if r.Committed || r.Rejected != 1 || r.NotLoaded != 1 {
		t.Fatalf("report %+v", r)
	}
	if after := snapshot(t, db); after != before {
		t.Fatalf("a rejected run changed the database:\nbefore\n%s\nafter\n%s", before, after)
	}
}

func TestLoadSkipBadFiles(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	good := township("a.xlsx", "东镇", 2, 2024, "")
	bad := township("b.xlsx", "西镇", 2, 2024, "")
	bad.Problems = append(bad.Problems, Problem{Severity: Error, File: "b.xlsx", Sheet: "选举结果", Row: 3, Rule: "voted_gt_registered", Message: "参加投票人数大于登记选民数"})
	r, err := loadParsed(ctx, db, []*Parsed{good, bad}, LoadOptions{SkipBadFiles: true, Now: fixedNow})
	var pe *ProblemsError
	if !errors.As(err, &pe) || !pe.Partial {
		t.Fatalf("err = %v", err)
	}
	if !r.Committed || r.Loaded != 1 || r.Rejected != 1 {
		t.Fatalf("report %+v", r)
	}
	if got := count(t, db, `SELECT count(*) FROM elections WHERE township = '西镇'`); got != 0 {
		t.Errorf("rows of the rejected file were written: %d", got)
	}
	if got := count(t, db, `SELECT count(*) FROM elections WHERE township = '东镇'`); got != 2 {
		t.Errorf("rows of the clean file: %d", got)
	}
	if got := count(t, db, `SELECT count(*) FROM ingest_log WHERE outcome = 'rejected' AND path LIKE '%b.xlsx' AND message IS NOT NULL`); got != 1 {
		t.Errorf("ingest_log rows for the rejected file: %d", got)
	}
}

func TestLoadSameContentTwiceChangesNothing(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	if _, err := loadParsed(ctx, db, []*Parsed{township("a.xlsx", "东镇", 3, 2024, "")}, LoadOptions{Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	data := func() string {
		s := snapshot(t, db)
		return s[:strings.LastIndex(strings.TrimSuffix(s, "--\n"), "--\n")] // all but ingest_log
	}
	before := data()
	r, err := loadParsed(ctx, db, []*Parsed{township("a.xlsx", "东镇", 3, 2024, "")}, LoadOptions{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if r.Unchanged != 1 || r.Loaded != 0 || r.ResultRows != 0 {
		t.Fatalf("report %+v", r)
	}
	if after := data(); after != before {
		t.Fatalf("re-ingesting the same content changed the data:\n%s\n%s", before, after)
	}
	if got := count(t, db, `SELECT count(*) FROM ingest_log WHERE outcome = 'unchanged'`); got != 1 {
		t.Errorf("unchanged log rows %d", got)
	}
}

func TestLoadCorrectedFileReplacesItsElections(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	first := township("东镇.xlsx", "东镇", 3, 2024, "")
	first.Problems = []Problem{{Severity: Warning, File: "东镇.xlsx", Sheet: "选举结果", Row: 2, Rule: "member_count", Message: "人数不符"}}
	other := township("西镇.xlsx", "西镇", 2, 2024, "")
	if _, err := loadParsed(ctx, db, []*Parsed{first, other}, LoadOptions{Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	// The corrected file has one village fewer members and a new method; same keys.
	fixed := township("东镇.xlsx", "东镇", 3, 2024, "（更正）")
	fixed.Members = fixed.Members[:len(fixed.Members)-1]
	r, err := loadParsed(ctx, db, []*Parsed{fixed}, LoadOptions{Now: fixedNow})
	if err != nil || r.Loaded != 1 {
		t.Fatalf("report %+v, err %v", r, err)
	}
	if got := count(t, db, `SELECT count(*) FROM elections WHERE township = '东镇'`); got != 3 {
		t.Errorf("elections of 东镇: %d (duplicates?)", got)
	}
	if got := count(t, db, `SELECT count(*) FROM elections WHERE township = '东镇' AND method = '有候选人（更正）'`); got != 3 {
		t.Errorf("corrected rows: %d", got)
	}
	if got := count(t, db, `SELECT count(*) FROM members WHERE township = '东镇'`); got != 8 {
		t.Errorf("members of 东镇: %d, want 8", got)
	}
	if got := count(t, db, `SELECT count(*) FROM members WHERE township = '西镇'`); got != 6 {
		t.Errorf("members of 西镇 touched: %d", got)
	}
	if got := count(t, db, `SELECT count(*) FROM data_warnings`); got != 0 {
		t.Errorf("the old file's warnings survived: %d", got)
	}
	// Loading the superseded version again is a real change, not "unchanged".
	r, err = loadParsed(ctx, db, []*Parsed{township("东镇.xlsx", "东镇", 3, 2024, "")}, LoadOptions{Now: fixedNow})
	if err != nil || r.Loaded != 1 {
		t.Fatalf("re-loading the old version: report %+v, err %v", r, err)
	}
	if got := count(t, db, `SELECT count(*) FROM members WHERE township = '东镇'`); got != 9 {
		t.Errorf("members of 东镇 after going back: %d, want 9", got)
	}
}

func TestLoadRejectsClashesBetweenFiles(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	a := township("a.xlsx", "东镇", 2, 2024, "")
	b := township("b.xlsx", "东镇", 1, 2024, "x") // covers 东镇第1村 again
	c := township("c.xlsx", "西镇", 1, 2024, "")
	// The same ID number elected to the same body in two villages of two files.
	a.Members[0].IDNumber, a.Members[0].PersonKey = "110101197003011234", ""
	c.Members[0].IDNumber, c.Members[0].PersonKey = "110101197003011234", ""
	_, err := loadParsed(ctx, db, []*Parsed{a, b, c}, LoadOptions{Now: fixedNow})
	var pe *ProblemsError
	if !errors.As(err, &pe) {
		t.Fatalf("err = %v", err)
	}
	rules := map[string][]string{}
	for _, p := range pe.Problems {
		rules[p.Rule] = append(rules[p.Rule], p.File)
	}
	if got := strings.Join(rules["duplicate_key_across_files"], ","); got != "a.xlsx,b.xlsx" {
		t.Errorf("duplicate_key_across_files on %s", got)
	}
	if got := strings.Join(rules["duplicate_person_across_files"], ","); got != "a.xlsx,c.xlsx" {
		t.Errorf("duplicate_person_across_files on %s", got)
	}
	if got := count(t, db, `SELECT count(*) FROM elections`); got != 0 {
		t.Errorf("rows written: %d", got)
	}
}

// A failure inside the final transaction, after the old rows were deleted and the new ones inserted,
// must leave every table as it was.
func TestLoadFailureInsideTransactionChangesNothing(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	if _, err := loadParsed(ctx, db, []*Parsed{township("a.xlsx", "东镇", 3, 2024, "")}, LoadOptions{Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, db)

	boom := errors.New("boom")
	failing := loadHooks{beforeCommit: func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRow(`SELECT count(*) FROM elections WHERE method = '有候选人（更正）'`).Scan(&n); err != nil {
			return err
		}
		if n != 2 {
			t.Errorf("inside the transaction %d corrected rows, want 2", n)
		}
		return boom
	}}
	fixed := township("a.xlsx", "东镇", 2, 2024, "（更正）")
	if _, err := loadParsedWith(ctx, db, []*Parsed{fixed, township("b.xlsx", "西镇", 2, 2024, "")}, LoadOptions{Now: fixedNow}, failing); !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if after := snapshot(t, db); after != before {
		t.Fatalf("a failed transaction changed the database:\nbefore\n%s\nafter\n%s", before, after)
	}

	// A constraint violation the reader missed (the same person twice in one file) fails the same way.
	dup := township("b.xlsx", "西镇", 2, 2024, "")
	dup.Members = append(dup.Members, dup.Members[0])
	if _, err := loadParsed(ctx, db, []*Parsed{dup}, LoadOptions{Now: fixedNow}); err == nil {
		t.Fatal("a duplicate primary key was accepted")
	}
	if after := snapshot(t, db); after != before {
		t.Fatalf("a constraint violation changed the database")
	}
}

func TestProgressIsCalledPerFile(t *testing.T) {
	db := openTestDB(t)
	var events []ProgressEvent
	_, err := loadParsed(context.Background(), db, []*Parsed{township("a.xlsx", "东镇", 2, 2024, ""), township("b.xlsx", "西镇", 1, 2024, "")},
		LoadOptions{Now: fixedNow, Progress: func(e ProgressEvent) { events = append(events, e) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 2 || events[1].FilesDone != 2 || events[1].Rows != 2+6+1+3 {
		t.Fatalf("events %+v", events)
	}
}

func TestFormatProblem(t *testing.T) {
	for _, tc := range []struct {
		p    Problem
		want string
	}{
		{Problem{File: "a.xlsx", Sheet: "选举结果", Row: 12, Cell: "C12", Message: "缺少乡镇"}, "a.xlsx:选举结果!C12: 缺少乡镇"},
		{Problem{File: "a.xlsx", Sheet: "选举结果", Row: 12, Message: "重复"}, "a.xlsx:选举结果!第12行: 重复"},
		{Problem{File: "a.xlsx", Message: "不是工作簿"}, "a.xlsx: 不是工作簿"},
	} {
		if got := FormatProblem(tc.p); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}

func TestLoadRejectsPersonElectedElsewhereByEarlierRun(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	const id = "110101197003011234"
	a := township("a.xlsx", "东镇", 2, 2024, "")
	a.Members[0].IDNumber = id
	if _, err := loadParsed(ctx, db, []*Parsed{a}, LoadOptions{Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, db)

	c := township("c.xlsx", "西镇", 1, 2024, "")
	c.Members[1].IDNumber = id
	_, err := loadParsed(ctx, db, []*Parsed{c}, LoadOptions{Now: fixedNow})
	var pe *ProblemsError
	if !errors.As(err, &pe) || len(pe.Problems) != 1 {
		t.Fatalf("err = %v", err)
	}
	p := pe.Problems[0]
	if p.Rule != "person_elected_elsewhere" || p.File != "c.xlsx" || p.Row != c.Members[1].Row || strings.Contains(p.Message, id) {
		t.Errorf("problem %+v", p)
	}
	if after := snapshot(t, db); after != before {
		t.Fatal("the refused run changed the database")
	}

	// With SkipBadFiles the clean file of the same run is loaded.
	d := township("d.xlsx", "南镇", 1, 2024, "")
	r, err := loadParsed(ctx, db, []*Parsed{c, d}, LoadOptions{Now: fixedNow, SkipBadFiles: true})
	if !errors.As(err, &pe) || !pe.Partial || r.Loaded != 1 || r.Rejected != 1 {
		t.Fatalf("skip: report %+v, err %v", r, err)
	}
	if got := count(t, db, `SELECT count(*) FROM members WHERE township IN ('西镇', '南镇')`); got != 3 {
		t.Errorf("members of 西镇 and 南镇: %d, want 南镇's 3", got)
	}

	// A corrected 东镇 that moves the person to another village replaces the old row: no clash.
	moved := township("a.xlsx", "东镇", 2, 2024, "（更正）")
	moved.Members[3].IDNumber = id
	if _, err := loadParsed(ctx, db, []*Parsed{moved}, LoadOptions{Now: fixedNow}); err != nil {
		t.Fatalf("moving a person within the replaced elections: %v", err)
	}
}

// A reader that panics on one hostile file costs that file, not the run or the process.
func TestLoadSurvivesReaderPanic(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.xlsx", "b.xlsx"} {
		os.WriteFile(filepath.Join(dir, name), []byte(name), 0o644)
	}
	good := writeXLSX(t, sheetData{name: "选举结果", rows: [][]any{resultsHeader, resultRow("石桥村", "村民委员会", 1)}})
	panicking := loadHooks{read: func(path string, opts ParseOptions, emit rowSink) (*fileParser, error) {
		if strings.HasSuffix(path, "b.xlsx") {
			var parts []string
			_ = parts[len(path)] // index out of range: a runtime panic as a reader bug would raise
		}
		opts.County = "东县"
		return readFile(good, opts, emit)
	}}
	db := openTestDB(t)
	_, err := loadWith(context.Background(), db, []string{dir}, LoadOptions{SkipBadFiles: true, Now: fixedNow}, panicking)
	var pe *ProblemsError
	if !errors.As(err, &pe) || len(pe.Rejected) != 1 || !strings.HasSuffix(pe.Rejected[0], "b.xlsx") {
		t.Fatalf("err = %v", err)
	}
	if msg := pe.Problems[0].Message; !strings.Contains(msg, "内部错误") || !strings.Contains(msg, "TestLoadSurvivesReaderPanic") || strings.Count(msg, "\n") > 0 {
		t.Errorf("message %q", msg)
	}
	if got := count(t, db, `SELECT count(*) FROM elections`); got != 1 {
		t.Errorf("elections %d", got)
	}
}

// Load bounds DuckDB's memory, and has its allocator flush early, while it runs, and gives the
// settings back afterwards, with or without a caller's memory_limit.
func TestLoadRestoresMemoryLimit(t *testing.T) {
	for _, caller := range []string{"", "1GB"} {
		path := MustOpenDB(t)
		if caller != "" {
			path += "?memory_limit=" + caller
		}
		db, err := Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		settings := func() string {
			var s string
			if err := db.QueryRow(`SELECT current_setting('memory_limit') || ', ' || current_setting('allocator_flush_threshold') || ', ' ||
				current_setting('allocator_bulk_deallocation_flush_threshold') || ', ' || current_setting('allocator_background_threads')`).Scan(&s); err != nil {
				t.Fatal(err)
			}
			return s
		}
		before := settings()
		var during string
		_, err = loadParsed(context.Background(), db, []*Parsed{township("a.xlsx", "东镇", 1, 2024, "")}, LoadOptions{Now: fixedNow,
			MemoryLimit: caller, Progress: func(ProgressEvent) { during = settings() }})
		if err != nil {
			t.Fatal(err)
		}
		if after := settings(); after != before || during != "244.1 MiB, 15.2 MiB, 30.5 MiB, true" {
			t.Errorf("caller %q: settings before %s, during %s, after %s", caller, before, during, after)
		}
	}
}

// A long-lived instance (electsum serve) keeps its own memory_limit through a load: the load lowers a
// higher one to its bound and gives it back, and keeps a lower one. RESET gave DuckDB's default (80%
// of the machine) instead.
func TestLoadKeepsTheCallersMemoryLimit(t *testing.T) {
	for _, tc := range []struct{ caller, during string }{
		{"1GB", "244.1 MiB"},
		{"200MB", "190.7 MiB"},
	} {
		db, err := Open(context.Background(), MustOpenDB(t)+"?memory_limit="+tc.caller)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		limit := func() string {
			var s string
			if err := db.QueryRow(`SELECT current_setting('memory_limit')`).Scan(&s); err != nil {
				t.Fatal(err)
			}
			return s
		}
		before := limit()
		var during string
		_, err = loadParsed(context.Background(), db, []*Parsed{township("a.xlsx", "东镇", 1, 2024, "")}, LoadOptions{Now: fixedNow,
			MemoryLimit: tc.caller, Progress: func(ProgressEvent) { during = limit() }})
		if err != nil {
			t.Fatal(err)
		}
		if after := limit(); after != before || during != tc.during {
			t.Errorf("%s: memory_limit before %s, during %s (want %s), after %s", tc.caller, before, during, tc.during, after)
		}
	}
}

// A load of fewer rows than a DuckDB row group checks and moves them with one thread, a larger one
// with the instance's threads; either way the instance has its threads back afterwards.
func TestSmallLoadRunsOneThread(t *testing.T) {
	for _, tc := range []struct {
		name     string
		manyRows int // loadHooks.manyRows: 0 for DuckDB's row group
		during   int
	}{{"small", 0, 1}, {"large", 5, 3}} {
		db, err := Open(context.Background(), MustOpenDB(t)+"?threads=3")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		threads := func(q interface {
			QueryRow(string, ...any) *sql.Row
		}) int {
			var n int
			if err := q.QueryRow(`SELECT current_setting('threads')`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		during := 0
		hooks := loadHooks{manyRows: tc.manyRows, beforeCommit: func(tx *sql.Tx) error { during = threads(tx); return nil }}
		// Two villages: 2 results rows and 6 members rows.
		if _, err := loadParsedWith(context.Background(), db, []*Parsed{township("a.xlsx", "东镇", 2, 2024, "")}, LoadOptions{Now: fixedNow}, hooks); err != nil {
			t.Fatal(err)
		}
		if after := threads(db); during != tc.during || after != 3 {
			t.Errorf("%s: threads during the commit %d (want %d), after %d (want 3)", tc.name, during, tc.during, after)
		}
	}
}

// loadMemoryLimit is the bound limit_memory.sql sets; ParseSize reads sizes as DuckDB does.
func TestParseSize(t *testing.T) {
	m := regexp.MustCompile(`memory_limit = '([^']+)'`).FindStringSubmatch(sqlLimitMemory)
	if n, err := ParseSize(m[1]); err != nil || n != loadMemoryLimit {
		t.Errorf("limit_memory.sql sets %s = %d (%v), loadMemoryLimit is %d", m[1], n, err, loadMemoryLimit)
	}
	for text, want := range map[string]int64{"512MB": 512e6, "2GB": 2e9, "1.5 GiB": 3 << 29, " 10kib ": 10240, "7B": 7} {
		if n, err := ParseSize(text); err != nil || n != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", text, n, err, want)
		}
	}
	for _, bad := range []string{"", "2", "2 GB'; DROP TABLE units; --", "1e9GB", "-1GB", "GB"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) accepted", bad)
		}
	}
}

func TestLoadDerivesUnitKind(t *testing.T) {
	db := openTestDB(t)
	p := &Parsed{Path: "k.xlsx", SHA256: "k"}
	for i, e := range []struct{ unit, body string }{
		{"红星村", "村民委员会"}, {"红星村", "县级人大代表"}, {"东门社区", "居民委员会"}, {"第三选区", "乡级人大代表"},
	} {
		p.Results = append(p.Results, Result{Key: Key{County: "测试县", Township: "东镇", Unit: e.unit, Year: 2024, Body: e.body},
			Pos: Pos{Sheet: "选举结果", Row: i + 2}, Registered: ip(10), Voted: ip(9), Seats: ip(1), Elected: ip(1)})
	}
	if _, err := loadParsed(context.Background(), db, []*Parsed{p}, LoadOptions{Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(`SELECT unit || ':' || kind FROM units ORDER BY unit`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		got = append(got, s)
	}
	if want := "东门社区:社区,第三选区:选区,红星村:村"; strings.Join(got, ",") != want {
		t.Errorf("units %v, want %s", got, want)
	}
}

func ExampleFormatProblem() {
	fmt.Println(FormatProblem(Problem{File: "收到的表格/东镇.xlsx", Sheet: "选举结果", Row: 12, Cell: "I12",
		Message: "参加投票人数(I12)为 1200，大于登记选民数(H12) 1100：请核对"}))
	// Output: 收到的表格/东镇.xlsx:选举结果!I12: 参加投票人数(I12)为 1200，大于登记选民数(H12) 1100：请核对
}

func ExampleReport_Summary() {
	r := &Report{
		Files:  make([]FileReport, 3),
		Loaded: 2, Rejected: 1, ResultRows: 45, MemberRows: 210, Townships: 2, Units: 15, Years: []int{2021, 2024},
		Counts:    []ProblemCount{{Severity: Error, Rule: "voted_gt_registered", Count: 1}, {Severity: Notice, Rule: "unknown_column", Count: 2}},
		Committed: true,
	}
	fmt.Print(r.Summary())
	// Output:
	// 文件 3 个：已导入 2，未变化 0，被拒绝 1
	// 写入：选举结果 45 行，当选人员 210 行；涉及乡镇 2 个，村(社区、选区) 15 个，年份 2021、2024
	// 问题：错误 1 个，警告 0 个，提示 2 个
	//   错误 投票人数多于选民数 1
	//   提示 非标准列，已忽略   2
}
