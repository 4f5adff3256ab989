package ingest

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func ruleCount(r *Report, rule string) int {
	n := 0
	for _, p := range r.Problems {
		if p.Rule == rule {
			n++
		}
	}
	return n
}

// Issue 8.2: a file that leaves 县(市、区) blank was stored under an empty county: it did not replace the
// rows of the same township loaded with a county, the township was counted twice and the county draft split.
func TestBlankCountyTakesTheTownshipsCounty(t *testing.T) {
	db := openTestDB(t)
	two := []string{"河岭村", "石桥村"}
	results, members := submission{county: "青山县", township: "东镇", units: two}.write(t, filepath.Join(t.TempDir(), "第一次"))
	mustLoad(t, db, LoadOptions{}, results, members)
	// The same township again, corrected, with the county column left blank, under other names.
	dir := t.TempDir()
	r2, m2 := submission{county: "", township: "东镇", units: two}.write(t, dir)
	mustLoad(t, db, LoadOptions{}, r2, m2)
	wantCount(t, db, 0, `SELECT count(*) FROM units WHERE county = ''`, "units with an empty county")
	wantCount(t, db, 0, `SELECT count(*) FROM elections WHERE county = ''`, "elections with an empty county")
	wantCount(t, db, 2, `SELECT count(*) FROM units`, "units")
	wantCount(t, db, 4, `SELECT count(*) FROM elections`, "elections")
	wantCount(t, db, 12, `SELECT count(*) FROM members`, "members")
}

// A new township with a blank county, in a database of one county: that county, with a notice.
func TestBlankCountyAssumesTheOnlyCounty(t *testing.T) {
	db := openTestDB(t)
	results, _ := submission{county: "青山县", township: "东镇", units: fourVillages}.write(t, t.TempDir())
	mustLoad(t, db, LoadOptions{}, results)
	west, _ := submission{county: "", township: "西镇", units: fourVillages}.write(t, t.TempDir())
	r := mustLoad(t, db, LoadOptions{}, west)
	if ruleCount(r, "county_assumed") != 1 {
		t.Errorf("no county_assumed notice: %v", r.Problems)
	}
	wantCount(t, db, 8, `SELECT count(*) FROM elections WHERE county = '青山县' AND township = '西镇'`, "西镇 elections under 青山县")
}

// No county anywhere (a first load without the column), or two counties the township is not in: a clear
// error asking for --county, and nothing written. --county settles it.
func TestBlankCountyWithoutAnswerIsAnError(t *testing.T) {
	db := openTestDB(t)
	blank, _ := submission{county: "", township: "东镇", units: fourVillages}.write(t, t.TempDir())
	r, err := load(t, db, LoadOptions{}, blank)
	var pe *ProblemsError
	if !errors.As(err, &pe) || ruleCount(r, "county_unknown") != 1 {
		t.Fatalf("err %v, problems %v", err, r.Problems)
	}
	if !strings.Contains(r.Problems[0].Message, "--county") {
		t.Errorf("message does not say what to do: %s", r.Problems[0].Message)
	}
	wantCount(t, db, 0, `SELECT count(*) FROM ingest_log`, "ingest_log rows")

	for _, c := range []string{"青山县", "白水县"} {
		f, _ := submission{county: c, township: c + "镇", units: fourVillages}.write(t, t.TempDir())
		mustLoad(t, db, LoadOptions{}, f)
	}
	r, err = load(t, db, LoadOptions{}, blank)
	if !errors.As(err, &pe) || ruleCount(r, "county_unknown") != 1 || !strings.Contains(r.Problems[0].Message, "白水县、青山县") {
		t.Fatalf("two counties: err %v, problems %v", err, r.Problems)
	}
	mustLoad(t, db, LoadOptions{County: "白水县"}, blank)
	wantCount(t, db, 8, `SELECT count(*) FROM elections WHERE county = '白水县' AND township = '东镇'`, "东镇 under --county")
}
