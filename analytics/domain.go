package analytics

import (
	"fmt"
	"strings"

	"electsum"
)

// domainMacros and domainTables are the domain's values as SQL, written from package electsum, so that
// the views read them instead of writing them again. Install runs both in the database before the views;
// Summarize runs the macros as TEMP definitions on its own connection (figureSQL; it reads no table of
// them, and making the tables took 2–5 ms of a connection's 115–200 ms of definitions). The macros
// expand to the values themselves, so that a filter on them is planned as one on constants, as the
// values written out in each view were (the views joining a table of the values instead took a county's
// summary more CPU):
//
//	party_body(body), party_congress_body(body), deputies_body(body)  electsum.Body.Party,
//	                   PartyCongress, Deputies
//	party_congress_bodies(), deputies_bodies()  those bodies as a list, in report order
//	body_rank(body)    the body's place in report order (electsum.Bodies), from 1; NULL for another
//	body_head(body)    the position of its head, 书记 or 主任 (electsum.Body.Head); NULL for deputies and
//	                   delegates
//	body_kind(body)    the kind of unit that elects it: 村, 社区, 乡镇, 选区 (electsum.Body.UnitKind)
//	two_committee_pairs()  table macro: the 两委 of each kind of unit (electsum.Pairs): kind,
//	                   party_body, committee_body
//	party_member(party)  a 政治面貌 of a party member, 中共党员 or 中共预备党员 (electsum.PartyMember)
//	by_representatives(body, method)  a 村务监督委员会 chosen by its 村民代表会议 (选举方式
//	                   electsum.ByRepresentatives)
//	education_known(education)  a 学历 ingest stores: a canonical value (electsum.Educations) or a range
//	                   (electsum.EducationRanges)
//	education_college(education)  大专及以上 (electsum.College)
//	education_high_school_up(education)  高中（中专）以上 (electsum.HighSchoolUp)
//
// and two tables that list them for analysts (no view reads them):
//
//	domain_bodies      each 选举类型 with ord (report order), kind, head, party, party_congress, deputies
//	                   and summary (the kind of summary it is in: lianwei, renda, dangdaihui)
//	domain_educations  each 学历 ingest stores, the canonical values then the ranges, with ord (that
//	                   order), is_range, covers (the values it stands for, highest first), college and
//	                   high_school_up
var domainMacros, domainTables = func() (string, string) {
	var b, tables strings.Builder
	macro := func(name, format string, args ...any) {
		fmt.Fprintf(&b, "CREATE OR REPLACE MACRO %s AS %s;\n", name, fmt.Sprintf(format, args...))
	}
	var party, partyCongress, deputies []string
	var rank, head, kind, rows []string
	for i, body := range electsum.Bodies() {
		name := sqlString(string(body))
		if body.Party() {
			party = append(party, name)
		}
		if body.PartyCongress() {
			partyCongress = append(partyCongress, name)
		}
		if body.Deputies() {
			deputies = append(deputies, name)
		}
		rank = append(rank, fmt.Sprintf("WHEN %s THEN %d", name, i+1))
		h := "NULL"
		if body.Head() != "" {
			h = sqlString(string(body.Head()))
			head = append(head, fmt.Sprintf("WHEN %s THEN %s", name, h))
		}
		kind = append(kind, fmt.Sprintf("WHEN %s THEN %s", name, sqlString(string(body.UnitKind()))))
		rows = append(rows, fmt.Sprintf("(%s, %d, %s, %s, %t, %t, %t, %s)", name, i+1, sqlString(string(body.UnitKind())),
			h, body.Party(), body.PartyCongress(), body.Deputies(), sqlString(string(body.Kind()))))
	}
	macro("party_body(body)", "body IN (%s)", strings.Join(party, ", "))
	macro("party_congress_body(body)", "body IN (%s)", strings.Join(partyCongress, ", "))
	macro("deputies_body(body)", "body IN (%s)", strings.Join(deputies, ", "))
	macro("party_congress_bodies()", "[%s]", strings.Join(partyCongress, ", "))
	macro("deputies_bodies()", "[%s]", strings.Join(deputies, ", "))
	macro("body_rank(body)", "CASE body %s END", strings.Join(rank, " "))
	macro("body_head(body)", "CASE body %s END", strings.Join(head, " "))
	macro("body_kind(body)", "CASE body %s ELSE %s END", strings.Join(kind, " "), sqlString(string(electsum.Body("").UnitKind())))
	var pairs []string
	for _, p := range electsum.Pairs() {
		pairs = append(pairs, fmt.Sprintf("(%s, %s, %s)", sqlString(string(p.Kind)), sqlString(string(p.Party)), sqlString(string(p.Committee))))
	}
	macro("two_committee_pairs()", "TABLE SELECT * FROM (VALUES %s) AS t(kind, party_body, committee_body)", strings.Join(pairs, ", "))
	macro("party_member(party)", "party IN (%s, %s)", sqlString(electsum.FullPartyMember), sqlString(electsum.ProbationPartyMember))
	macro("by_representatives(body, method)", "coalesce(body = %s AND method = %s, false)",
		sqlString(string(electsum.SupervisoryCommittee)), sqlString(electsum.ByRepresentatives))
	fmt.Fprintf(&tables, "CREATE OR REPLACE TABLE domain_bodies AS SELECT * FROM (VALUES\n    %s\n) t(body, ord, kind, head, party, party_congress, deputies, summary);\n",
		strings.Join(rows, ",\n    "))

	var known, college, highSchoolUp []string
	rows = rows[:0]
	educations := append(electsum.Educations(), electsum.EducationRangeNames()...)
	for i, e := range educations {
		name := sqlString(e)
		known = append(known, name)
		if electsum.College(e) {
			college = append(college, name)
		}
		if electsum.HighSchoolUp(e) {
			highSchoolUp = append(highSchoolUp, name)
		}
		var covers []string
		for _, v := range electsum.EducationCovers(e) {
			covers = append(covers, sqlString(v))
		}
		rows = append(rows, fmt.Sprintf("(%s, %d, %t, [%s]::VARCHAR[], %t, %t)", name, i+1, i >= len(electsum.Educations()),
			strings.Join(covers, ", "), electsum.College(e), electsum.HighSchoolUp(e)))
	}
	macro("education_known(education)", "education IN (%s)", strings.Join(known, ", "))
	macro("education_college(education)", "education IN (%s)", strings.Join(college, ", "))
	macro("education_high_school_up(education)", "education IN (%s)", strings.Join(highSchoolUp, ", "))
	fmt.Fprintf(&tables, "CREATE OR REPLACE TABLE domain_educations AS SELECT * FROM (VALUES\n    %s\n) t(education, ord, is_range, covers, college, high_school_up);\n",
		strings.Join(rows, ",\n    "))
	return b.String(), tables.String()
}()

// sqlString is s as an SQL string literal.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
