// Package config reads and writes report.toml, the one settings file of `electsum report`, `electsum
// annex` and the page's 总结与附件 form. The file is decoded here once and split: analytics gets its
// Options (rounding, thresholds, age bands, education groups — filled and validated by analytics), the
// reports get their prose (reports.Config: title, 依据, 落款, 主要做法 …).
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"electsum/analytics"
	"electsum/reports"
	"electsum/templates"
)

// File is report.toml as written: the reports' prose keys and analytics' keys side by side at the top
// level of the file (the embedded structs are flattened, so the keys are those of the two parts).
type File struct {
	reports.Config
	analytics.Settings
}

// Error is a report.toml that cannot be read or used.
type Error struct {
	Path string
	Err  error
}

func (e *Error) Error() string { return fmt.Sprintf("读取报告配置 %s: %v", e.Path, e.Err) }
func (e *Error) Unwrap() error { return e.Err }

// Hint points at the commented example, unless the error has its own (a setting that cannot be used
// names its key).
func (e *Error) Hint() string {
	var h interface{ Hint() string }
	if errors.As(e.Err, &h) {
		return h.Hint()
	}
	return "运行 electsum report init -o report.toml 生成一份带说明的配置，对照修改"
}

// movedKeys are keys that are not (or no longer) report.toml's, with what to write instead. The
// thresholds were once named turnout_threshold and the education groups education_buckets in the
// messages of a wrong setting, so a user may have written those names; the thresholds also belong
// under [thresholds], not at the top level.
var movedKeys = map[string]string{
	"turnout_threshold":       "参选率提示线请写在 [thresholds] 下：turnout = 90",
	"aged_threshold":          "年龄偏大提示线请写在 [thresholds] 下：aged = 30",
	"low_education_threshold": "文化程度偏低提示线请写在 [thresholds] 下：low_education = 40",
	"turnout":                 "turnout 应写在 [thresholds] 下（在它前面加一行 [thresholds]）",
	"aged":                    "aged 应写在 [thresholds] 下（在它前面加一行 [thresholds]）",
	"low_education":           "low_education 应写在 [thresholds] 下（在它前面加一行 [thresholds]）",
	"mobile":                  "mobile 应写在 [thresholds] 下（在它前面加一行 [thresholds]）",
	"education_buckets":       "学历分组的表名是 [[education]]：把 [[education_buckets]] 改为 [[education]]",
	"age_band":                "年龄段的表名是 [[age_bands]]：把 [[age_band]] 改为 [[age_bands]]",
}

// Load reads report.toml: the file as written (what the page's form writes back) and the Options it
// asks of analytics. An empty path gives the zero File and the default Options. A key the file should
// not have is an error naming it (and, for a key of an older spelling, what to write instead), so that
// a mistyped setting is never silently ignored.
func Load(path string) (File, analytics.Options, error) {
	var f File
	if path == "" {
		return f, analytics.DefaultOptions(), nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return f, analytics.Options{}, &Error{Path: path, Err: err}
	}
	f, opts, err := Decode(b)
	if err != nil {
		return f, opts, &Error{Path: path, Err: err}
	}
	return f, opts, nil
}

// Decode reads the text of a report.toml (see Load).
func Decode(text []byte) (File, analytics.Options, error) {
	var f File
	md, err := toml.NewDecoder(bytes.NewReader(text)).Decode(&f)
	if err != nil {
		return f, analytics.Options{}, err
	}
	if err := unknownKeys(md.Undecoded()); err != nil {
		return f, analytics.Options{}, err
	}
	if err := f.Config.Check(); err != nil {
		return f, analytics.Options{}, err
	}
	opts, err := f.Settings.Options()
	return f, opts, err
}

// unknownKeys names the keys nothing read, with advice for the moved ones.
func unknownKeys(keys []toml.Key) error {
	if len(keys) == 0 {
		return nil
	}
	seen := map[string]bool{}
	var names, advice []string
	for _, k := range keys {
		top := k[0]
		if len(k) > 1 {
			if _, moved := movedKeys[top]; !moved {
				top = k.String()
			}
		}
		if seen[top] {
			continue
		}
		seen[top] = true
		names = append(names, top)
		if a, ok := movedKeys[top]; ok {
			advice = append(advice, a)
		}
	}
	sort.Strings(names)
	msg := "不认识的设置 " + strings.Join(names, "、")
	if len(advice) > 0 {
		msg += "（" + strings.Join(advice, "；") + "）"
	}
	return errors.New(msg)
}

// Encode writes f as report.toml, with a first line saying where it came from and where the settings
// are explained.
func Encode(w io.Writer, f File, origin string) error {
	if _, err := fmt.Fprintf(w, "# electsum 报告设置：%s。各项说明见 electsum report init 生成的样例。\n\n", origin); err != nil {
		return err
	}
	return toml.NewEncoder(w).Encode(f)
}

// Example is the commented report.toml that `electsum report init` writes; it loads as it is.
func Example() []byte { return templates.ExampleConfig() }
