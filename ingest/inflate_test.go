package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Every part of a workbook inflates to the same bytes with the pooled klauspost inflater as with
// archive/zip's own, an inflater taken back from the pool included; a damaged deflate stream is an
// error either way; and a closed entry reads no more.
func TestFastInflateAgrees(t *testing.T) {
	f := excelize.NewFile()
	for r := 1; r <= 300; r++ {
		f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", r), &[]any{"青山县", "东镇", fmt.Sprintf("第%d村", r), 2024, r * 7})
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	inflateAll := func(data []byte, fast bool) (map[string][]byte, error) {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return nil, err
		}
		if fast {
			useFastInflate(zr)
		}
		out := map[string][]byte{}
		for _, e := range zr.File {
			rc, err := e.Open()
			if err != nil {
				return nil, err
			}
			b, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				return nil, fmt.Errorf("%s: %w", e.Name, err)
			}
			out[e.Name] = b
		}
		return out, nil
	}
	want, err := inflateAll(data, false)
	if err != nil {
		t.Fatal(err)
	}
	for round := range 2 { // the second round's inflaters come from the pool
		got, err := inflateAll(data, true)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		if len(got) != len(want) {
			t.Fatalf("round %d: %d parts, want %d", round, len(got), len(want))
		}
		for name, b := range want {
			if !bytes.Equal(got[name], b) {
				t.Fatalf("round %d: %s inflated to %d different bytes, want %d", round, name, len(got[name]), len(b))
			}
		}
	}

	// A damaged stream: the worksheet's compressed bytes overwritten in their middle.
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var sheet *zip.File
	for _, e := range zr.File {
		if e.Name == "xl/worksheets/sheet1.xml" {
			sheet = e
		}
	}
	off, err := sheet.DataOffset()
	if err != nil {
		t.Fatal(err)
	}
	damaged := bytes.Clone(data)
	for i := off + int64(sheet.CompressedSize64)/2; i < off+int64(sheet.CompressedSize64)/2+16; i++ {
		damaged[i] ^= 0x5a
	}
	for _, fast := range []bool{false, true} {
		if _, err := inflateAll(damaged, fast); err == nil {
			t.Errorf("fast %v: a damaged worksheet inflated without an error", fast)
		}
	}

	// Read after Close.
	zr, _ = zip.NewReader(bytes.NewReader(data), int64(len(data)))
	useFastInflate(zr)
	rc, err := zr.File[slices.IndexFunc(zr.File, func(e *zip.File) bool { return e.Name == sheet.Name })].Open()
	if err != nil {
		t.Fatal(err)
	}
	rc.Close()
	if _, err := rc.Read(make([]byte, 8)); !errors.Is(err, errInflaterClosed) {
		t.Errorf("read of a closed entry: %v, want errInflaterClosed", err)
	}
}
