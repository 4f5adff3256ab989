package electsum_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"electsum"
)

func writeText(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func readText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Every case the clobbering probes found: the database, an input, an existing file, a folder, a
// symbolic link, a failed write.
func TestOutputNeverClobbers(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "electsum.duckdb")
	input := filepath.Join(dir, "东镇.xlsx")
	existing := filepath.Join(dir, "附件.xlsx")
	for _, p := range []string{db, db + ".wal", input, existing} {
		if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := filepath.Join(dir, "link.xlsx")
	if err := os.Symlink(existing, link); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.duckdb")
	if err := os.Link(db, hard); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "总结")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	var (
		exists    *electsum.ExistsError
		protected *electsum.ProtectedError
		notFile   *electsum.NotFileError
	)
	for _, c := range []struct {
		name  string
		path  string
		force bool
		want  any // pointer to the error type wanted
		check string
	}{
		{"database", db, true, &protected, db},
		{"database by a relative path", "electsum.duckdb", true, &protected, db},
		{"database WAL", db + ".wal", true, &protected, db + ".wal"},
		{"database through a hard link", hard, true, &protected, db},
		{"ingested input", input, true, &protected, input},
		{"existing file", existing, false, &exists, existing},
		{"folder", folder, true, &notFile, ""},
		{"symbolic link", link, true, &notFile, existing},
	} {
		o := electsum.Output{Force: c.force, Database: db, Inputs: []string{input}}
		err := o.WriteFile(c.path, writeText("new"))
		switch w := c.want.(type) {
		case **electsum.ExistsError:
			if !errors.As(err, w) {
				t.Errorf("%s: err = %v, want ExistsError", c.name, err)
			}
		case **electsum.ProtectedError:
			if !errors.As(err, w) {
				t.Errorf("%s: err = %v, want ProtectedError", c.name, err)
			}
		case **electsum.NotFileError:
			if !errors.As(err, w) {
				t.Errorf("%s: err = %v, want NotFileError", c.name, err)
			}
		}
		if c.check != "" && readText(t, c.check) != "old" {
			t.Errorf("%s: %s was written", c.name, c.check)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if filepath.Ext(e.Name()) != ".xlsx" && filepath.Ext(e.Name()) != ".duckdb" && filepath.Ext(e.Name()) != ".wal" && e.Name() != "总结" {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

func TestOutputWritesAndReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "结果.csv")
	if err := (electsum.Output{}).WriteFile(path, writeText("one")); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode().Perm())
	}
	if err := (electsum.Output{Force: true}).WriteFile(path, writeText("two")); err != nil {
		t.Fatal(err)
	}
	if got := readText(t, path); got != "two" {
		t.Errorf("after --force: %q", got)
	}
}

// A write that fails half-way (a full disk) leaves the earlier file whole and no temporary file.
func TestOutputFailedWriteLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "结果.csv")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	diskFull := errors.New("no space left on device")
	for _, force := range []bool{false, true} {
		err := electsum.Output{Force: force}.WriteFile(path, func(w io.Writer) error {
			io.WriteString(w, "partial")
			return diskFull
		})
		if !errors.Is(err, diskFull) && !errors.As(err, new(*electsum.ExistsError)) {
			t.Errorf("force=%v: err = %v", force, err)
		}
	}
	if got := readText(t, path); got != "old" {
		t.Errorf("the earlier file is now %q", got)
	}
	if fresh := filepath.Join(dir, "新.csv"); (electsum.Output{}).WriteFile(fresh, func(io.Writer) error { return diskFull }) == nil {
		t.Error("failed write reported success")
	} else if _, err := os.Stat(fresh); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed write left %s", fresh)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestOutputDir(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.txt")
	os.WriteFile(file, nil, 0o644)
	if err := (electsum.Output{}).Dir(file); !errors.As(err, new(*electsum.NotFolderError)) {
		t.Errorf("a file as folder: err = %v", err)
	}
	if err := (electsum.Output{}).Dir(filepath.Join(dir, "x", "y")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(filepath.Join(dir, "x", "y")); err != nil || !fi.IsDir() {
		t.Errorf("folder not created: %v", err)
	}
}
