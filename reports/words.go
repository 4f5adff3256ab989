package reports

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/BurntSushi/toml"

	"electsum/templates"
)

// WordsFile is the file of a template folder that holds the words the phrasing helpers put around
// figures (templates/words.toml); a folder without one uses the built-in words, and a key its file
// leaves out keeps the built-in word.
const WordsFile = "words.toml"

// Words are the words the phrasing helpers print around figures: punctuation, 占, 岁, 比上届增加 …,
// Chinese numerals and dates. They come from the template folder's words.toml, so that the wording of
// the drafts lives with the templates, not in Go. The helpers are Words' methods (Renderer gives each
// template folder its own); the package functions of the same names use the built-in words.
type Words struct {
	Punctuation struct {
		Comma       string `toml:"comma"`
		Semicolon   string `toml:"semicolon"`
		FullStop    string `toml:"full_stop"`
		Enumeration string `toml:"enumeration"`
		And         string `toml:"and"`
		Open        string `toml:"open"`
		Close       string `toml:"close"`
	} `toml:"punctuation"`
	Figures struct {
		Share    string `toml:"share"`
		YearsOld string `toml:"years_old"`
		Previous string `toml:"previous"`
	} `toml:"figures"`
	Counts struct {
		Up   string `toml:"up"`
		Down string `toml:"down"`
		Same string `toml:"same"`
	} `toml:"change"`
	Points struct {
		Up        string `toml:"up"`
		Down      string `toml:"down"`
		Unit      string `toml:"unit"`
		MovedUp   string `toml:"moved_up"`
		MovedDown string `toml:"moved_down"`
		MovedSame string `toml:"moved_same"`
	} `toml:"points"`
	Ages struct {
		Up   string `toml:"up"`
		Down string `toml:"down"`
	} `toml:"years"`
	AgeGap struct {
		Less string `toml:"less"`
		More string `toml:"more"`
		Same string `toml:"same"`
	} `toml:"gap"`
	Rounds struct {
		Yes string `toml:"yes"`
		No  string `toml:"no"`
	} `toml:"first_round"`
	Numerals struct {
		Digits     []string `toml:"digits"`
		Places     []string `toml:"places"`
		TermBefore string   `toml:"term_before"`
		TermAfter  string   `toml:"term_after"`
	} `toml:"numerals"`
	Dates struct {
		Year  string `toml:"year"`
		Month string `toml:"month"`
		Day   string `toml:"day"`
		To    string `toml:"to"`
	} `toml:"dates"`
	Drafts struct {
		Title                  string `toml:"title"`
		TwoCommittees          string `toml:"two_committees"`
		Self                   string `toml:"self"`
		Whole                  string `toml:"whole"`
		Nowhere                string `toml:"nowhere"`
		Placeholder            string `toml:"placeholder"`
		Organ                  string `toml:"organ"`
		Date                   string `toml:"date"`
		Number                 string `toml:"number"`
		Units                  string `toml:"units"`
		VillagesAndCommunities string `toml:"villages_and_communities"`
		Election               string `toml:"election"`
		TwoCommitteesSection   string `toml:"two_committees_section"`
		TwoCommitteesMembers   string `toml:"two_committees_members"`
		Places                 struct {
			Suffixes []string          `toml:"suffixes"`
			Called   map[string]string `toml:"called"`
			Unit     string            `toml:"unit"`
			Township string            `toml:"township"`
			County   string            `toml:"county"`
			// AfterKind are the bodies named after their unit's kind (村党组织, 社区党组织), which drop that
			// word after a unit whose name ends with it (UnitBody).
			AfterKind []string `toml:"after_kind"`
		} `toml:"places"`
		Sections       map[string]string `toml:"sections"`
		Congress       map[string]string `toml:"congress"`
		PartyCongress  map[string]string `toml:"party_congress"`
		CommunityParty map[string]string `toml:"community_party"`
		Annex          struct {
			Village []string `toml:"village"`
			// ProblemUnits is the village sheet listing every unit 四、存在的问题 names; a list the
			// draft cuts short refers to it by its number under 附件 (none when Village leaves it out).
			ProblemUnits string   `toml:"problem_units"`
			Congress     []string `toml:"congress"`
			// CongressProblemUnits is the people's congress sheet that lists every 选区 and flags those
			// 四、存在的问题 names (选区情况统计表: 流动票箱投票比例 above the threshold); a list the draft
			// cuts short refers to it by its number under 附件 (none when Congress leaves it out).
			CongressProblemUnits string   `toml:"congress_problem_units"`
			PartyCongress        []string `toml:"party_congress"`
			CommunityParty       []string `toml:"community_party"`
		} `toml:"annex"`
	} `toml:"drafts"`
	Charts struct {
		Current       string `toml:"current"`
		Previous      string `toml:"previous"`
		Members       string `toml:"members"`
		TwoCommittees string `toml:"two_committees"`
		Age           string `toml:"age"`
		Education     string `toml:"education"`
		Women         string `toml:"women"`
		PartyMembers  string `toml:"party_members"`
		Shares        string `toml:"shares"`
		// TurnoutTownships is the title of the townships' turnout in a county with both 乡镇 and 街道;
		// TurnoutTowns with 乡镇 only, TurnoutSubdistricts with 街道 only (issue 10: 乡镇（街道） only
		// when the county has 街道).
		TurnoutTownships    string `toml:"turnout_townships"`
		TurnoutTowns        string `toml:"turnout_towns"`
		TurnoutSubdistricts string `toml:"turnout_subdistricts"`
		TurnoutUnits        string `toml:"turnout_units"`
	} `toml:"charts"`
}

// fill puts the data into a pattern of words.toml: fill("（{n}）", "{n}", "一") is （一）.
func fill(pattern string, names ...string) string {
	return strings.NewReplacer(names...).Replace(pattern)
}

// builtinWords are the built-in templates' words; parsing them cannot fail once the tests pass.
var builtinWords = func() *Words {
	w, err := readWords(templates.FS, nil)
	if err != nil {
		panic(err)
	}
	return w
}()

// readWords reads fsys's words.toml over base (nil: none, the file must then give every word). A
// folder without the file gets base.
func readWords(fsys fs.FS, base *Words) (*Words, error) {
	b, err := fs.ReadFile(fsys, WordsFile)
	if errors.Is(err, fs.ErrNotExist) && base != nil {
		return base, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", WordsFile, err)
	}
	w := &Words{}
	if base != nil {
		*w = *base
		// The decoder would write into base's maps; merged adds base's entries afterwards.
		w.Drafts.Places.Called, w.Drafts.Sections, w.Drafts.Congress, w.Drafts.PartyCongress = nil, nil, nil, nil
		w.Drafts.CommunityParty = nil
	}
	md, err := toml.NewDecoder(bytes.NewReader(b)).Decode(w)
	if err != nil {
		return nil, fmt.Errorf("%s 格式有误：%w（改正该文件，或删去它以使用内置的措辞）", WordsFile, err)
	}
	if keys := md.Undecoded(); len(keys) > 0 {
		return nil, fmt.Errorf("%s 中有未知的项 %s（可用的项见 electsum templates export 导出的 %s）", WordsFile, keys[0], WordsFile)
	}
	// A folder's map replaces the built-in one as a whole; keep the built-in entries it leaves out.
	w.Drafts.Places.Called = merged(base, w.Drafts.Places.Called, func(b *Words) map[string]string { return b.Drafts.Places.Called })
	w.Drafts.Sections = merged(base, w.Drafts.Sections, func(b *Words) map[string]string { return b.Drafts.Sections })
	w.Drafts.Congress = merged(base, w.Drafts.Congress, func(b *Words) map[string]string { return b.Drafts.Congress })
	w.Drafts.PartyCongress = merged(base, w.Drafts.PartyCongress, func(b *Words) map[string]string { return b.Drafts.PartyCongress })
	w.Drafts.CommunityParty = merged(base, w.Drafts.CommunityParty, func(b *Words) map[string]string { return b.Drafts.CommunityParty })
	if len(w.Numerals.Digits) != 10 || len(w.Numerals.Places) != 4 {
		return nil, fmt.Errorf("%s 的 numerals：digits 应有 10 个（零到九），places 应有 4 个（个、十、百、千位）", WordsFile)
	}
	return w, nil
}

// merged is m with the entries of base's map (of) that m lacks.
func merged(base *Words, m map[string]string, of func(*Words) map[string]string) map[string]string {
	if base == nil {
		return m
	}
	out := map[string]string{}
	for k, v := range of(base) {
		out[k] = v
	}
	for k, v := range m {
		out[k] = v
	}
	return out
}
