package analytics_test

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"electsum/ingest"
	"electsum/ingest/synth"
)

// loadWorld writes the generated rows straight into a new database at path (two CSV files and COPY), so
// that the tests and benchmarks here measure analytics, not the workbook reader.
func loadWorld(tb testing.TB, w *synth.World, path string) *sql.DB {
	tb.Helper()
	ctx := context.Background()
	db, err := ingest.Open(ctx, path)
	if err != nil {
		tb.Fatal(err)
	}
	dir := filepath.Dir(path)
	el := filepath.Join(dir, "elections.csv")
	me := filepath.Join(dir, "members.csv")
	writeCSV(tb, el, func(out *csv.Writer) {
		for _, t := range w.Townships {
			for _, r := range t.Results {
				date := ""
				if r.Date != nil {
					date = r.Date.Format("2006-01-02")
				}
				out.Write([]string{r.County, r.Township, r.Unit, strconv.Itoa(r.Year), r.Body, intp(r.Term), r.Method,
					intp(r.Registered), intp(r.Voted), intp(r.ProxyVotes), intp(r.MobileVotes), intp(r.ValidBallots),
					intp(r.InvalidBallots), intp(r.Seats), intp(r.Candidates), intp(r.Elected), date, boolp(r.FirstRound),
					"synth.xlsx", "选举结果", "2"})
			}
		}
	})
	writeCSV(tb, me, func(out *csv.Writer) {
		// Synthetic people can repeat a name within a unit; keep the first row of a person per
		// election, as ingest's duplicate_person check would have the sheet do.
		seen := map[[6]string]bool{}
		for _, t := range w.Townships {
			for _, m := range t.Members {
				birth, born := "", ""
				if m.Birth != nil {
					birth, born = m.Birth.Format("2006-01-02"), m.Birth.Format("2006-01")
				} else if m.Age != nil {
					born = strconv.Itoa(*m.Age)
				}
				key := "name:" + m.Township + "|" + m.Unit + "|" + m.Name + "|" + born
				if m.IDNumber != "" {
					key = "id:" + m.IDNumber
				}
				if k := [6]string{m.County, m.Township, m.Unit, strconv.Itoa(m.Year), m.Body, key}; seen[k] {
					continue
				} else {
					seen[k] = true
				}
				out.Write([]string{m.County, m.Township, m.Unit, strconv.Itoa(m.Year), m.Body, m.Name, m.Position, m.Gender,
					birth, intp(m.Age), m.Ethnicity, m.Party, m.Education, boolp(m.Reelected), m.IDNumber,
					boolp(m.WealthLeader), boolp(m.GraduateOfficial), m.Category, intp(m.Votes), key,
					"synth.xlsx", "当选人员", "2"})
			}
		}
	})
	// The elections columns the CSV carries; later migrations add columns the synthetic villages leave NULL.
	const electionColumns = `elections (county, township, unit, year, body, term, method, registered, voted, proxy_votes,
		mobile_votes, valid_ballots, invalid_ballots, seats, candidates, elected, election_date, first_round,
		source_file, source_sheet, source_row)`
	const memberColumns = `members (county, township, unit, year, body, name, position, gender, birth, age, ethnicity,
		party, education, reelected, id_number, wealth_leader, graduate_official, category, votes, person_key,
		source_file, source_sheet, source_row)`
	for table, file := range map[string]string{electionColumns: el, memberColumns: me} {
		q := fmt.Sprintf(`INSERT INTO %s SELECT * FROM read_csv('%s', header = false, nullstr = '', all_varchar = true)`, table, file)
		if _, err := db.ExecContext(ctx, q); err != nil {
			tb.Fatalf("load %s: %v", table, err)
		}
	}
	return db
}

func writeCSV(tb testing.TB, path string, rows func(*csv.Writer)) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	out := csv.NewWriter(f)
	rows(out)
	out.Flush()
	if err := out.Error(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
}

func intp(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

func boolp(p *bool) string {
	if p == nil {
		return ""
	}
	return strconv.FormatBool(*p)
}
