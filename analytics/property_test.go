package analytics_test

import (
	"fmt"
	"math"
	"path/filepath"
	"testing"

	"electsum/analytics"
	"electsum/ingest/synth"
)

// TestPartsSumToTotals checks, on generated counties with different seeds, that in every structure of
// the model (bodies, heads, two committees, every township of the breakdown) the groups add up to the
// whole, the largest-remainder shares total exactly 100.0, positions are persons plus cross persons, and
// the model finds no inconsistency of its own.
func TestPartsSumToTotals(t *testing.T) {
	for seed := int64(1); seed <= 3; seed++ {
		cfg := synth.County()
		cfg.Seed = seed
		cfg.TownshipsPerCounty = 3
		cfg.UnitsPerTownship = 6
		cfg.Messy = false
		w := synth.Generate(cfg)
		db := loadWorld(t, w, filepath.Join(t.TempDir(), "electsum.duckdb"))
		s := summarize(t, db, analytics.Scope{County: w.Counties[0], Year: 2024}, analytics.Options{Rounding: analytics.LargestRemainder})
		if s.PreviousYear != 2021 {
			t.Fatalf("seed %d: previous year %d", seed, s.PreviousYear)
		}
		if len(crossChecks(s)) != 0 {
			t.Errorf("seed %d: inconsistencies %v", seed, crossChecks(s))
		}
		check := func(where string, st analytics.Structure) {
			total := st.Total.Current
			if !total.OK || total.Int() == 0 {
				return
			}
			for name, parts := range map[string][]analytics.Part{"education": st.Education, "positions": st.Positions, "age bands": st.AgeBands} {
				if len(parts) == 0 {
					continue
				}
				n, shares := 0, 0.0
				for _, p := range parts {
					n += p.Count.Current.Int()
					shares += p.Share.Current.V
				}
				if n != total.Int() {
					t.Errorf("seed %d %s %s: parts %d, total %d", seed, where, name, n, total.Int())
				}
				if math.Abs(shares-100) > 1e-6 {
					t.Errorf("seed %d %s %s: shares total %.4f", seed, where, name, shares)
				}
			}
			if st.Women.Count.Current.Int() > total.Int() {
				t.Errorf("seed %d %s: more women than people", seed, where)
			}
		}
		walk := func(where string, bodies []analytics.BodySummary, two []analytics.TwoCommittees) {
			for _, b := range bodies {
				check(fmt.Sprintf("%s %s members", where, b.Body), b.Members)
				check(fmt.Sprintf("%s %s heads", where, b.Body), b.Heads)
				units := 0
				for _, m := range b.Methods {
					units += m.Count.Current.Int()
				}
				if units > b.Participation.Units.Current.Int() {
					t.Errorf("seed %d %s %s: %d units by method of %d", seed, where, b.Body, units, b.Participation.Units.Current.Int())
				}
			}
			for _, tc := range two {
				check(where+" "+tc.Kind+"两委", tc.Persons)
				if tc.Positions.Current.Int() != tc.Persons.Total.Current.Int()+tc.CrossPersons.Count.Current.Int() {
					t.Errorf("seed %d %s %s: positions %d ≠ persons %d + cross %d", seed, where, tc.Kind,
						tc.Positions.Current.Int(), tc.Persons.Total.Current.Int(), tc.CrossPersons.Count.Current.Int())
				}
			}
		}
		walk("county", s.Bodies, s.TwoCommittees)
		// The townships add up to the county.
		sums := map[analytics.Body][2]int{}
		for _, b := range s.Breakdown {
			walk(b.Name, b.Bodies, b.TwoCommittees)
			for _, bs := range b.Bodies {
				x := sums[bs.Body]
				x[0] += bs.Members.Total.Current.Int()
				x[1] += bs.Members.Women.Count.Current.Int()
				sums[bs.Body] = x
			}
		}
		for _, b := range s.Bodies {
			if x := sums[b.Body]; x[0] != b.Members.Total.Current.Int() || x[1] != b.Members.Women.Count.Current.Int() {
				t.Errorf("seed %d %s: townships sum to %v, county has %d members %d women", seed, b.Body, x,
					b.Members.Total.Current.Int(), b.Members.Women.Count.Current.Int())
			}
		}
		oneShoulder := 0
		for _, tc := range s.TwoCommittees {
			oneShoulder += tc.OneShoulder.Count.Current.Int()
		}
		if oneShoulder == 0 {
			t.Errorf("seed %d: generated data has no 一肩挑; the check above proves little", seed)
		}
	}
}
