package reports

import (
	"context"
	"testing"

	"electsum/analytics"
	"electsum/ingest/synth"
)

// generatedCounties are the counties the generated-county recounts read (this file's and
// TestGeneratedCountiesKindsRecount): 生成县 with seeds 7 and 1031, 4 townships of 7 units, 30%
// communities, two terms, messy sheets.
func generatedCounties() []synth.Config {
	var out []synth.Config
	for _, seed := range []int64{7, 1031} {
		cfg := synth.County()
		cfg.Seed, cfg.TownshipsPerCounty, cfg.UnitsPerTownship, cfg.Communities = seed, 4, 7, 0.3
		cfg.CountyNames = []string{"生成县"}
		out = append(out, cfg)
	}
	return out
}

// TestGeneratedCountiesRecount is issue 10's "Done means" beyond the demo county: for counties generated
// with other seeds (another share of communities, more townships and units, two terms, messy sheets
// that leave optional columns out, some in Traditional script, and more optional columns left blank), every number the recount tests check is
// recounted with their independent SQL — the county, every township and each township's first unit with
// TestDemoDraftsRecount's recount (参选, 职数, members, women, party members, heads, age, 两委), the county
// and every township with TestDemoDraftsRecountFamilies' (连任 and its base, 一次选举成功, 100% 到会,
// 有效/无效票 with their units, 届次, 选举方式, 高中（中专）以上, 副职 and their women with the change).
func TestGeneratedCountiesRecount(t *testing.T) {
	if testing.Short() {
		t.Skip("loads two generated counties")
	}
	for _, cfg := range generatedCounties() {
		db := loadWorld(t, synth.Generate(cfg))
		// Beyond what the messy sheets leave out, some units leave more optional columns blank, as real
		// townships do, so that every partial base (N个村填报, 填报了…的) is checked.
		for _, q := range []string{
			`UPDATE elections SET first_round = NULL WHERE hash(unit) % 4 = 1`,
			`UPDATE elections SET valid_ballots = NULL, invalid_ballots = NULL WHERE hash(unit) % 5 = 2`,
			`UPDATE elections SET proxy_votes = NULL, mobile_votes = NULL WHERE hash(unit) % 6 = 3`,
			`UPDATE elections SET term = NULL WHERE hash(township) % 3 = 0`,
			`UPDATE members SET education = NULL WHERE hash(name) % 9 = 4`,
			`UPDATE members SET wealth_leader = NULL WHERE hash(name) % 3 = 1`,
		} {
			if _, err := db.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		// The optional columns must be blank somewhere, so that the partial bases are checked.
		var blankRound, blankValid, blankMethod, blankEducation int
		if err := db.QueryRow(`SELECT count(*) FILTER (WHERE first_round IS NULL), count(*) FILTER (WHERE valid_ballots IS NULL),
		        count(*) FILTER (WHERE coalesce(method, '') = ''),
		        (SELECT count(*) FROM members WHERE year = 2024 AND education IS NULL)
		    FROM elections WHERE year = 2024`).Scan(&blankRound, &blankValid, &blankMethod, &blankEducation); err != nil {
			t.Fatal(err)
		}
		t.Logf("seed %d: blank 一次选举成功 %d, 有效票 %d, 选举方式 %d elections; blank 学历 %d members", cfg.Seed, blankRound, blankValid, blankMethod, blankEducation)
		if blankRound == 0 || blankValid == 0 || blankMethod == 0 || blankEducation == 0 {
			t.Errorf("seed %d: an optional column is filled everywhere", cfg.Seed)
		}
		ctx := context.Background()
		opts := draftOptions()
		summarize := func(s analytics.Scope) *analytics.Summary {
			t.Helper()
			sum, err := analytics.Summarize(ctx, db, s, opts)
			if err != nil {
				t.Fatal(err)
			}
			return sum
		}
		county := summarize(analytics.Scope{County: "生成县", Year: 2024})
		if len(county.Breakdown) != cfg.TownshipsPerCounty {
			t.Fatalf("seed %d: %d townships", cfg.Seed, len(county.Breakdown))
		}
		all, families := []*analytics.Summary{county}, []*analytics.Summary{county}
		for _, b := range county.Breakdown {
			township := summarize(analytics.Scope{County: "生成县", Township: b.Township, Year: 2024})
			u := township.Elections[0].UnitRef
			unit := summarize(analytics.Scope{County: "生成县", Township: u.Township, Unit: u.Unit, Year: 2024})
			all = append(all, township, unit)
			families = append(families, township)
		}
		checkDraftsRecount(t, db, all)
		checkFamiliesRecount(t, db, families)
	}
}
