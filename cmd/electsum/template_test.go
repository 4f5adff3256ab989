package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"electsum/ingest"

	"github.com/xuri/excelize/v2"
)

func TestTemplateCommandWritesWorkbook(t *testing.T) {
	out := filepath.Join(t.TempDir(), "采集表.xlsx")
	code, stdout, stderr := runCLI(t, "template", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, out) {
		t.Errorf("stdout does not name the file: %q", stdout)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{string(ingest.ResultsSheet), string(ingest.MembersSheet), ingest.GuideSheet}) {
		t.Errorf("sheets %v", got)
	}
	// A second run does not overwrite a filled-in workbook by accident.
	if code, _, stderr := runCLI(t, "template", "-o", out); code != 2 || !strings.Contains(stderr, "--force") {
		t.Errorf("overwrite: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, "template", "-o", out, "--force"); code != 0 {
		t.Errorf("--force: exit %d, stderr %q", code, stderr)
	}
}
