package analytics_test

import (
	"database/sql"
	"os"
	"slices"
	"strings"
	"testing"

	"electsum"
)

// TestDomainSQL checks that the domain's macros and tables (analytics/domain.go) give what package
// electsum gives, for every body and 学历 it knows and for values it does not.
func TestDomainSQL(t *testing.T) {
	db := installed(t)
	for i, b := range append(electsum.Bodies(), "村民小组", "") {
		var party, congress, deputies bool
		var rank sql.NullInt64
		var head sql.NullString
		var kind string
		if err := db.QueryRow(`SELECT party_body(?), party_congress_body(?), deputies_body(?), body_rank(?), body_head(?), body_kind(?)`,
			b, b, b, b, b, b).Scan(&party, &congress, &deputies, &rank, &head, &kind); err != nil {
			t.Fatal(err)
		}
		// a body electsum does not know (ingest stores none) has no rank and no head in SQL
		var wantRank sql.NullInt64
		var wantHead electsum.Position
		if known := i < len(electsum.Bodies()); known {
			wantRank, wantHead = sql.NullInt64{Int64: int64(i + 1), Valid: true}, b.Head()
		}
		if party != b.Party() || congress != b.PartyCongress() || deputies != b.Deputies() || rank != wantRank ||
			head.String != string(wantHead) || head.Valid != (wantHead != "") || kind != string(b.UnitKind()) {
			t.Errorf("%q: party %v congress %v deputies %v rank %v head %v kind %q; want %v %v %v %v %q %q", b,
				party, congress, deputies, rank, head, kind, b.Party(), b.PartyCongress(), b.Deputies(), wantRank, wantHead, b.UnitKind())
		}
	}
	for _, e := range append(append(electsum.Educations(), electsum.EducationRangeNames()...), "高中及以上", "") {
		var known, college, highSchoolUp bool
		if err := db.QueryRow(`SELECT education_known(?), education_college(?), education_high_school_up(?)`, e, e, e).Scan(&known, &college, &highSchoolUp); err != nil {
			t.Fatal(err)
		}
		if known != (len(electsum.EducationCovers(e)) > 0) || college != electsum.College(e) || highSchoolUp != electsum.HighSchoolUp(e) {
			t.Errorf("%q: known %v college %v high school up %v", e, known, college, highSchoolUp)
		}
	}
	for _, p := range []string{electsum.FullPartyMember, electsum.ProbationPartyMember, "共青团员", "群众", ""} {
		var member bool
		if err := db.QueryRow(`SELECT party_member(?)`, p).Scan(&member); err != nil {
			t.Fatal(err)
		}
		if member != electsum.PartyMember(p) {
			t.Errorf("party_member(%q) = %v", p, member)
		}
	}
	var pairs []electsum.TwoCommittees
	rows, err := db.Query(`SELECT kind, party_body, committee_body FROM two_committee_pairs()`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var p electsum.TwoCommittees
		if err := rows.Scan(&p.Kind, &p.Party, &p.Committee); err != nil {
			t.Fatal(err)
		}
		pairs = append(pairs, p)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(pairs, electsum.Pairs()) {
		t.Errorf("two_committee_pairs() = %v, want %v", pairs, electsum.Pairs())
	}
	var bodies, educations, ranges int
	if err := db.QueryRow(`SELECT (SELECT count(*) FROM domain_bodies), (SELECT count(*) FROM domain_educations),
		(SELECT count(*) FROM domain_educations WHERE is_range AND college = list_has_all(['研究生', '大学本科', '大学专科'], covers))`).Scan(&bodies, &educations, &ranges); err != nil {
		t.Fatal(err)
	}
	if bodies != len(electsum.Bodies()) || educations != len(electsum.Educations())+len(electsum.EducationRangeNames()) || ranges != len(electsum.EducationRangeNames()) {
		t.Errorf("domain tables: %d bodies, %d educations, %d ranges", bodies, educations, ranges)
	}
}

// TestCongressValuesSQL: member_makeup and congress_totals (views/07_v_congress.sql) count each 代表构成
// and 选举轮次 value into a column of its own (workers … others, first_round … unfilled), so they name the
// values there; each must be a value of electsum.Categories or electsum.Rounds, and every value must be
// counted.
func TestCongressValuesSQL(t *testing.T) {
	text, err := os.ReadFile("views/07_v_congress.sql")
	if err != nil {
		t.Fatal(err)
	}
	for column, values := range map[string][]string{"category": electsum.Categories(), "round": electsum.Rounds()} {
		for _, v := range values {
			if !strings.Contains(string(text), column+" = '"+v+"'") {
				t.Errorf("07_v_congress.sql counts no %s = '%s'", column, v)
			}
		}
		for _, line := range strings.Split(string(text), "\n") {
			if _, rest, ok := strings.Cut(line, column+" = '"); ok {
				if v, _, _ := strings.Cut(rest, "'"); !slices.Contains(values, v) {
					t.Errorf("07_v_congress.sql counts %s = '%s', which electsum does not define", column, v)
				}
			}
		}
	}
}
