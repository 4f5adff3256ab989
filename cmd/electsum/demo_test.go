package main

import (
	"bytes"
	"context"
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
	for _, want := range []string{dbPath, filepath.Join(out, "data"), "接下来可以试试", "被拒绝 0", "工作总结.docx",
		"县乡两级人大换届选举工作总结.docx", "人大换届选举附件.xlsx", "乡镇党代会换届选举工作总结.docx", "乡镇党代会换届选举附件.xlsx"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("demo output does not mention %q:\n%s", want, stdout)
		}
	}

	w := synth.Generate(synth.County())
	synth.GenerateCongress(w)
	synth.GeneratePartyCongress(w)
	want := w.Counts()
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
			{"SELECT count(*) FROM ingest_log WHERE outcome = 'loaded'", want.Workbooks},
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
	if len(first) != want.Workbooks {
		t.Fatalf("%d workbooks written, want three per township (%d)", len(first), want.Workbooks)
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
