package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"electsum/ingest"
	"electsum/ingest/synth"
)

// TestDemo runs demo in a temp dir: the database holds exactly the generated rows, every file loaded
// without problems, and a second run gives byte-identical workbooks in a fresh database.
func TestDemo(t *testing.T) {
	out := filepath.Join(t.TempDir(), "演示 输出")
	code, stdout, stderr := runCLI(t, "demo", "--out", out)
	if code != 0 {
		t.Fatalf("demo exited %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	dbPath := filepath.Join(out, ingest.DefaultDB)
	for _, want := range []string{dbPath, filepath.Join(out, "data"), "接下来可以试试", "被拒绝 0", "警告 0 个", "工作总结.docx",
		"县乡两级人大换届选举工作总结.docx", "人大换届选举附件.xlsx", "乡镇党代会换届选举工作总结.docx", "乡镇党代会换届选举附件.xlsx",
		"社区党组织换届选举工作总结.docx", "社区党组织换届选举附件.xlsx",
		"同两届的乡镇党代会", "GBK 编码的 CSV", "表格下方的说明行", "未填县(市、区)"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("demo output does not mention %q:\n%s", want, stdout)
		}
	}

	w := synth.Generate(synth.County())
	synth.GenerateCongress(w)
	synth.GeneratePartyCongress(w)
	want := w.Counts()
	_, shapes, err := synth.WriteSubmissions(w, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	checkCounts := func() {
		t.Helper()
		db, err := ingest.OpenReadOnly(context.Background(), dbPath)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for _, c := range []struct {
			query string
			want  int
		}{
			{"SELECT count(*) FROM elections", want.Results},
			{"SELECT count(*) FROM members", want.Members},
			{"SELECT count(*) FROM units", want.Units + want.Constituencies + len(w.PartyCongress)},
			{"SELECT count(*) FROM units WHERE kind = '乡镇'", len(w.PartyCongress)},
			{"SELECT count(*) FROM elections WHERE body IN ('乡镇党委', '乡镇纪委', '出席上级党代会代表')", want.PartyCongresses},
			{"SELECT count(*) FROM units WHERE kind = '选区'", want.Constituencies},
			{"SELECT count(DISTINCT body) FROM elections WHERE body IN ('县级人大代表', '乡级人大代表')", 2},
			{"SELECT count(DISTINCT township) FROM units", want.Townships},
			{"SELECT count(DISTINCT year) FROM elections", len(w.Config.Years)},
			{"SELECT count(*) FROM ingest_log WHERE outcome = 'loaded'", shapes.Files()},
			{"SELECT count(*) FROM elections WHERE county <> '" + w.Counties[0] + "'", 0},
			{"SELECT count(*) FROM data_warnings", 0},
		} {
			var got int
			if err := db.QueryRow(c.query).Scan(&got); err != nil {
				t.Fatalf("%s: %v", c.query, err)
			}
			if got != c.want {
				t.Errorf("%s = %d, want %d", c.query, got, c.want)
			}
		}
	}
	checkCounts()

	first := readTree(t, filepath.Join(out, "data"))
	if len(first) != shapes.Files() || shapes.Workbooks+shapes.CSV != want.Townships || shapes.Congress != len(w.Congress) ||
		shapes.Party != len(w.PartyCongress) {
		t.Fatalf("%d files written for %d townships in shapes %+v", len(first), want.Townships, shapes)
	}
	if code, stdout, stderr := runCLI(t, "demo", "--out", out); code != 0 {
		t.Fatalf("second demo exited %d\n%s\n%s", code, stdout, stderr)
	}
	second := readTree(t, filepath.Join(out, "data"))
	for name, b := range first {
		if !bytes.Equal(b, second[name]) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
	checkCounts() // the second run started from a fresh database
}

func TestDemoRefusesAFolderItDidNotMake(t *testing.T) {
	out := t.TempDir()
	if err := os.Mkdir(filepath.Join(out, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "demo", "--out", out)
	if code != 2 || !strings.Contains(stderr, "--out") {
		t.Fatalf("code %d, stderr %q", code, stderr)
	}
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		files[strings.TrimPrefix(path, dir)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestDemoShapesGiveTheSameDrafts ingests the demo county once as one workbook per township and once
// in the shapes demo writes (two GBK CSV files for some townships, notes under tables, a blank county):
// the county draft and the draft of the township that sent CSV files with notes and a blank county, and
// the figures behind them (--format json), are byte for byte the same. Every other township's draft
// follows from the same stored rows, which ingest/synth's TestSubmissionsLoadAsTheWorkbooks compares row
// for row; writing all of them here doubled the package's test time.
func TestDemoShapesGiveTheSameDrafts(t *testing.T) {
	w := synth.Generate(synth.County())
	dir := t.TempDir()
	workbooks, err := synth.WriteWorkbooks(w, filepath.Join(dir, "workbooks"))
	if err != nil {
		t.Fatal(err)
	}
	mixed, _, err := synth.WriteSubmissions(w, filepath.Join(dir, "mixed"))
	if err != nil {
		t.Fatal(err)
	}
	drafts := func(name string, paths []string) map[string][]byte {
		db := filepath.Join(dir, name+".duckdb")
		if code, stdout, stderr := runCLI(t, append([]string{"ingest", "--db", db}, paths...)...); code != 0 {
			t.Fatalf("ingest %s exited %d\n%s\n%s", name, code, stdout, stderr)
		}
		out := filepath.Join(dir, name+"-reports")
		for _, scope := range [][]string{nil, {"--township", w.Townships[1].Name}} {
			args := append([]string{"report", "--db", db, "--year", "2024", "--compare", "2021",
				"--format", "md,json", "-o", out}, scope...)
			if code, stdout, stderr := runCLI(t, args...); code != 0 {
				t.Fatalf("report %s %v exited %d\n%s\n%s", name, scope, code, stdout, stderr)
			}
		}
		return readTree(t, out)
	}
	a, b := drafts("workbooks", workbooks), drafts("mixed", mixed)
	if len(a) < 2*2 {
		t.Fatalf("%d drafts written, want md and json for the county and the township", len(a))
	}
	for name, want := range a {
		got, ok := b[name]
		switch {
		case !ok:
			t.Errorf("%s: not written from the mixed shapes", name)
		case !bytes.Equal(withoutGeneratedAt(got), withoutGeneratedAt(want)):
			t.Errorf("%s differs between the two shapes: %s", name, firstDifference(want, got))
		}
	}
	if len(b) != len(a) {
		t.Errorf("%d drafts from the mixed shapes, %d from the workbooks", len(b), len(a))
	}
}

// withoutGeneratedAt drops the line of the JSON model that says when it was written.
func withoutGeneratedAt(b []byte) []byte {
	var out [][]byte
	for _, line := range bytes.Split(b, []byte("\n")) {
		if !bytes.Contains(line, []byte(`"generated_at":`)) {
			out = append(out, line)
		}
	}
	return bytes.Join(out, []byte("\n"))
}

// firstDifference shows the first line where two texts differ.
func firstDifference(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d: %q != %q", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("%d lines != %d lines", len(la), len(lb))
}
