package ingest_test

import (
	"os"
	"testing"

	"electsum/ingest"
	"electsum/ingest/synth"
)

// TestFastReaderOnGeneratedCounty holds the demo county's workbooks (messy layouts: title rows, merged
// headers and townships, 合计 rows, both scripts) to the differential property, and requires the fast
// reader to read every sheet of them itself.
func TestFastReaderOnGeneratedCounty(t *testing.T) {
	cfg := synth.County()
	if testing.Short() {
		cfg.TownshipsPerCounty = 3
	}
	paths, err := synth.WriteWorkbooks(synth.Generate(cfg), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		fast, declined, err := ingest.DiffReaders(data)
		if err != nil {
			t.Errorf("%s: %v", p, err)
		}
		if fast == 0 || declined > 0 {
			t.Errorf("%s: fast reader read %d sheets, declined %d", p, fast, declined)
		}
	}
}
