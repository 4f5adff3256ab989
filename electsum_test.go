package electsum_test

import (
	"fmt"
	"testing"

	"electsum"
)

func TestRound(t *testing.T) {
	for _, c := range []struct{ in, want float64 }{
		{28.75, 28.8}, {28.74, 28.7}, {-2.85, -2.9}, {-2.84, -2.8}, {100 * 23.0 / 80, 28.8}, {0, 0}, {-0.05, -0.1},
	} {
		if got := electsum.Round(c.in, 1); got != c.want {
			t.Errorf("Round(%v, 1) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestMaskID(t *testing.T) {
	for in, want := range map[string]string{
		"330102198005010011":   "3301**********0011",
		"3301**********0011":   "3301**********0011", // masking twice changes nothing
		" 33010219800501001X ": "3301**********001X",
		"12345678":             "********",
		"":                     "",
	} {
		if got := electsum.MaskID(in); got != want {
			t.Errorf("MaskID(%q) = %q, want %q", in, got, want)
		}
	}
}

func ExampleMaskID() {
	fmt.Println(electsum.MaskID("33010219800101123X"))
	fmt.Println(electsum.MaskID("1234"))
	// Output:
	// 3301**********123X
	// ****
}

func TestBodies(t *testing.T) {
	for _, c := range []struct {
		body  electsum.Body
		party bool
		head  electsum.Position
		kind  electsum.UnitKind
	}{
		{electsum.PartyBranch, true, electsum.Secretary, electsum.Village},
		{electsum.VillagersCommittee, false, electsum.Director, electsum.Village},
		{electsum.SupervisoryCommittee, false, electsum.Director, electsum.Village},
		{electsum.CommunityParty, true, electsum.Secretary, electsum.Community},
		{electsum.ResidentsCommittee, false, electsum.Director, electsum.Community},
		{electsum.TownshipPartyCommittee, true, electsum.Secretary, electsum.Township},
		{electsum.TownshipDiscipline, true, electsum.Secretary, electsum.Township},
		{electsum.Delegates, true, "", electsum.Township},
		{electsum.CountyDeputies, false, "", electsum.Constituency},
		{electsum.TownshipDeputies, false, "", electsum.Constituency},
	} {
		b := c.body
		if b.Party() != c.party || b.Head() != c.head || b.UnitKind() != c.kind {
			t.Errorf("%s: party %v head %q kind %q", b, b.Party(), b.Head(), b.UnitKind())
		}
		if !b.IsHead(c.head) && c.head != "" {
			t.Errorf("%s: %s is not head", b, c.head)
		}
		if b.IsHead(electsum.Member) || b.IsHead("") {
			t.Errorf("%s: 委员 or nobody is head", b)
		}
	}
	bs := electsum.Bodies()
	for i, b := range bs {
		if b.Rank() != i {
			t.Errorf("%s rank %d, want %d", b, b.Rank(), i)
		}
	}
	bs[0] = "x"
	if electsum.Bodies()[0] != electsum.PartyBranch {
		t.Error("Bodies shares its slice")
	}
}

func TestEducationGroups(t *testing.T) {
	for _, c := range []struct {
		education             string
		college, highSchoolUp bool
	}{
		{"研究生", true, true}, {"大学专科", true, true}, {"中专", false, true}, {"高中", false, true}, {"初中", false, false},
		{"小学及以下", false, false}, {electsum.EducationCollege, true, true}, {electsum.EducationHighSchool, false, true},
		{electsum.EducationMiddleSchoolDown, false, false}, {"高中及以上", false, false}, {"", false, false},
	} {
		if got := electsum.College(c.education); got != c.college {
			t.Errorf("College(%q) = %v", c.education, got)
		}
		if got := electsum.HighSchoolUp(c.education); got != c.highSchoolUp {
			t.Errorf("HighSchoolUp(%q) = %v", c.education, got)
		}
	}
	for _, name := range electsum.EducationRangeNames() {
		if !electsum.EducationWithin(name, electsum.EducationRanges()[name]) || electsum.EducationWithin(name, electsum.EducationRanges()[name][1:]) {
			t.Errorf("EducationWithin(%s): a range lies within its values and only within all of them", name)
		}
	}
}
