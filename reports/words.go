package reports

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"

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
	w := &Words{}
	if base != nil {
		*w = *base
	}
	b, err := fs.ReadFile(fsys, WordsFile)
	if errors.Is(err, fs.ErrNotExist) && base != nil {
		return w, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", WordsFile, err)
	}
	md, err := toml.NewDecoder(bytes.NewReader(b)).Decode(w)
	if err != nil {
		return nil, fmt.Errorf("%s 格式有误：%w（改正该文件，或删去它以使用内置的措辞）", WordsFile, err)
	}
	if keys := md.Undecoded(); len(keys) > 0 {
		return nil, fmt.Errorf("%s 中有未知的项 %s（可用的项见 electsum templates export 导出的 %s）", WordsFile, keys[0], WordsFile)
	}
	if len(w.Numerals.Digits) != 10 || len(w.Numerals.Places) != 4 {
		return nil, fmt.Errorf("%s 的 numerals：digits 应有 10 个（零到九），places 应有 4 个（个、十、百、千位）", WordsFile)
	}
	return w, nil
}
