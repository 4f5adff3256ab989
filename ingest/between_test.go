package ingest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

// betweenWorkbooks writes n small workbooks whose elections come from a few units and bodies, so that
// files share elections: most hold the results and the members of the same elections (the workbooks
// townships send), some also members of an election they have no results row for, some only members;
// a unit is also written in the Traditional script (settleSpellings makes two files' elections one).
// 当选人数 is sometimes the number of members, sometimes not.
func betweenWorkbooks(t *testing.T, seed uint64, n int) []string {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 11))
	units := []string{"石桥村", "河口村", "石橋村"}
	bodies := []string{"村民委员会", "村党组织"}
	names := []string{"张三", "李四", "王五", "赵六", "孙七"}
	header := append([]any{}, membersHeader...)
	dir := t.TempDir()
	var paths []string
	for i := range n {
		type key struct{ unit, body string }
		var keys []key
		for range 1 + r.IntN(3) {
			k := key{units[r.IntN(len(units))], bodies[r.IntN(len(bodies))]}
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
		results := [][]any{resultsHeader}
		members := [][]any{header}
		for _, k := range keys {
			m := 1 + r.IntN(3)
			elected := m
			if r.IntN(4) == 0 {
				elected = m + 1
			}
			results = append(results, resultRow(k.unit, k.body, elected))
			for j := range m {
				members = append(members, memberRow(k.unit, k.body, names[j], "委员", "男", "1975.03", ""))
			}
		}
		if r.IntN(2) == 0 { // a member of an election this file has no results row for
			k := key{units[r.IntN(len(units))], bodies[r.IntN(len(bodies))]}
			if !slices.Contains(keys, k) {
				members = append(members, memberRow(k.unit, k.body, "周八", "委员", "女", "1980.05", ""))
			}
		}
		sheets := []sheetData{{name: "选举结果", rows: results}, {name: "当选人员", rows: members}}
		if r.IntN(4) == 0 {
			sheets = sheets[1:]
		}
		path := writeXLSX(t, sheets...)
		dst := filepath.Join(dir, fmt.Sprintf("%02d.xlsx", i))
		if err := os.Rename(path, dst); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, dst)
	}
	return paths
}

// A load that betweenTablesSilent spares between_tables.sql, or keyClashesSilent key_clashes.sql,
// reports and stores what the same load reports and stores with both run: over random sets of one to
// four of betweenWorkbooks' files, loaded into an empty database or into one that already holds
// another file, with --county or without (the files then take the database's county or are refused
// for want of one, their rows staged until the commit: key_clashes.sql still pairs them). Not vacuous:
// for each query some loads are spared, and in others it finds something.
func TestBetweenTablesSilentAgrees(t *testing.T) {
	files := betweenWorkbooks(t, 5, 16)
	r := rand.New(rand.NewPCG(5, 13))
	spared, fired := 0, 0
	clashesSpared, clashesFound := 0, 0
	for i := range 30 {
		dir := t.TempDir()
		for _, j := range r.Perm(len(files))[:1+r.IntN(4)] {
			data, err := os.ReadFile(files[j])
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, filepath.Base(files[j])), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		var prior string
		if r.IntN(4) == 0 {
			prior = files[r.IntN(len(files))]
		}
		opts := LoadOptions{County: "东县", SkipBadFiles: true, Now: fixedNow}
		priorOpts := opts
		if r.IntN(4) == 0 {
			// The files name no county: resolveCounties takes the prior load's, or refuses them with
			// their rows still staged when key_clashes.sql runs.
			opts.County = ""
		}
		load := func(hooks loadHooks) (*Report, string) {
			db := openTestDB(t)
			if prior != "" {
				loadWith(context.Background(), db, []string{prior}, priorOpts, loadHooks{})
			}
			rep, _ := loadWith(context.Background(), db, []string{dir}, opts, hooks)
			if rep == nil {
				t.Fatal("no report")
			}
			return rep, snapshot(t, db)
		}
		silent, found, clashesSilent := false, 0, false
		fast, fastDB := load(loadHooks{between: func(ran bool, _ int) { silent = !ran }, keyClashes: func(ran bool) { clashesSilent = !ran }})
		full, fullDB := load(loadHooks{betweenInSQL: true, clashesInSQL: true, between: func(_ bool, n int) { found = n }})
		if !reflect.DeepEqual(fast.Problems, full.Problems) {
			t.Errorf("load %d: problems differ:\nspared:\n%s\nrun:\n%s", i, problemLines(fast.Problems), problemLines(full.Problems))
		}
		if fastDB != fullDB {
			t.Errorf("load %d: the databases differ", i)
		}
		if silent {
			spared++
		}
		if found > 0 {
			fired++
		}
		if clashesSilent {
			clashesSpared++
		}
		if slices.ContainsFunc(full.Problems, func(p Problem) bool { return p.Rule == "duplicate_key_across_files" }) {
			clashesFound++
		}
	}
	t.Logf("%d of 30 loads spared between_tables.sql; in %d it found warnings", spared, fired)
	t.Logf("%d of 30 loads spared key_clashes.sql; in %d two files claimed one election", clashesSpared, clashesFound)
	if spared == 0 || fired == 0 || clashesSpared == 0 || clashesFound == 0 {
		t.Errorf("vacuous: %d loads spared between_tables.sql, %d with its warnings; %d spared key_clashes.sql, %d with its clashes",
			spared, fired, clashesSpared, clashesFound)
	}
}
