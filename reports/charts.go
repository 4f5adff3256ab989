package reports

import (
	"fmt"
	"html"
	"strings"

	"electsum/analytics"
)

// Charts are drawn as plain SVG here rather than with a chart library: the bars are simple, the text
// must use a CSS font list so that Chinese renders in any browser, and every label is escaped.

const chartFont = `"FangSong","仿宋","STFangsong","SimSun","宋体","Songti SC","Noto Serif CJK SC","Source Han Serif SC",serif`

const (
	colorCurrent  = "#b22222"
	colorPrevious = "#9e9e9e"
)

// series is one row of a bar chart: a label and this term's and the previous term's value.
type series struct {
	Label    string
	Current  analytics.Value
	Previous analytics.Value
}

// barChart draws horizontal bars, two per row when any previous value is known. Values are
// percentages (unit "%") or counts; rows without a current value are left out. It returns "" when
// there is nothing to draw.
func (w *Words) barChart(title, unit string, rows []series, conv func(string) string) string {
	var rs []series
	hasPrev := false
	max := 0.0
	for _, r := range rows {
		if !r.Current.OK {
			continue
		}
		rs = append(rs, r)
		if r.Current.V > max {
			max = r.Current.V
		}
		if r.Previous.OK {
			hasPrev = true
			if r.Previous.V > max {
				max = r.Previous.V
			}
		}
	}
	if len(rs) == 0 {
		return ""
	}
	if unit == "%" && max < 100 {
		max = 100
	}
	if max <= 0 {
		max = 1
	}
	const (
		width  = 640
		labelW = 150
		barMax = 400
		barH   = 14
	)
	rowH := barH + 10
	if hasPrev {
		rowH = 2*barH + 12
	}
	top := 40
	height := top + rowH*len(rs) + 30
	var b strings.Builder
	esc := func(s string) string { return html.EscapeString(conv(s)) }
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-label="%s" style="font-family:%s">`,
		width, height, width, height, esc(title), html.EscapeString(chartFont))
	fmt.Fprintf(&b, `<text x="%d" y="22" font-size="16" text-anchor="middle" font-weight="bold">%s</text>`, width/2, esc(title))
	bar := func(y int, v analytics.Value, color string) {
		w := int(v.V / max * barMax)
		if v.V > 0 && w < 1 {
			w = 1
		}
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="%s"/>`, labelW, y, w, barH, color)
		label := Num(v.V)
		if unit == "%" {
			label = Pct(v)
		} else {
			label += unit
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="12">%s</text>`, labelW+w+4, y+barH-3, esc(label))
	}
	for i, r := range rs {
		y := top + i*rowH
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="13" text-anchor="end">%s</text>`, labelW-8, y+barH-2, esc(r.Label))
		bar(y, r.Current, colorCurrent)
		if hasPrev && r.Previous.OK {
			bar(y+barH+2, r.Previous, colorPrevious)
		}
	}
	ly := height - 14
	fmt.Fprintf(&b, `<rect x="%d" y="%d" width="12" height="12" fill="%s"/><text x="%d" y="%d" font-size="12">%s</text>`,
		labelW, ly-10, colorCurrent, labelW+16, ly, esc(w.Charts.Current))
	if hasPrev {
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="12" height="12" fill="%s"/><text x="%d" y="%d" font-size="12">%s</text>`,
			labelW+70, ly-10, colorPrevious, labelW+86, ly, esc(w.Charts.Previous))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

func partSeries(ps []analytics.Part) []series {
	out := make([]series, 0, len(ps))
	for _, p := range ps {
		out = append(out, series{Label: p.Label, Current: p.Share.Current, Previous: p.Share.Previous})
	}
	return out
}

// charts draws the page's charts from the view: age and education of the main structure (this term
// against the previous), women and party shares per body, and turnout per township or unit.
func charts(v *View, conv func(string) string) map[string]string {
	out := map[string]string{}
	s := v.Summary
	w := v.words
	if w == nil {
		w = builtinWords
	}
	if body, set, st, ok := s.Subject(); ok {
		who := fill(w.Charts.Members, "{body}", string(body))
		if set == analytics.SetTwoCommittees {
			who = fill(w.Charts.TwoCommittees, "{body}", string(body))
		}
		out["age"] = w.barChart(fill(w.Charts.Age, "{who}", who), "%", partSeries(st.AgeBands), conv)
		out["education"] = w.barChart(fill(w.Charts.Education, "{who}", who), "%", partSeries(st.Education), conv)
	}
	var shares []series
	for _, bs := range s.Bodies {
		// A party body's members are all party members: no 100% bar (the draft leaves it out too).
		m := MembersOf(bs.Body, bs.Members)
		shares = append(shares,
			series{Label: fill(w.Charts.Women, "{body}", string(bs.Body)), Current: m.Women.Share.Current, Previous: m.Women.Share.Previous},
			series{Label: fill(w.Charts.PartyMembers, "{body}", string(bs.Body)), Current: m.PartyMembers.Share.Current, Previous: m.PartyMembers.Share.Previous})
	}
	out["shares"] = w.barChart(w.Charts.Shares, "%", shares, conv)
	var turnout []series
	for _, br := range s.Breakdown {
		for _, bs := range br.Bodies {
			if bs.Body == analytics.VillagersCommittee || bs.Body == analytics.ResidentsCommittee {
				turnout = append(turnout, series{Label: br.Name, Current: bs.Participation.Turnout.Current, Previous: bs.Participation.Turnout.Previous})
				break
			}
		}
	}
	title := w.Charts.TurnoutTownships
	switch {
	case !s.Subdistricts.OK:
	case s.Subdistricts.V == 0:
		title = w.Charts.TurnoutTowns
	case s.Subdistricts.V == s.Townships.Current.V:
		title = w.Charts.TurnoutSubdistricts
	}
	if v.Level == analytics.LevelTownship {
		title = w.Charts.TurnoutUnits
	}
	out["turnout"] = w.barChart(title, "%", turnout, conv)
	return out
}

// ChartNames are the charts of the HTML draft, in the order the page shows them.
func ChartNames() []string { return []string{"age", "education", "shares", "turnout"} }

// Charts returns the HTML draft's charts of v by name (see ChartNames) as inline SVG in Simplified
// Chinese, so that other pages (electsum serve's 统计) show the same charts as the draft. A chart with
// nothing to draw is "".
func Charts(v *View) map[string]string { return charts(v, func(s string) string { return s }) }
