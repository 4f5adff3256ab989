package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

// A load whose stager flushes its appenders as rows come (every row batch, every few rows) reports and
// stores exactly what the same load stores when the appenders hold every row until finish closes
// them: over betweenWorkbooks' files (some refused for clashes, their staged rows dropped), a CSV of
// members spanning three row batches and another refused for a person repeated across its batches
// (checked in SQL over the staged rows), loaded together with SkipBadFiles.
func TestStagerFlushingAgrees(t *testing.T) {
	dir := t.TempDir()
	files := betweenWorkbooks(t, 7, 6)
	n := maxHeldRows + 10 // past maxHeldRows: its whole-file checks run in SQL over the staged rows
	files = append(files, membersCSVRows(t, 2*streamBatch+10, nil), membersCSVRows(t, n, map[int]int{n: 3}))
	for i, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		if filepath.Ext(name) == ".csv" {
			// Each CSV in a township of its own, so that the two do not clash.
			name = fmt.Sprintf("%d%s", i, name)
			data = bytes.ReplaceAll(data, []byte("城关镇"), fmt.Appendf(nil, "城关%d镇", i))
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	load := func(every int) (*Report, string) {
		db := openTestDB(t)
		rep, _ := loadWith(context.Background(), db, []string{dir}, LoadOptions{County: "东县", SkipBadFiles: true, Now: fixedNow},
			loadHooks{flushEvery: every})
		if rep == nil {
			t.Fatal("no report")
		}
		return rep, snapshot(t, db)
	}
	held, heldDB := load(1 << 30)
	rejected := 0
	for _, f := range held.Files {
		if f.Outcome == Rejected {
			rejected++
		}
	}
	if rejected < 2 || held.MemberRows < 2*streamBatch {
		t.Fatalf("vacuous: %d files refused, %d members loaded", rejected, held.MemberRows)
	}
	t.Logf("%d files refused, %d results and %d members loaded", rejected, held.ResultRows, held.MemberRows)
	for _, every := range []int{1, 7, streamBatch + 1} {
		rep, db := load(every)
		if !reflect.DeepEqual(rep.Problems, held.Problems) || !reflect.DeepEqual(rep.Files, held.Files) {
			t.Errorf("flushed every %d rows: the report differs:\n%s\nheld:\n%s", every, problemLines(rep.Problems), problemLines(held.Problems))
		}
		if db != heldDB {
			t.Errorf("flushed every %d rows: the database differs", every)
		}
	}
}

// hashFiles finds for each file, whatever the number of workers, its size and the sha256 of its
// content, no sum for a file over the limit and an error for one that cannot be opened, in the files'
// order.
func TestHashFiles(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for i, size := range []int{0, 1, 100, 5000, 90000, 3, 150000} {
		p := filepath.Join(dir, string(rune('a'+i)))
		data := make([]byte, size)
		for j := range data {
			data[j] = byte(i*31 + j)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	files = slices.Insert(files, 2, filepath.Join(dir, "missing"))
	const limit = 100000 // above one read of hashFiles' buffer (32 KiB)
	var want []fileSum
	for _, f := range files {
		var s fileSum
		data, err := os.ReadFile(f)
		switch {
		case err != nil:
			s.err = err
		case len(data) > limit:
			s.size = int64(len(data))
		default:
			sum := sha256.Sum256(data)
			s.sum, s.size = hex.EncodeToString(sum[:]), int64(len(data))
		}
		want = append(want, s)
	}
	if want[2].err == nil || want[7].sum != "" || want[7].size != 150000 || want[5].sum == "" {
		t.Fatalf("vacuous: %+v", want)
	}
	for _, workers := range []int{0, 1, 2, 3, 20} {
		got := hashFiles(context.Background(), files, limit, workers)
		if len(got) != len(want) {
			t.Fatalf("%d workers: %d sums for %d files", workers, len(got), len(files))
		}
		for i := range want {
			if got[i].sum != want[i].sum || got[i].size != want[i].size || (got[i].err == nil) != (want[i].err == nil) {
				t.Errorf("%d workers: file %d: %+v, want %+v", workers, i, got[i], want[i])
			}
		}
	}
}
