package analytics

import (
	"fmt"
	"strings"

	"electsum"
)

// ConfigError is a configuration setting that cannot be used: a mistake in Options (age bands,
// education buckets, rounding, turnout threshold) or in a report's prose thresholds. Field names the
// setting as the configuration file spells it; Error is the Chinese message for the user, saying
// what is wrong and how to fix it. It is the one error type of a setting.
type ConfigError struct {
	Field   string
	Message string
}

func (e *ConfigError) Error() string {
	return fmt.Sprintf("配置项 %s 有误: %s", e.Field, e.Message)
}

// Hint tells the user where the setting comes from.
func (e *ConfigError) Hint() string {
	return fmt.Sprintf("检查配置文件(report.toml)中的 %s，或删除该项使用默认设置", e.Field)
}

// withDefaults fills what the caller left zero with the defaults and validates the rest.
func (o Options) withDefaults() (Options, error) {
	if len(o.AgeBands) == 0 {
		o.AgeBands = DefaultAgeBands()
	}
	if len(o.EducationBuckets) == 0 {
		o.EducationBuckets = DefaultEducationBuckets()
	}
	if o.Rounding == "" {
		o.Rounding = HalfUp
	}
	if o.TurnoutThreshold == 0 {
		o.TurnoutThreshold = DefaultTurnoutThreshold
	}
	if o.AgedThreshold == 0 {
		o.AgedThreshold = DefaultAgedThreshold
	}
	if o.LowEducationThreshold == 0 {
		o.LowEducationThreshold = DefaultLowEducationThreshold
	}
	if o.MobileThreshold == 0 {
		o.MobileThreshold = DefaultMobileThreshold
	}
	return o, o.Validate()
}

// Validate reports the first mistake in o as a *ConfigError: age bands that overlap, leave a gap, do
// not start at 18 or below or do not end open-ended; education buckets that miss a canonical 学历 or
// hold one twice; an unknown rounding policy. Empty fields are valid (Summarize uses the defaults).
func (o Options) Validate() error {
	if err := validateAgeBands(o.AgeBands); err != nil {
		return err
	}
	if err := validateEducationBuckets(o.EducationBuckets); err != nil {
		return err
	}
	switch o.Rounding {
	case "", HalfUp, LargestRemainder:
	default:
		return &ConfigError{Field: "rounding", Message: fmt.Sprintf("不认识的取舍规则 %q，可选 %s 或 %s", o.Rounding, HalfUp, LargestRemainder)}
	}
	if err := validateMethodParents(o.MethodParents); err != nil {
		return err
	}
	if o.TurnoutThreshold < 0 || o.TurnoutThreshold > 100 {
		return &ConfigError{Field: "thresholds.turnout", Message: fmt.Sprintf("参选率提示线 %.1f 应在 0 到 100 之间", o.TurnoutThreshold)}
	}
	for _, t := range []struct {
		name string
		v    float64
	}{{"thresholds.aged", o.AgedThreshold}, {"thresholds.low_education", o.LowEducationThreshold}, {"thresholds.mobile", o.MobileThreshold}} {
		if t.v < 0 || t.v > 100 {
			return &ConfigError{Field: t.name, Message: fmt.Sprintf("%v 不在 0—100 之间", t.v)}
		}
	}
	return nil
}

// validateMethodParents refuses a [methods] entry without a name or a parent, and a 选举方式 that is,
// through its parents, a kind of itself.
func validateMethodParents(parents map[string]string) error {
	for kind, parent := range parents {
		if strings.TrimSpace(kind) == "" || strings.TrimSpace(parent) == "" {
			return &ConfigError{"methods", fmt.Sprintf("选举方式 %q = %q：方式和它所属的方式都要写", kind, parent)}
		}
		seen := map[string]bool{kind: true}
		for p, ok := parent, true; ok; p, ok = parents[p] {
			if seen[p] {
				return &ConfigError{"methods", fmt.Sprintf("选举方式 %q 经 [methods] 的归类又归到了自己(%s)：请删去其中一项", kind, p)}
			}
			seen[p] = true
		}
	}
	return nil
}

func validateAgeBands(bands []AgeBand) error {
	if len(bands) == 0 {
		return nil
	}
	field := "age_bands"
	labels := map[string]bool{}
	for i, b := range bands {
		name := fmt.Sprintf("第 %d 个年龄段(%s)", i+1, b.Label)
		switch {
		case strings.TrimSpace(b.Label) == "":
			return &ConfigError{field, fmt.Sprintf("第 %d 个年龄段没有名称(label)", i+1)}
		case labels[b.Label]:
			return &ConfigError{field, fmt.Sprintf("年龄段名称 %q 重复", b.Label)}
		case b.Min < 0:
			return &ConfigError{field, name + " 的下限不能为负数"}
		case i == 0 && b.Min > 18:
			return &ConfigError{field, fmt.Sprintf("%s 从 %d 岁开始，18 岁以下到 %d 岁之间的人没有归属；第一个年龄段的下限应为 0 或 18", name, b.Min, b.Min-1)}
		case i > 0 && bands[i-1].Max == 0:
			return &ConfigError{field, fmt.Sprintf("只有最后一个年龄段可以不设上限，第 %d 个年龄段(%s)后面还有年龄段", i, bands[i-1].Label)}
		case i > 0 && b.Min <= bands[i-1].Max:
			return &ConfigError{field, fmt.Sprintf("%s 与前一个年龄段(%s)重叠：%d 岁同时属于两段；下限应为 %d", name, bands[i-1].Label, b.Min, bands[i-1].Max+1)}
		case i > 0 && b.Min > bands[i-1].Max+1:
			return &ConfigError{field, fmt.Sprintf("%s 与前一个年龄段(%s)之间有缺口：%d—%d 岁没有归属；下限应为 %d", name, bands[i-1].Label, bands[i-1].Max+1, b.Min-1, bands[i-1].Max+1)}
		case b.Max != 0 && b.Max < b.Min:
			return &ConfigError{field, fmt.Sprintf("%s 的上限 %d 小于下限 %d", name, b.Max, b.Min)}
		}
		labels[b.Label] = true
	}
	if last := bands[len(bands)-1]; last.Max != 0 {
		return &ConfigError{field, fmt.Sprintf("最后一个年龄段(%s)应不设上限(max 为 0)，否则 %d 岁以上的人没有归属", last.Label, last.Max)}
	}
	return nil
}

func validateEducationBuckets(buckets []EducationBucket) error {
	if len(buckets) == 0 {
		return nil
	}
	// The buckets must cover each canonical 学历 (electsum.Educations) exactly once.
	field := "education"
	educations := electsum.Educations()
	canonical := map[string]bool{}
	for _, e := range educations {
		canonical[e] = true
	}
	owner := map[string]string{}
	labels := map[string]bool{}
	for i, b := range buckets {
		if strings.TrimSpace(b.Label) == "" {
			return &ConfigError{field, fmt.Sprintf("第 %d 个学历分组没有名称(label)", i+1)}
		}
		if labels[b.Label] {
			return &ConfigError{field, fmt.Sprintf("学历分组名称 %q 重复", b.Label)}
		}
		labels[b.Label] = true
		for _, v := range b.Values {
			if !canonical[v] {
				return &ConfigError{field, fmt.Sprintf("学历分组 %s 中的 %q 不是规范学历，可用的值：%s", b.Label, v, strings.Join(educations, "、"))}
			}
			if o, dup := owner[v]; dup {
				return &ConfigError{field, fmt.Sprintf("学历 %s 同时属于 %s 和 %s，每个学历只能属于一个分组", v, o, b.Label)}
			}
			owner[v] = b.Label
		}
	}
	var missing []string
	for _, e := range educations {
		if _, ok := owner[e]; !ok {
			missing = append(missing, e)
		}
	}
	if len(missing) > 0 {
		return &ConfigError{field, fmt.Sprintf("学历 %s 不属于任何分组，请把它加入某个分组", strings.Join(missing, "、"))}
	}
	return nil
}
