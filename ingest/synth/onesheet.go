package synth

import (
	"bytes"
	"os"

	"github.com/xuri/excelize/v2"

	"electsum/ingest"
)

// WriteOneSheet writes up to n members of w, in World order, as the one sheet of one workbook in the
// standard layout: a whole roll sent as a single sheet, the shape of the one-huge-sheet benchmark
// (a 1,048,575-row sheet is the most Excel holds). It returns how many members it wrote.
func WriteOneSheet(w *World, path string, n int) (int, error) {
	t := &Township{Name: "全省"}
	for _, tw := range w.Townships {
		if len(t.Members) >= n {
			break
		}
		t.Members = append(t.Members, tw.Members...)
	}
	t.Members = t.Members[:min(n, len(t.Members))]
	f := excelize.NewFile()
	defer f.Close()
	name := string(ingest.MembersSheet)
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return 0, err
	}
	ms := newSheetWriter(t, shape{}, ingest.MemberColumns(), 2)
	sh := ms.layout("", len(t.Members), func(i, row int) []any { return ms.memberCells(&t.Members[i], row) }, false, false)
	if err := sh.stream(f, name); err != nil {
		return 0, err
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return 0, err
	}
	b, err := withSharedStrings(buf.Bytes())
	if err != nil {
		return 0, err
	}
	return len(t.Members), os.WriteFile(path, b, 0o644)
}
