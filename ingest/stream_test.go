package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// membersCSVRows writes a members CSV of n people of one election; dupOf[i] = j makes row i (1-based
// data row) repeat the person of row j.
func membersCSVRows(t *testing.T, n int, dupOf map[int]int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("乡镇(街道),村(社区),年份,选举类型,姓名,职务,性别,出生年月,民族,政治面貌,学历,是否连任\n")
	for i := 1; i <= n; i++ {
		who := i
		if j, ok := dupOf[i]; ok {
			who = j
		}
		fmt.Fprintf(&b, "城关镇,石桥村,2024,村民委员会,张%d,委员,男,1975.03,汉族,中共党员,大学本科,是\n", who)
	}
	path := filepath.Join(t.TempDir(), "成员.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// A file's rows leave the reader in batches while it reads, so that a large sheet is never held whole
// (issue 14 item 1).
func TestReadFileHandsRowsOnInBatches(t *testing.T) {
	n := 2*streamBatch + 10
	path := membersCSVRows(t, n, nil)
	var batches, total int
	fp, err := readFile(path, ParseOptions{County: "东县"}, func(results, _ []Result, members []Member, raw []memberRaw, _ map[string]int) error {
		batches++
		total += len(members)
		if len(members) > streamBatch || len(raw) != len(members) {
			t.Errorf("batch of %d members, %d raw cells", len(members), len(raw))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if total != n || batches != 3 {
		t.Errorf("%d members in %d batches, want %d in 3", total, batches, n)
	}
	if len(fp.out.Members) != 0 || len(fp.raw) != 0 {
		t.Errorf("the parser still holds %d members", len(fp.out.Members))
	}
}

// The whole-file checks run over the staged rows: a person repeated in another batch is found, with the
// same problem as ParseFile reports, and none of the file's rows land.
func TestWholeFileChecksSpanBatches(t *testing.T) {
	n := streamBatch + 100
	path := membersCSVRows(t, n, map[int]int{n: 3})
	p, err := ParseFile(path, ParseOptions{County: "东县"})
	if err != nil {
		t.Fatal(err)
	}
	var want []Problem
	for _, pr := range p.Problems {
		if pr.Rule == "duplicate_person" {
			want = append(want, pr)
		}
	}
	if len(want) != 1 || want[0].Row != n+1 || !strings.Contains(want[0].Message, fmt.Sprintf("(第 4 行与第 %d 行)", n+1)) {
		t.Fatalf("ParseFile: %v", want)
	}
	db := openTestDB(t)
	rep, err := Load(context.Background(), db, []string{path}, LoadOptions{County: "东县", Now: fixedNow})
	var pe *ProblemsError
	if !errors.As(err, &pe) {
		t.Fatalf("err = %v", err)
	}
	var got []Problem
	for _, pr := range rep.Problems {
		if pr.Rule == "duplicate_person" {
			got = append(got, pr)
		}
	}
	if len(got) != 1 || got[0] != want[0] {
		t.Errorf("Load: %v\nParseFile: %v", got, want)
	}
	if m := count(t, db, `SELECT count(*) FROM members`); m != 0 {
		t.Errorf("%d members landed from a rejected file", m)
	}
}

// A reader that fails after some of its rows were staged costs that file only: its staged rows are
// forgotten and not counted, and the other files load.
func TestReaderFailingAfterStagingLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.csv", "b.csv"} {
		os.WriteFile(filepath.Join(dir, name), []byte(name), 0o644)
	}
	good := membersCSVRows(t, streamBatch+5, nil)
	failing := loadHooks{read: func(path string, opts ParseOptions, emit rowSink) (*fileParser, error) {
		fp, err := readFile(good, opts, emit)
		if strings.HasSuffix(path, "b.csv") {
			return nil, &FileError{Path: path, Kind: ErrCorrupt, Err: errors.New("truncated")}
		}
		return fp, err
	}}
	db := openTestDB(t)
	rep, err := loadWith(context.Background(), db, []string{dir}, LoadOptions{County: "东县", SkipBadFiles: true, Now: fixedNow}, failing)
	var pe *ProblemsError
	if !errors.As(err, &pe) || len(pe.Rejected) != 1 || !strings.HasSuffix(pe.Rejected[0], "b.csv") {
		t.Fatalf("err = %v", err)
	}
	if m := count(t, db, `SELECT count(*) FROM members`); m != streamBatch+5 {
		t.Errorf("members %d, want %d", m, streamBatch+5)
	}
	for _, f := range rep.Files {
		if strings.HasSuffix(f.Path, "b.csv") && (f.Members != 0 || f.Outcome != Rejected) {
			t.Errorf("b.csv: %+v", f)
		}
	}
}
