package ingest

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "update golden files and generated documentation")

const (
	columnsBegin = "<!-- columns:begin (generated from ingest/columns.go; refresh with go test ./ingest -update) -->"
	columnsEnd   = "<!-- columns:end -->"
)

// TestREADMEColumns keeps the README's column tables equal to the column list the parser uses.
func TestREADMEColumns(t *testing.T) {
	const path = "../README.md"
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	i, j := strings.Index(text, columnsBegin), strings.Index(text, columnsEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the %q … %q markers", columnsBegin, columnsEnd)
	}
	want := columnsBegin + "\n" + ColumnsMarkdown() + "\n" + columnsEnd
	got := text[i : j+len(columnsEnd)]
	if got == want {
		return
	}
	if *update {
		if err := os.WriteFile(path, []byte(text[:i]+want+text[j+len(columnsEnd):]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatal("README.md column tables differ from ingest/columns.go; run go test ./ingest -run TestREADMEColumns -update")
}
