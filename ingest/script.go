package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
)

// A county whose townships write in both scripts sends 青山镇 in one sheet and 青山鎮 in another, 河岭村
// and 河嶺村, 刘丽 and 劉麗. Places and persons are the same whatever the script, so ingest compares their
// names by scriptKey, the name with every character in its Simplified form, and stores one spelling per
// key: the one the database already holds; else, for a name new in this run, the Simplified spelling when
// a sheet of the run wrote it, else the least of the spellings written (in Unicode order) — never one
// that depends on which file a worker read first (settleSpellings). Everything downstream —
// replacement per table, the resubmission rule, the county of a blank cell, the units table, 两委 pairing,
// the previous term, the identity rule of a person (electsum.SamePerson compares stored names) — then
// compares equal strings. The spelling kept is one a sheet wrote; a draft converts it to its script.

var (
	t2sOnce  sync.Once
	t2sChars *t2sTable
	t2sErr   error
)

// t2sTable holds, for each character of cjkRanges, its Simplified form (0: it has none other). An array
// indexed by the character: scriptKey looks up every character of every place and person name staged,
// and a map's lookups were three quarters of its time.
type t2sTable struct {
	chars [len(cjkRanges)][]rune
}

// simplified is r's Simplified form, when it has one other than r.
func (t *t2sTable) simplified(r rune) (rune, bool) {
	for i, rg := range cjkRanges {
		if r >= rg[0] && r <= rg[1] {
			s := t.chars[i][r-rg[0]]
			return s, s != 0
		}
	}
	return 0, false
}

// cjkRanges are the blocks whose characters OpenCC's t2s may change: CJK Extension A, the Unified
// Ideographs and the Compatibility Ideographs.
var cjkRanges = [...][2]rune{{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}}

// loadT2SChars builds the character table from OpenCC's t2s (the project's converter, as for the drafts)
// once per process: every character of cjkRanges converted on its own (about 0.3 s), so that a key is
// made character by character, with no phrase rules and no allocation for Simplified text.
func loadT2SChars() (*t2sTable, error) {
	t2sOnce.Do(func() {
		cc, err := opencc.New("t2s")
		if err != nil {
			t2sErr = fmt.Errorf("load OpenCC t2s: %w", err)
			return
		}
		var b strings.Builder
		for _, rg := range cjkRanges {
			for r := rg[0]; r <= rg[1]; r++ {
				b.WriteRune(r)
				b.WriteByte('\n')
			}
		}
		out, err := cc.Convert(b.String())
		if err != nil {
			t2sErr = fmt.Errorf("convert with OpenCC t2s: %w", err)
			return
		}
		lines := strings.Split(out, "\n")
		t := &t2sTable{}
		for i, rg := range cjkRanges {
			t.chars[i] = make([]rune, rg[1]-rg[0]+1)
		}
		i := 0
		for k, rg := range cjkRanges {
			for r := rg[0]; r <= rg[1]; r++ {
				if i < len(lines) {
					if s, size := utf8.DecodeRuneInString(lines[i]); size == len(lines[i]) && s != r && s != utf8.RuneError {
						t.chars[k][r-rg[0]] = s
					}
				}
				i++
			}
		}
		t2sChars = t
	})
	return t2sChars, t2sErr
}

// scriptKey is s with every character in its Simplified form (s itself when it has none to change).
func scriptKey(s string) string {
	t, err := loadT2SChars()
	if err != nil {
		return s
	}
	for i, r := range s {
		if _, ok := t.simplified(r); ok {
			var b strings.Builder
			b.Grow(len(s))
			b.WriteString(s[:i])
			for _, r := range s[i:] {
				if s2, ok := t.simplified(r); ok {
					r = s2
				}
				b.WriteRune(r)
			}
			return b.String()
		}
	}
	return s
}

// spellings keeps one spelling per script key: the database's, else the first staged until the run's
// files are all read, when settleSpellings settles the names written in several spellings.
type spellings struct {
	stored map[string]string   // script key → the spelling rows are staged (and stored) under
	others map[string][]string // script key → the other spellings written, when there are any
}

// readSpellings reads the names the database holds, so that a row in the other script is stored under
// the database's spelling.
func (l *loader) readSpellings(ctx context.Context) (err error) {
	l.spellings, err = readSpellings(ctx, l.conn)
	return err
}

// readSpellings reads the place and person names db holds (spellings.sql).
func readSpellings(ctx context.Context, db queryer) (spellings, error) {
	if _, err := loadT2SChars(); err != nil {
		return spellings{}, err
	}
	sp := spellings{stored: map[string]string{}, others: map[string][]string{}}
	err := eachRow(ctx, db, sqlSpellings, nil, func(rows *sql.Rows) error {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		sp.spell(s)
		return nil
	})
	if err != nil {
		return spellings{}, fmt.Errorf("read names: %w", err)
	}
	// Spellings of the database not stored (an older database may hold two) are not this run's.
	clear(sp.others)
	return sp, nil
}

// spell returns the spelling of s to store, and remembers s when its key is new, or as another
// spelling of its key.
func (sp spellings) spell(s string) string {
	if s == "" {
		return s
	}
	k := scriptKey(s)
	if w, ok := sp.stored[k]; ok {
		if w != s && !slices.Contains(sp.others[k], s) {
			sp.others[k] = append(sp.others[k], s)
		}
		return w
	}
	sp.stored[k] = s
	return s
}

// settleSpellings makes the spelling of a name that this run's files wrote in both scripts (南巖村 in
// one file, 南岩村 in another) independent of which file was staged first: when the database holds none
// of its spellings, it is the Simplified one if a file wrote it, else the least written in Unicode order.
// The rows staged under another spelling are given this one (respell.sql, also their person_key, in one statement per table), and
// so are the elections each file covers. It runs once every file is read, before the checks.
func (l *loader) settleSpellings(ctx context.Context) error {
	var from, to []string // staged spelling → settled spelling, where they differ
	for _, k := range slices.Sorted(maps.Keys(l.spellings.others)) {
		first := l.spellings.stored[k]
		written := append([]string{first}, l.spellings.others[k]...)
		want := slices.Min(written)
		if slices.Contains(written, k) {
			want = k
		}
		if want != first {
			from, to = append(from, first), append(to, want)
		}
	}
	clear(l.spellings.others)
	if len(from) == 0 {
		return nil
	}
	if l.stage != nil {
		if err := l.stage.flush(); err != nil {
			return fmt.Errorf("stage rows: %w", err)
		}
	}
	// One statement for every name, however many a province's files write in both scripts.
	if _, err := l.conn.ExecContext(ctx, sqlRespellCandidates, from, to); err != nil {
		return fmt.Errorf("respell names: %w", err)
	}
	if err := l.execEach(ctx, sqlRespell); err != nil {
		return fmt.Errorf("respell names: %w", err)
	}
	moved := map[string]string{}
	err := eachRow(ctx, l.conn, sqlRespelled, nil, func(rows *sql.Rows) error {
		var a, b string
		if err := rows.Scan(&a, &b); err != nil {
			return err
		}
		moved[a] = b
		l.spellings.stored[scriptKey(b)] = b
		l.respelled = true
		return nil
	})
	if err != nil {
		return fmt.Errorf("respell names: %w", err)
	}
	respell := func(k Key) Key {
		for _, s := range []*string{&k.County, &k.Township, &k.Unit} {
			if to, ok := moved[*s]; ok {
				*s = to
			}
		}
		return k
	}
	for _, f := range l.files {
		for i := range f.keys {
			f.keys[i] = respell(f.keys[i])
		}
		for i := range f.regKeys {
			f.regKeys[i] = respell(f.regKeys[i])
		}
		if c := f.cover; c != nil {
			c.resultSeen, c.memberSeen = map[Key]bool{}, map[Key]bool{}
			for i := range c.results {
				c.results[i] = respell(c.results[i])
				c.resultSeen[c.results[i]] = true
			}
			for i := range c.members {
				c.members[i] = respell(c.members[i])
				c.memberSeen[c.members[i]] = true
			}
			c.regSeen = map[Key]bool{}
			for i := range c.regs {
				c.regs[i] = respell(c.regs[i])
				c.regSeen[c.regs[i]] = true
			}
		}
	}
	return nil
}

// respell gives a batch's rows the stored spellings of their places and names; a member's person_key,
// made of them, is made again.
func (sp spellings) respell(results []Result, members []Member) {
	for i := range results {
		sp.respellKey(&results[i].Key)
	}
	for i := range members {
		m := &members[i]
		k, name := m.Key, m.Name
		sp.respellKey(&m.Key)
		m.Name = sp.spell(m.Name)
		if m.Key != k || m.Name != name {
			m.PersonKey = personKey(m)
		}
	}
}

func (sp spellings) respellKey(k *Key) {
	k.County, k.Township, k.Unit = sp.spell(k.County), sp.spell(k.Township), sp.spell(k.Unit)
}

// sameFileName says whether two files have the same name, whatever the script: 选举结果.xlsx sent again
// as 選舉結果.xlsx is the same submission.
func sameFileName(a, b string) bool {
	a, b = filepath.Base(a), filepath.Base(b)
	return a == b || scriptKey(a) == scriptKey(b)
}
