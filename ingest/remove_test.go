package ingest

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"electsum"
)

func remove(t *testing.T, db *sql.DB, sel Selection, opts RemoveOptions) (*Removal, error) {
	t.Helper()
	if opts.Now == nil {
		opts.Now = fixedNow
	}
	return Remove(context.Background(), db, sel, opts)
}

// Issue 14 item 4: one body of one township and year goes, with a preview of exactly what goes, a
// record in ingest_log, and nothing else touched; the files load again afterwards.
func TestRemoveTownshipYearBody(t *testing.T) {
	db := openTestDB(t)
	east, eastMembers := submission{county: "青山县", township: "东镇", units: fourVillages}.write(t, filepath.Join(t.TempDir(), "东镇"))
	west, westMembers := submission{county: "青山县", township: "西镇", units: []string{"西村", "南村"}}.write(t, filepath.Join(t.TempDir(), "西镇"))
	mustLoad(t, db, LoadOptions{}, east, eastMembers, west, westMembers)

	var shown *Removal
	r, err := remove(t, db, Selection{Township: "东镇", Year: 2024, Body: electsum.VillagersCommittee},
		RemoveOptions{Command: "electsum remove --township 东镇 --year 2024 --body 村民委员会", Confirm: func(r *Removal) (bool, error) {
			shown = r
			// Inside the transaction nothing is deleted yet.
			wantCount(t, db, 12, `SELECT count(*) FROM elections`, "elections during the preview")
			return true, nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	if shown != r || !r.Done {
		t.Fatalf("confirm saw %p, returned %p, done %v", shown, r, r.Done)
	}
	if r.Results() != 4 || r.Members() != 12 || len(r.Elections) != 4 || len(r.GoneUnits) != 0 {
		t.Errorf("preview: %d results, %d members, %d elections, gone %v; want 4, 12, 4, none", r.Results(), r.Members(), len(r.Elections), r.GoneUnits)
	}
	for _, e := range r.Elections {
		if e.Township != "东镇" || e.Body != "村民委员会" || !e.Result || e.Members != 3 {
			t.Errorf("preview election %+v", e)
		}
	}
	if len(r.Files) != 2 || r.Files[0].Whole || r.Files[1].Whole {
		t.Errorf("files %+v, want both files of 东镇, neither whole", r.Files)
	}
	wantCount(t, db, 0, `SELECT count(*) FROM elections WHERE township = '东镇' AND body = '村民委员会'`, "removed results")
	wantCount(t, db, 0, `SELECT count(*) FROM members WHERE township = '东镇' AND body = '村民委员会'`, "removed members")
	wantCount(t, db, 4, `SELECT count(*) FROM elections WHERE township = '东镇' AND body = '村党组织'`, "other body's results")
	wantCount(t, db, 4, `SELECT count(*) FROM elections WHERE township = '西镇'`, "other township's results")
	wantCount(t, db, 12, `SELECT count(*) FROM members WHERE township = '西镇'`, "other township's members")
	wantCount(t, db, 6, `SELECT count(*) FROM units`, "units")
	if n := count(t, db, `SELECT count(*) FROM ingest_log WHERE outcome = 'removed' AND path = ? AND result_rows = 4 AND member_rows = 0
		AND ingested_at = ? AND message LIKE '删除 东镇 2024年 村民委员会：选举结果 4 行、当选人员 12 行(electsum remove%'`, east, fixedNow()); n != 1 {
		t.Errorf("%d ingest_log entries for the results file, want 1", n)
	}
	if n := count(t, db, `SELECT count(*) FROM ingest_log WHERE outcome = 'removed' AND path = ? AND result_rows = 0 AND member_rows = 12`, eastMembers); n != 1 {
		t.Errorf("%d ingest_log entries for the members file, want 1", n)
	}

	// The files are not "unchanged" now: loading them again brings the rows back.
	again := mustLoad(t, db, LoadOptions{}, east, eastMembers)
	if again.Loaded != 2 {
		t.Fatalf("loading the files again: %s", again.Summary())
	}
	wantCount(t, db, 8, `SELECT count(*) FROM elections WHERE township = '东镇'`, "results loaded again")
	wantCount(t, db, 24, `SELECT count(*) FROM members WHERE township = '东镇'`, "members loaded again")
}

// A removal that is declined, fails inside its transaction, or matches nothing leaves every table as
// it was.
func TestRemoveChangesNothingUnlessDone(t *testing.T) {
	db := openTestDB(t)
	results, members := submission{county: "青山县", township: "东镇", units: fourVillages}.write(t, t.TempDir())
	mustLoad(t, db, LoadOptions{}, results, members)
	before := snapshot(t, db)
	sel := Selection{Township: "东镇", Year: 2024}

	if _, err := remove(t, db, sel, RemoveOptions{Confirm: func(*Removal) (bool, error) { return false, nil }}); !errors.Is(err, ErrRemoveDeclined) {
		t.Errorf("declined: err %v, want ErrRemoveDeclined", err)
	}
	boom := errors.New("boom")
	if _, err := remove(t, db, sel, RemoveOptions{Install: func(context.Context, *sql.Tx) error { return boom }}); !errors.Is(err, boom) {
		t.Errorf("failing install: err %v, want boom", err)
	}
	r, err := remove(t, db, Selection{Township: "东镇", Year: 2021}, RemoveOptions{Confirm: func(*Removal) (bool, error) {
		t.Error("asked to confirm removing nothing")
		return true, nil
	}})
	var none *NothingToRemoveError
	if !errors.As(err, &none) || !r.Empty() {
		t.Fatalf("nothing to remove: err %v, removal %+v", err, r)
	}
	if !strings.Contains(none.Hint(), "2024年(村党组织、村民委员会)") {
		t.Errorf("hint %q does not say what 东镇 has", none.Hint())
	}
	if _, err := remove(t, db, Selection{Township: "东真", Year: 2024}, RemoveOptions{}); !errors.As(err, &none) || !strings.Contains(none.Hint(), "东镇") {
		t.Errorf("mistyped township: err %v, hint %q", err, none.Hint())
	}
	if after := snapshot(t, db); after != before {
		t.Errorf("tables changed:\nbefore\n%s\nafter\n%s", before, after)
	}
}

// A township name two counties share is refused without --county, and only the named county's goes
// with it.
func TestRemoveTownshipInTwoCounties(t *testing.T) {
	db := openTestDB(t)
	a, am := submission{county: "青山县", township: "东镇", units: fourVillages}.write(t, filepath.Join(t.TempDir(), "青山"))
	b, bm := submission{county: "绿水县", township: "东镇", units: []string{"西村"}}.write(t, filepath.Join(t.TempDir(), "绿水"))
	mustLoad(t, db, LoadOptions{}, a, am, b, bm)
	before := snapshot(t, db)

	_, err := remove(t, db, Selection{Township: "东镇", Year: 2024}, RemoveOptions{})
	var amb *AmbiguousTownshipError
	if !errors.As(err, &amb) || !slices.Equal(amb.Counties, []string{"绿水县", "青山县"}) {
		t.Fatalf("err %v, want the two counties named", err)
	}
	if after := snapshot(t, db); after != before {
		t.Error("an ambiguous removal changed the tables")
	}
	r, err := remove(t, db, Selection{County: "绿水县", Township: "东镇", Year: 2024}, RemoveOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Results() != 2 || !slices.Equal(r.GoneUnits, []string{"东镇 西村"}) {
		t.Errorf("removed %d results, gone %v; want 2 and 东镇 西村", r.Results(), r.GoneUnits)
	}
	wantCount(t, db, 0, `SELECT count(*) FROM units WHERE county = '绿水县'`, "units of 绿水县")
	wantCount(t, db, 8, `SELECT count(*) FROM elections WHERE county = '青山县'`, "results of 青山县")
}

// --file removes what one file loaded, by its name, with the warnings about it; its units go when
// nothing else holds them.
func TestRemoveFile(t *testing.T) {
	db := openTestDB(t)
	_, members := submission{county: "青山县", township: "东镇", units: fourVillages}.write(t, t.TempDir())
	mustLoad(t, db, LoadOptions{}, members) // members without results: one no_result_row warning per election
	warnings := count(t, db, `SELECT count(*) FROM data_warnings`)
	if warnings == 0 {
		t.Fatal("the members-only load made no warnings to remove")
	}
	r, err := remove(t, db, Selection{File: "当选人员.csv"}, RemoveOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Members() != 24 || r.Results() != 0 || r.Warnings != warnings || len(r.Files) != 1 || !r.Files[0].Whole || len(r.GoneUnits) != 4 {
		t.Errorf("removal %+v", r)
	}
	for _, e := range r.Elections {
		if e.Result {
			t.Errorf("election %+v: no results row was loaded", e)
		}
	}
	for _, table := range []string{"elections", "members", "units", "data_warnings"} {
		wantCount(t, db, 0, `SELECT count(*) FROM `+table, table)
	}
}

func TestParseBody(t *testing.T) {
	for in, want := range map[string]electsum.Body{"村委会": "村民委员会", "村党支部": "村党组织", " 村民委員會 ": "村民委员会", "居委会": "居民委员会"} {
		if got, ok := ParseBody(in); !ok || got != want {
			t.Errorf("ParseBody(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if _, ok := ParseBody("村委员"); ok {
		t.Error("ParseBody accepted 村委员")
	}
}
