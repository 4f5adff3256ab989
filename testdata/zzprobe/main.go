package main

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

func main() {
	f := excelize.NewFile()
	s := "Sheet1"
	f.SetSheetName(s, "村委会选举")
	s = "村委会选举"
	f.SetCellValue(s, "A1", "青山鎮2024年村民委員會換屆選舉結果統計表")
	f.MergeCell(s, "A1", "J1")
	f.SetCellValue(s, "A2", "填报单位：青山镇人民政府（盖章）            填报日期：2024年4月2日")
	hdr1 := []any{"序號", "鄉鎮", "村名", "選舉類型", "年度", "選民情況", "", "職數", "", "備註"}
	hdr2 := []any{"", "", "", "", "", "登記選民數", "實際參選人數", "應選", "當選", ""}
	f.SetSheetRow(s, "A3", &hdr1)
	f.SetSheetRow(s, "A4", &hdr2)
	f.MergeCell(s, "F3", "G3")
	f.MergeCell(s, "H3", "I3")
	for _, c := range []string{"A", "B", "C", "D", "E", "J"} {
		f.MergeCell(s, c+"3", c+"4")
	}
	rows := [][]any{
		{1, "青山鎮", "石門村", "村民委員會", 2024, 1532, 1421, 5, 5, ""},
		{2, "", "龍潭村", "村民委員會", 2024, "2,104", "1987", 7, 7, "另行選舉1名"},
		{3, "", "白沙村", "村民委員會", 2024, 988, 903, 5, 5, nil},
		{"合計", "", "", "", "", 4624, 4311, 17, 17, ""},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, 5+i)
		f.SetSheetRow(s, cell, &r)
	}
	f.MergeCell(s, "B5", "B7")
	f.SetCellValue(s, "A10", "說明：1.參選率=實際參選人數/登記選民數。")
	f.SetCellValue(s, "A11", "填表人：王某某  聯繫電話：138xxxx")
	if err := f.SaveAs("/tmp/lead8/probe/青山镇.xlsx"); err != nil {
		fmt.Println(err)
	}
}
