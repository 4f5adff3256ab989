package ingest

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestEnglishHeaders is what clerks type on an English sheet, written out by hand (not read back from
// columns.go), so a header that stops matching fails here.
func TestEnglishHeaders(t *testing.T) {
	results, members := specs[0], specs[1]
	for _, c := range []struct {
		spec *sheetSpec
		in   []string
		want field
	}{
		{results, []string{"County", "county", "District", "County/District"}, fCounty},
		{results, []string{"Township", "Town", "TOWNSHIP", "Township / Town", "Subdistrict", "Townships"}, fTownship},
		{results, []string{"Village", "Villages", "Community", "Village/Community", "Unit", "Village Name"}, fUnit},
		{results, []string{"Year", "Election Year", "year"}, fYear},
		{results, []string{"Term", "Terms"}, fTerm},
		{results, []string{"Body", "Bodies", "Election Type", "Organization", "Organisation"}, fBody},
		{results, []string{"Method", "Election Method"}, fMethod},
		{results, []string{"Voters", "voter", "Registered Voters", "registered voter", "REGISTERED  VOTERS", "Registered", "Eligible Voters", "Number of Voters"}, fRegistered},
		{results, []string{"Ballots Cast", "Votes Cast", "Voted", "Number Voted"}, fVoted},
		{results, []string{"Proxy Votes", "Proxy Vote", "Proxy"}, fProxyVotes},
		{results, []string{"Mobile Ballot Box", "Mobile Ballot Box Votes", "Mobile Votes"}, fMobileVotes},
		{results, []string{"Valid Ballots", "Valid Ballot", "Valid Votes", "Valid"}, fValidBallots},
		{results, []string{"Invalid Ballots", "Invalid Votes", "Invalid", "Spoiled Ballots"}, fInvalidBallots},
		{results, []string{"Seats", "Seat", "Number of Seats", "Quota"}, fSeats},
		{results, []string{"Candidates", "Candidate", "Number of Candidates"}, fCandidates},
		{results, []string{"Elected", "Number Elected"}, fElected},
		{results, []string{"Date", "date", "DATE", "Election Date", "election date", "Election  Date", "Dates", "Date of Election", "Voting Date"}, fDate},
		{results, []string{"First Round", "Elected in First Round"}, fFirstRound},
		{members, []string{"Name", "Names", "Full Name", "Member Name"}, fName},
		{members, []string{"Position", "Positions", "Title", "Post", "Role", "Job Title"}, fPosition},
		{members, []string{"Sex", "Gender", "SEX", "Genders"}, fGender},
		{members, []string{"Birth", "Date of Birth", "Birth Date", "DOB", "Born", "Birthday", "Birth Month"}, fBirth},
		{members, []string{"Age", "Ages", "Age at Election"}, fAge},
		{members, []string{"Ethnicity", "Ethnic Group", "Nationality"}, fEthnicity},
		{members, []string{"Party", "Political Status", "Political Affiliation", "Party Affiliation"}, fParty},
		{members, []string{"Education", "Education Level", "Educational Background", "Degree"}, fEducation},
		{members, []string{"Reelected", "Re-elected", "Re-Election", "Incumbent"}, fReelected},
		{members, []string{"ID", "Id", "ID No.", "ID Number", "ID Numbers", "ID Card", "ID Card Number", "Identity Card Number", "Citizen ID"}, fIDNumber},
		{members, []string{"Wealth Leader", "Wealth Leaders"}, fWealthLeader},
		{members, []string{"Graduate Official", "College Graduate Village Official"}, fGraduateOfficial},
		{members, []string{"Category", "Deputy Category", "Composition"}, fCategory},
		{members, []string{"Votes", "Vote", "Votes Received", "Vote Count"}, fVotes},
		{members, []string{"Township", "Village", "Year", "Body", "County"}, -1}, // shared columns: checked below
	} {
		for _, in := range c.in {
			got, ok := c.spec.lookup(in)
			if c.want < 0 {
				if !ok || got > fBody {
					t.Errorf("%s.lookup(%q) = %s, %v; want a key column", c.spec.kind, in, fieldKeys[got], ok)
				}
				continue
			}
			if !ok || got != c.want {
				t.Errorf("%s.lookup(%q) = %s, %v; want %s", c.spec.kind, in, fieldKeys[got], ok, fieldKeys[c.want])
			}
		}
	}
}

// TestEnglishAliasesAllMatch reads every English header of the column table back through lookup in the
// forms a clerk might type it: upper case, title case, spaced out, singular and plural.
func TestEnglishAliasesAllMatch(t *testing.T) {
	for _, spec := range specs {
		for f, c := range spec.cols {
			if c == nil {
				continue
			}
			if len(c.English) == 0 {
				t.Errorf("%s column %s has no English header", spec.kind, c.Header)
			}
			for _, e := range c.English {
				title := strings.ToUpper(e[:1]) + e[1:]
				for _, in := range []string{e, strings.ToUpper(e), title, " " + strings.ReplaceAll(e, " ", "  ") + " ", otherNumber(fold(e, true))} {
					if in == "" {
						continue // no other number: "population 18+"
					}
					got, ok := spec.lookup(in)
					if !ok || got != field(f) {
						t.Errorf("%s.lookup(%q) = %s, %v; want %s", spec.kind, in, fieldKeys[got], ok, c.Key)
					}
				}
			}
		}
	}
}

// TestHeaderAliasesUnambiguous checks the whole alias table: no header, Chinese or English, in any of the
// forms lookup accepts, names two different columns, in one sheet kind or across them; and no header
// of a derived figure (参选率) is also a column's.
func TestHeaderAliasesUnambiguous(t *testing.T) {
	owner := map[string]string{} // folded key → column key
	from := map[string]string{}  // folded key → the header it came from, for the message
	claim := func(k, col, header string) {
		if prev, ok := owner[k]; ok && prev != col {
			t.Errorf("header %q (%s) and %q (%s) fold to the same %q", header, col, from[k], prev, k)
			return
		}
		owner[k], from[k] = col, header
	}
	for _, cols := range [][]Column{resultColumns, memberColumns} {
		for i := range cols {
			c := &cols[i]
			for _, h := range append(append([]string{c.Header, c.Key}, c.Aliases...), c.English...) {
				for _, k := range headerKeys([]string{h}, nil) {
					claim(k, c.Key, h)
				}
				if isASCII(h) {
					for _, k := range headerKeys(nil, []string{h}) {
						claim(k, c.Key, h)
					}
				}
			}
		}
	}
	for _, d := range derivedColumns {
		for _, k := range headerKeys(append([]string{d.Header}, d.Aliases...), d.English) {
			claim(k, "derived "+d.Header, d.Header)
		}
	}
	// What the parser built agrees with the table: each key found in both sheet kinds names one column.
	for k, col := range owner {
		for _, spec := range specs {
			if f, ok := spec.byKey[k]; ok && fieldKeys[f] != col {
				t.Errorf("%s: %q reads as %s, the table says %s", spec.kind, k, fieldKeys[f], col)
			}
		}
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func TestOtherNumber(t *testing.T) {
	for in, want := range map[string]string{
		"voters": "voter", "voter": "voters", "bodies": "body", "body": "bodies", "sex": "sexes", "sexes": "sex",
		"days": "day", "day": "days", "class": "classes", "id": "ids", "dob": "dobs", "名称": "", "": "", "turnout%": "",
	} {
		if got := otherNumber(in); got != want {
			t.Errorf("otherNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEnglishWorkbook loads a workbook whose two sheets have English headers only, in another order,
// and gets the same rows as the standard Chinese workbook.
func TestEnglishWorkbook(t *testing.T) {
	zh := mustParse(t, writeXLSX(t,
		sheetData{name: "选举结果", rows: [][]any{resultsHeader, resultRow("石桥村", "村民委员会", 2)}},
		sheetData{name: "当选人员", rows: [][]any{membersHeader,
			memberRow("石桥村", "村民委员会", "张三", "主任", "男", "1975.03", makeID("19750315", true)),
			memberRow("石桥村", "村民委员会", "李四", "委员", "女", "1980-11", "")}},
	))
	resultsEN := []any{"Township", "Village", "Year", "Term", "Election Type", "Registered Voters", "Ballots Cast", "Valid Ballots", "Invalid Ballots", "Seats", "Candidates", "Elected", "Date"}
	membersEN := []any{"Town", "Community", "Election Year", "Body", "Name", "Title", "Sex", "Date of Birth", "Ethnicity", "Political Status", "Education", "Re-elected", "ID No."}
	en := mustParse(t, writeXLSX(t,
		sheetData{name: "Results", rows: [][]any{resultsEN, resultRow("石桥村", "村民委员会", 2)}},
		sheetData{name: "Members", rows: [][]any{membersEN,
			memberRow("石桥村", "村民委员会", "张三", "主任", "男", "1975.03", makeID("19750315", true)),
			memberRow("石桥村", "村民委员会", "李四", "委员", "女", "1980-11", "")}},
	))
	if len(en.Problems) != 0 {
		t.Fatalf("problems in the English workbook: %v", en.Problems)
	}
	if len(en.Results) != 1 || len(en.Members) != 2 {
		t.Fatalf("got %d results, %d members; want 1, 2", len(en.Results), len(en.Members))
	}
	for i := range zh.Results {
		a, b := fmt.Sprintf("%+v", deref(zh.Results[i])), fmt.Sprintf("%+v", deref(en.Results[i]))
		if a != b {
			t.Errorf("results row differs:\n zh %s\n en %s", a, b)
		}
	}
	for i := range zh.Members {
		a, b := fmt.Sprintf("%+v", deref(zh.Members[i])), fmt.Sprintf("%+v", deref(en.Members[i]))
		if a != b {
			t.Errorf("members row differs:\n zh %s\n en %s", a, b)
		}
	}
}

// deref prints a row's pointer fields by value, so two parses compare by content.
func deref(v any) map[string]any {
	out := map[string]any{}
	rv := reflect.ValueOf(v)
	for i := 0; i < rv.NumField(); i++ {
		f := rv.Field(i)
		if f.Kind() == reflect.Pointer {
			if f.IsNil() {
				out[rv.Type().Field(i).Name] = nil
				continue
			}
			f = f.Elem()
		}
		if rv.Type().Field(i).Name == "Pos" { // the file and sheet differ by design
			continue
		}
		out[rv.Type().Field(i).Name] = fmt.Sprint(f.Interface())
	}
	return out
}

// TestDerivedColumnIgnored: a 参选率 or Turnout column is a figure computed from two others. It is never
// taken for an input column (its 95% never lands anywhere) and a notice says why it was left out.
func TestDerivedColumnIgnored(t *testing.T) {
	for _, h := range []string{"参选率", "參選率", "参选率(%)", "投票率", "Turnout", "turnout rate", "Voter Turnout"} {
		t.Run(h, func(t *testing.T) {
			header := append(append([]any{}, resultsHeader...), h)
			row := append(resultRow("石桥村", "村民委员会", 5), "91.7%")
			p := mustParse(t, writeXLSX(t, sheetData{name: "选举结果", rows: [][]any{header, row}}))
			if got := rules(p, Notice); len(got) != 1 || got[0] != "derived_column@N1" {
				t.Fatalf("notices = %v, want derived_column@N1", got)
			}
			if errs := rules(p, Error); len(errs) != 0 {
				t.Errorf("errors = %v", errs)
			}
			if len(p.Results) != 1 || *p.Results[0].Registered != 1200 || *p.Results[0].Voted != 1100 {
				t.Errorf("results = %+v", p.Results)
			}
			if msg := p.Problems[0].Message; !strings.Contains(msg, "参加投票人数和登记选民数") {
				t.Errorf("message = %s", msg)
			}
		})
	}
}
