package ingest

import (
	"cmp"
	"context"
	"database/sql"
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
// only in another script are left to the spellings (script.go). A roster or a 选民登记 table in another
// file than its results, or above them, is matched by the loader once every file is read (matchPlaces).
type filePlaces struct {
	placeNames
	said map[string]bool // "township\x00name" already said
	// resolved are the (township, unit) pairs looked up since a place was last added, as written → as
	// read, so that the rows of a place cost one lookup and no folding.
	resolved map[[2]string][2]string
}

// placeNames are the places results rows name, by stem (placeStem): their townships, and each township's
// units.
type placeNames struct {
	townships map[string][]string            // placeStem of a township → its spellings
	units     map[string]map[string][]string // township → unit stem → its spellings
}

// read is a township and a unit as the places named are: each the one named place of its stem when it
// is written another way (sameStem), the unit among the units of the township so read; else as written.
// tm and um say which of the two were read so; tn and un are the places one not read so could each be,
// when there are several (sameStem's near).
func (pn *placeNames) read(township, unit string) (t, u string, tm, um bool, tn, un []string) {
	t, u = township, unit
	if s, ok, near := sameStem(pn.townships, t); ok {
		t, tm = s, true
	} else {
		tn = near
	}
	if s, ok, near := sameStem(pn.units[t], u); ok {
		u, um = s, true
	} else {
		un = near
	}
	return t, u, tm, um, tn, un
}

// add names a township and, when given, a unit of it; true when either was new.
func (pn *placeNames) add(township, unit string) bool {
	if township == "" {
		return false
	}
	if pn.townships == nil {
		pn.townships, pn.units = map[string][]string{}, map[string]map[string][]string{}
	}
	added := addPlace(pn.townships, township)
	if unit == "" {
		return added
	}
	units := pn.units[township]
	if units == nil {
		units = map[string][]string{}
		pn.units[township] = units
	}
	return addPlace(units, unit) || added
}

// matchPlaces reads k's township and unit as the results rows' when they name them another way; a
// results row (add) then names its places for the rows below.
func (sp *sheetParser) matchPlaces(k *Key, row int, add bool) {
	fp := &sp.fp.places
	if fp.resolved == nil {
		if !add {
			return
		}
		fp.said, fp.resolved = map[string]bool{}, map[[2]string][2]string{}
	}
	written := [2]string{k.Township, k.Unit}
	if read, ok := fp.resolved[written]; ok {
		k.Township, k.Unit = read[0], read[1]
		return
	}
	t, u, tm, um, tn, un := fp.read(k.Township, k.Unit)
	if tm {
		sp.samePlace(fTownship, row, k.Township, t, "")
	}
	if um {
		sp.samePlace(fUnit, row, k.Unit, u, t)
	}
	if !add {
		sp.nearPlace(fTownship, row, t, tn, "")
		sp.nearPlace(fUnit, row, u, un, t)
	}
	k.Township, k.Unit = t, u
	if add && fp.add(t, u) {
		clear(fp.resolved) // a name looked up before may now have its place
	}
	fp.resolved[written] = [2]string{t, u}
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
// places); false when none or several are. near are the several, in Unicode order, when two or more do
// not end in another word than name and name is none of them (东山村 and 东山社区 for 东山): a name the
// rule leaves as written that could be any of them.
func sameStem(names map[string][]string, name string) (same string, ok bool, near []string) {
	if name == "" {
		return "", false, nil
	}
	stem, suffix := placeStem(name)
	all := names[stem]
	if len(all) == 1 {
		if all[0] == name || placeFold(all[0]) == placeFold(name) {
			return "", false, nil
		}
		if _, other := placeStem(all[0]); suffix != "" && other != "" && suffix != other {
			return "", false, nil
		}
		return all[0], true, nil
	}
	for _, n := range all {
		if n == name || placeFold(n) == placeFold(name) {
			return "", false, nil
		}
		if _, other := placeStem(n); suffix == "" || other == "" || other == suffix {
			near = append(near, n)
		}
	}
	if len(near) < 2 {
		return "", false, nil
	}
	slices.Sort(near) // whichever file named one first
	return "", false, near
}

// placeStem is a place's name folded (placeFold), without a bracketed remark (第一选区（东山村、西河村）) and
// without the word that says what it is (electsum.PlaceStem), and that word. A 选区 named by its number
// alone (第一选区, 第1选区, 1选区) has its number for a stem, so that both ways of writing it are one.
func placeStem(name string) (stem, suffix string) {
	f := placeFold(stripBracketed(name))
	if n, ok := constituencyNumber(f); ok {
		return "选区" + strconv.Itoa(n), ""
	}
	stem = electsum.PlaceStem(f)
	return stem, f[len(stem):]
}

// placeFold is a place's name as places are compared: folded, in Simplified script (scriptKey), so that a
// roster written in Traditional (東山) reads as the results' 东山村 as one in Simplified would.
func placeFold(name string) string { return scriptKey(fold(name, true)) }

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
	sp.problem(Notice, "place_matched", row, f, was, placeMatched(sp.label(f, row), was, is, "本文件", f))
}

// nearPlace says, once per name, that a place written as was is left as written: it could be any of names
// (none: nothing to say).
func (sp *sheetParser) nearPlace(f field, row int, was string, names []string, township string) {
	key := township + "\x00" + was
	if len(names) == 0 || sp.fp.places.said[key] {
		return
	}
	sp.fp.places.said[key] = true
	sp.problem(Notice, "place_ambiguous", row, f, was, placeAmbiguous(sp.label(f, row), was, names, f))
}

// placeAmbiguous is the message of a place (in f, its cell label) written as was that could be any of the
// places names of the results.
func placeAmbiguous(label, was string, names []string, f field) string {
	return fmt.Sprintf("%s“%s”可能是选举结果表中的“%s”中的任何一个，无法确定是哪一个，按所写名称导入：同一个%s请在各表中写同一个名称", label, was, strings.Join(names, "”“"), placeWord(f))
}

// placeMatched is the message of a place (in f, its cell label) written as was and read as is, the place
// the results table of source (本文件, or another file) names.
func placeMatched(label, was, is, source string, f field) string {
	return fmt.Sprintf("%s“%s”读作%s选举结果表中的“%s”：同一个%s请在各表中写同一个名称；本文件其他这样写的行同样处理", label, was, source, is, placeWord(f))
}

// placeWord is what a message calls the place in f.
func placeWord(f field) string {
	if f == fTownship {
		return "乡镇(街道)"
	}
	return "村(社区、选区)"
}

// The loader's half of the rule. A roster or a 选民登记 table is often a file of its own beside its results
// (选举结果.xlsx and 当选人员名单.xlsx), or comes above them in its file: once every file of the run is
// read, the places its rows name are read by the same rule (placeNames.read) against the places every
// results row of the run names in the same county and year (any county for a row without one: the
// county rule fills it from the township afterwards). A roster sent after its results (loaded by an
// earlier run) is read against the places the database's results rows name too, in the townships whose
// results the run does not hold: a place the database names as written stays as written. Results rows
// keep their names: only the rows that follow them (rosters, 选民登记) are read as theirs, so two results
// files naming a place two ways stay two places, as the rule within a file would not merge them either.

// placeKey is a place as the rows of one year name it.
type placeKey struct {
	county, township, unit string
	year                   int
}

func placeOf(k Key) placeKey { return placeKey{k.County, k.Township, k.Unit, k.Year} }

// anyCounty is the county of the places every county's results rows name, for rows without a county.
const anyCounty = "\x00"

// loadedFile is the file a place of the database's results rows comes from (runPlaces.from).
const loadedFile = -1

// runPlaces are the places the results rows of a run name, by county and year (placeKey without
// township and unit), and for each township and unit the first file whose results name it (loadedFile:
// the database's).
type runPlaces struct {
	names map[placeKey]*placeNames
	from  map[placeKey]int
}

// newRunPlaces collects the places results name: each under its county and under anyCounty; those of
// results without a county under every county too. The places loaded (the database's, places_loaded.sql)
// are added in the townships the run's results do not name in their year.
func newRunPlaces(files []*fileState, loaded []placeKey) runPlaces {
	rp := runPlaces{names: map[placeKey]*placeNames{}, from: map[placeKey]int{}}
	var blank []placeKey
	add := func(county string, p placeKey, id int) {
		scope := placeKey{county: county, year: p.year}
		pn := rp.names[scope]
		if pn == nil {
			pn = &placeNames{}
			rp.names[scope] = pn
		}
		pn.add(p.township, p.unit)
		for _, k := range []placeKey{{county, p.township, "", p.year}, {county, p.township, p.unit, p.year}} {
			if _, ok := rp.from[k]; !ok {
				rp.from[k] = id
			}
		}
	}
	for id, f := range files {
		results, _ := f.placeKeys()
		for _, k := range results {
			p := placeOf(k)
			add(p.county, p, id)
			add(anyCounty, p, id)
			if p.county == "" {
				blank = append(blank, p)
			}
		}
	}
	ran := func(county, township string, year int) bool {
		id, ok := rp.from[placeKey{county, township, "", year}]
		return ok && id != loadedFile
	}
	for _, p := range loaded {
		if !ran(p.county, p.township, p.year) && !ran("", p.township, p.year) {
			add(p.county, p, loadedFile)
			add(anyCounty, p, loadedFile)
		}
	}
	if len(blank) > 0 {
		for scope := range rp.names {
			if scope.county != "" && scope.county != anyCounty {
				for _, p := range blank {
					if p.year == scope.year {
						pn := rp.names[scope]
						pn.add(p.township, p.unit)
					}
				}
			}
		}
	}
	return rp
}

// scope is the county whose results' places a row of county and year is read against.
func (rp runPlaces) scope(county string, year int) string {
	if county == "" {
		return anyCounty
	}
	if rp.names[placeKey{county: county, year: year}] == nil {
		return "" // the results without a county
	}
	return county
}

// source is the first file whose results name township (and unit, when given) in scope.
func (rp runPlaces) source(scope, township, unit string, year int) int {
	if id, ok := rp.from[placeKey{scope, township, unit, year}]; ok {
		return id
	}
	return rp.from[placeKey{anyCounty, township, unit, year}]
}

// placeKeys are the elections of a file's results rows, and those of its other rows (rosters, 选民登记)
// that are not among them.
func (f *fileState) placeKeys() (results, others []Key) {
	if c := f.cover; c != nil {
		for _, k := range c.members {
			if !c.resultSeen[k] {
				others = append(others, k)
			}
		}
		for _, k := range c.regs {
			if !c.resultSeen[k] {
				others = append(others, k)
			}
		}
		return c.results, others
	}
	return f.keys[:f.resultKeys], append(slices.Clip(f.keys[f.resultKeys:]), f.regKeys...)
}

// placeRead is a place of a file's other rows read as the results' place of another name, or left as
// written where it could be any of several (near).
type placeRead struct {
	file                   int
	was                    placeKey
	township, unit         string
	townshipRead, unitRead bool
	townshipNear, unitNear []string
	scope                  string
	// Where the file first names the place (places_first.sql), for the notice.
	seq         int64
	sheet, body string
	row         int
}

// matchPlaces reads the places of the run's rosters and 选民登记 rows by the rule within a file, against
// the places of every results row of the run, and those of the database's results in the townships the
// run's results leave out (newRunPlaces): the staged rows take the names they are read as
// (places_apply.sql), with a notice (place_matched) per name and file at its first row. A file whose rows
// were checked as a whole in memory is checked again in SQL (checkFiles): its rows now name other places.
func (l *loader) matchPlaces(ctx context.Context) error {
	type candidate struct {
		file int
		p    placeKey
	}
	var candidates []candidate
	var named map[placeKey]bool // the places results rows name, once some other row names another
	for id, f := range l.files {
		_, others := f.placeKeys()
		if len(others) == 0 {
			continue
		}
		if named == nil {
			named = map[placeKey]bool{}
			for _, f := range l.files {
				results, _ := f.placeKeys()
				for _, k := range results {
					named[placeOf(k)] = true
				}
			}
		}
		seen := map[placeKey]bool{}
		for _, k := range others {
			if p := placeOf(k); !named[p] && !seen[p] {
				seen[p] = true
				candidates = append(candidates, candidate{id, p})
			}
		}
	}
	if len(candidates) == 0 {
		return nil
	}
	var years []int32
	var counties []string
	blank := false
	for _, c := range candidates {
		if !slices.Contains(years, int32(c.p.year)) {
			years = append(years, int32(c.p.year))
		}
		if !slices.Contains(counties, c.p.county) {
			counties = append(counties, c.p.county)
		}
		blank = blank || c.p.county == ""
	}
	loaded, err := l.loadedPlaces(ctx, years, counties, blank)
	if err != nil {
		return err
	}
	inDB := make(map[placeKey]bool, 2*len(loaded))
	for _, p := range loaded {
		inDB[p] = true
		inDB[placeKey{anyCounty, p.township, p.unit, p.year}] = true
	}
	rp := newRunPlaces(l.files, loaded)
	var reads []placeRead
	for _, c := range candidates {
		if inDB[c.p] || c.p.county == "" && inDB[placeKey{anyCounty, c.p.township, c.p.unit, c.p.year}] {
			continue // the results of an earlier run name it so
		}
		scope := rp.scope(c.p.county, c.p.year)
		pn := rp.names[placeKey{county: scope, year: c.p.year}]
		if pn == nil {
			continue
		}
		if t, u, tm, um, tn, un := pn.read(c.p.township, c.p.unit); tm || um || tn != nil || un != nil {
			reads = append(reads, placeRead{file: c.file, was: c.p, township: t, unit: u, townshipRead: tm, unitRead: um,
				townshipNear: tn, unitNear: un, scope: scope})
		}
	}
	if len(reads) == 0 {
		return nil
	}
	if err := l.stage.flush(); err != nil {
		return fmt.Errorf("stage rows: %w", err)
	}
	if err := l.readPlaces(ctx, reads); err != nil {
		return fmt.Errorf("match places: %w", err)
	}
	l.placesRead(reads, rp)
	return nil
}

// loadedPlaces are the places the database's results rows name in years and counties, or in every
// county (everyCounty: a row without one looks for its place there) (places_loaded.sql).
func (l *loader) loadedPlaces(ctx context.Context, years []int32, counties []string, everyCounty bool) ([]placeKey, error) {
	var out []placeKey
	err := eachRow(ctx, l.conn, sqlPlacesLoaded, []any{years, counties, everyCounty}, func(rows *sql.Rows) error {
		var p placeKey
		if err := rows.Scan(&p.county, &p.township, &p.unit, &p.year); err != nil {
			return err
		}
		out = append(out, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the loaded places: %w", err)
	}
	return out, nil
}

// readPlaces gives the staged rows of reads the places they are read as (places_stage.sql,
// places_apply.sql), after finding where each file first names them (places_first.sql).
func (l *loader) readPlaces(ctx context.Context, reads []placeRead) error {
	n := len(reads)
	files, years := make([]int32, n), make([]int32, n)
	counties, townships, units, toTownships, toUnits := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	for i, r := range reads {
		files[i], years[i] = int32(r.file), int32(r.was.year)
		counties[i], townships[i], units[i], toTownships[i], toUnits[i] = r.was.county, r.was.township, r.was.unit, r.township, r.unit
	}
	if _, err := l.conn.ExecContext(ctx, sqlPlacesStage, files, counties, townships, units, years, toTownships, toUnits); err != nil {
		return err
	}
	err := eachRow(ctx, l.conn, sqlPlacesFirst, nil, func(rows *sql.Rows) error {
		var i int
		var r placeRead
		if err := rows.Scan(&i, &r.seq, &r.sheet, &r.row, &r.body); err != nil {
			return err
		}
		reads[i].seq, reads[i].sheet, reads[i].row, reads[i].body = r.seq, r.sheet, r.row, r.body
		return nil
	})
	if err != nil {
		return err
	}
	return l.execEach(ctx, sqlPlacesApply)
}

// placesRead says, once per name and file, which place its rows name is read as (or which places it could
// be), and gives the files' elections their places as read. The whole-file checks a file had in memory are run again in SQL.
func (l *loader) placesRead(reads []placeRead, rp runPlaces) {
	slices.SortStableFunc(reads, func(a, b placeRead) int {
		return cmp.Or(cmp.Compare(a.file, b.file), cmp.Compare(a.seq, b.seq))
	})
	said := map[[3]string]bool{}
	moved := map[int]map[placeKey][2]string{}
	for _, r := range reads {
		f := l.files[r.file]
		if (r.townshipRead || r.unitRead) && moved[r.file] == nil {
			moved[r.file] = map[placeKey][2]string{}
			if f.parser != nil && f.heldChecked {
				f.parser.out.Problems = f.parser.out.Problems[:f.heldFrom]
				f.heldChecked, f.checkInSQL = false, true
			}
		}
		if r.townshipRead || r.unitRead {
			moved[r.file][r.was] = [2]string{r.township, r.unit}
		}
		// say words the notice of a name (was) once per file, also counting the rule within the file's.
		say := func(fd field, was, township, rule string, message func(label string) string) {
			key := [3]string{strconv.Itoa(r.file), township, was}
			if said[key] || f.parser != nil && f.parser.places.said[township+"\x00"+was] {
				return
			}
			said[key] = true
			if f.parser != nil {
				sp := f.parser.sheetNamed(r.sheet, r.body)
				sp.problem(Notice, rule, r.row, fd, was, message(sp.label(fd, r.row)))
				if f.heldChecked { // before the whole-file problems, which checkFiles may drop to check again
					ps := f.parser.out.Problems
					p := ps[len(ps)-1]
					copy(ps[f.heldFrom+1:], ps[f.heldFrom:len(ps)-1])
					ps[f.heldFrom] = p
					f.heldFrom++
				}
				return
			}
			header := specs[0].cols[fd].Header
			f.problems = append(f.problems, Problem{Severity: Notice, File: f.report.Path, Sheet: r.sheet, Row: r.row, Column: header,
				Value: was, Rule: rule, Message: message(header)})
		}
		matched := func(fd field, was, is, township string, src int) {
			source := "本文件"
			switch {
			case src == loadedFile:
				source = "数据库中已导入的"
			case src != r.file:
				source = "文件 " + l.files[src].report.Path + " 的"
			}
			say(fd, was, township, "place_matched", func(label string) string { return placeMatched(label, was, is, source, fd) })
		}
		near := func(fd field, was, township string, names []string) {
			say(fd, was, township, "place_ambiguous", func(label string) string { return placeAmbiguous(label, was, names, fd) })
		}
		switch {
		case r.townshipRead:
			matched(fTownship, r.was.township, r.township, "", rp.source(r.scope, r.township, "", r.was.year))
		case r.townshipNear != nil:
			near(fTownship, r.was.township, "", r.townshipNear)
		}
		switch {
		case r.unitRead:
			matched(fUnit, r.was.unit, r.unit, r.township, rp.source(r.scope, r.township, r.unit, r.was.year))
		case r.unitNear != nil:
			near(fUnit, r.was.unit, r.township, r.unitNear)
		}
	}
	for id, m := range moved {
		l.files[id].readAs(m)
	}
}

// readAs gives the elections of a file's other rows the places they are read as (was → township, unit).
func (f *fileState) readAs(moved map[placeKey][2]string) {
	read := func(k Key) Key {
		if to, ok := moved[placeOf(k)]; ok {
			k.Township, k.Unit = to[0], to[1]
		}
		return k
	}
	readAll := func(keys []Key, seen map[Key]bool) []Key {
		out := keys[:0]
		for _, k := range keys {
			if k = read(k); !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
		return out
	}
	if c := f.cover; c != nil {
		c.memberSeen, c.regSeen = map[Key]bool{}, map[Key]bool{}
		c.members, c.regs = readAll(c.members, c.memberSeen), readAll(c.regs, c.regSeen)
		return
	}
	seen := map[Key]bool{}
	for _, k := range f.keys[:f.resultKeys] {
		seen[k] = true
	}
	f.keys = append(f.keys[:f.resultKeys], readAll(f.keys[f.resultKeys:], seen)...)
	f.membersOnly = len(f.keys) > f.resultKeys
	f.regKeys = readAll(f.regKeys, map[Key]bool{})
}
