package annex

import (
	"electsum/analytics"

	"github.com/xuri/excelize/v2"
)

// chartSheet holds the charts; they read their figures from 表2 and 表3, so a clerk's corrections
// there show in the charts too.
const chartSheet = "图表"

// addCharts adds the 图表 sheet: age structure and education this term against the previous term
// (from 表3) and the women share by township (from 表2). Charts whose figures the scope lacks are left
// out, and so is the sheet when none is left.
func addCharts(f *excelize.File, s *analytics.Summary, ts []*table) error {
	var compare, structure *table
	for _, t := range ts {
		switch {
		case t.anchors["age_cat"] != "" || t.anchors["edu_cat"] != "":
			compare = t
		case t.anchors["women_val"] != "":
			structure = t
		}
	}
	var charts []*excelize.Chart
	title := func(s string) excelize.ChartTitle {
		return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: s, Font: &excelize.Font{Family: "宋体", Size: 12, Bold: true}}}}
	}
	// Axis labels in black 宋体: the default grey of LibreOffice's and WPS's charts is barely legible
	// on paper.
	axisFont := excelize.Font{Family: "宋体", Size: 10, Color: "000000"}
	pair := func(key, what string) {
		a := compare.anchors
		series := []excelize.ChartSeries{{Name: a["cur_name"], Categories: a[key+"_cat"], Values: a[key+"_cur"]}}
		if s.PreviousYear > 0 {
			series = append(series, excelize.ChartSeries{Name: a["prev_name"], Categories: a[key+"_cat"], Values: a[key+"_prev"]})
		}
		charts = append(charts, &excelize.Chart{
			Type: excelize.Col, Series: series, Title: title(a[key+"_title"] + what + "（本届与上届，人）"),
			Legend:    excelize.ChartLegend{Position: "bottom"},
			PlotArea:  excelize.ChartPlotArea{ShowVal: true},
			XAxis:     excelize.ChartAxis{Font: axisFont},
			YAxis:     excelize.ChartAxis{Font: axisFont},
			Dimension: excelize.ChartDimension{Width: 720, Height: 320},
		})
	}
	if compare != nil && compare.anchors["age_cat"] != "" {
		pair("age", "年龄结构")
	}
	if compare != nil && compare.anchors["edu_cat"] != "" {
		pair("edu", "学历结构")
	}
	if structure != nil {
		a := structure.anchors
		charts = append(charts, &excelize.Chart{
			Type: excelize.Col,
			Series: []excelize.ChartSeries{{
				Name: "", Categories: a["women_cat"], Values: a["women_val"],
			}},
			Title:     title(a["women_title"] + "女性占比"),
			Legend:    excelize.ChartLegend{Position: "none"},
			XAxis:     excelize.ChartAxis{Font: axisFont},
			YAxis:     excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0%"}, Font: axisFont},
			Dimension: excelize.ChartDimension{Width: 960, Height: 360},
		})
	}
	if len(charts) == 0 {
		return nil
	}
	if _, err := f.NewSheet(chartSheet); err != nil {
		return err
	}
	a4, landscape := 9, "landscape"
	if err := f.SetPageLayout(chartSheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape}); err != nil {
		return err
	}
	for i, c := range charts {
		at := ref(0, 1+i*20)
		if i > 0 {
			// One chart a page: two 20-row blocks are taller than a landscape A4 page, so the second
			// chart was cut at the page's foot (its legend on the next page).
			if err := f.InsertPageBreak(chartSheet, at); err != nil {
				return err
			}
		}
		if err := f.AddChart(chartSheet, at, c); err != nil {
			return err
		}
	}
	return nil
}
