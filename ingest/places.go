package ingest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"electsum"
)

// filePlaces are the townships and units a file's results rows name, so that a roster below them which
// writes a place shorter or longer (青石 for 青石镇, 东山 for 东山村, 东山村 for 东山, 第一选区 for
// 第一选区（东山村、西河村）) is read as the same place: otherwise its members have no results row, the
// township and the village are counted twice, and the draft says 全县2个乡镇共5个村 for one township's two
// villages. A results row naming a place that only differs so from one named above it is read as that one
// too (西河 for one body, 西河村 for another). Names ending in different words are never matched
// (sameStem); two places of one stem (东山村 and 东山社区) leave a third spelling as written. Names written
// only in another script are left to the spellings (script.go). A roster in another file than its results
// is not matched.
type filePlaces struct {
	townships map[string][]string            // placeStem of a results township → its spellings
	units     map[string]map[string][]string // results township → unit stem → its spellings
	said      map[string]bool                // "township\x00name" already said
	// resolved are the (township, unit) pairs looked up since a place was last added, as written → as
	// read, so that the rows of a place cost one lookup and no folding.
	resolved map[[2]string][2]string
}

// matchPlaces reads k's township and unit as the results rows' when they name them another way; a
// results row (add) then names its places for the rows below.
func (sp *sheetParser) matchPlaces(k *Key, row int, add bool) {
	fp := &sp.fp.places
	if fp.townships == nil {
		if !add {
			return
		}
		fp.townships, fp.units, fp.said = map[string][]string{}, map[string]map[string][]string{}, map[string]bool{}
		fp.resolved = map[[2]string][2]string{}
	}
	written := [2]string{k.Township, k.Unit}
	if read, ok := fp.resolved[written]; ok {
		k.Township, k.Unit = read[0], read[1]
		return
	}
	added := false
	if t, ok := sameStem(fp.townships, k.Township); ok {
		sp.samePlace(fTownship, row, k.Township, t, "")
		k.Township = t
	} else if add && k.Township != "" {
		added = addPlace(fp.townships, k.Township)
	}
	units := fp.units[k.Township]
	if u, ok := sameStem(units, k.Unit); ok {
		sp.samePlace(fUnit, row, k.Unit, u, k.Township)
		k.Unit = u
	} else if add && k.Unit != "" && k.Township != "" {
		if units == nil {
			units = map[string][]string{}
			fp.units[k.Township] = units
		}
		added = addPlace(units, k.Unit) || added
	}
	if added {
		clear(fp.resolved) // a name looked up before may now have its place
	}
	fp.resolved[written] = [2]string{k.Township, k.Unit}
}

// addPlace adds name to the names of its stem, once; true when it was new.
func addPlace(names map[string][]string, name string) bool {
	stem, _ := placeStem(name)
	if slices.Contains(names[stem], name) {
		return false
	}
	names[stem] = append(names[stem], name)
	return true
}

// sameStem is the one place of names whose stem is name's (placeStem), when name is not itself among
// them, differs from it by more than script, and the two do not end in different words (青石 and 青石镇,
// 第一选区 and 第一选区（东山村、西河村）; never 青石乡 and 青石镇, nor 东山村 and 东山社区, which may well be two
// places); false when none or several are.
func sameStem(names map[string][]string, name string) (string, bool) {
	if name == "" {
		return "", false
	}
	stem, suffix := placeStem(name)
	same := names[stem]
	if len(same) != 1 || same[0] == name || fold(same[0], true) == fold(name, true) {
		return "", false
	}
	if _, other := placeStem(same[0]); suffix != "" && other != "" && suffix != other {
		return "", false
	}
	return same[0], true
}

// placeStem is a place's name folded, without a bracketed remark (第一选区（东山村、西河村）) and without the
// word that says what it is (electsum.PlaceStem), and that word. A 选区 named by its number alone (第一选区,
// 第1选区, 1选区) has its number for a stem, so that both ways of writing it are one.
func placeStem(name string) (stem, suffix string) {
	f := fold(stripBracketed(name), true)
	if n, ok := constituencyNumber(f); ok {
		return "选区" + strconv.Itoa(n), ""
	}
	stem = electsum.PlaceStem(f)
	return stem, f[len(stem):]
}

// constituencyNumber is the number of a folded 选区 name that is nothing but its number: 第N选区 or N选区, N
// in digits or Chinese numerals; false for any other name (城关选区, 县第3选区).
func constituencyNumber(f string) (int, bool) {
	rest, ok := strings.CutSuffix(f, "选区")
	if !ok {
		return 0, false
	}
	rest = strings.TrimPrefix(rest, "第")
	if n, err := strconv.Atoi(rest); err == nil && n > 0 {
		return n, true
	}
	return electsum.ChineseNumber(rest)
}

// samePlace says, once per name, that a place written as was is read as the results rows' is.
func (sp *sheetParser) samePlace(f field, row int, was, is, township string) {
	key := township + "\x00" + was
	if sp.fp.places.said[key] {
		return
	}
	sp.fp.places.said[key] = true
	sp.problem(Notice, "place_matched", row, f, was, fmt.Sprintf("%s“%s”读作本文件选举结果表中的“%s”：同一个%s请在各表中写同一个名称；本文件其他这样写的行同样处理", sp.label(f, row), was, is, placeWord(f)))
}

// placeWord is what a message calls the place in f.
func placeWord(f field) string {
	if f == fTownship {
		return "乡镇(街道)"
	}
	return "村(社区、选区)"
}
