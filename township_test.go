package electsum

import "testing"

func TestTownshipInName(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"北山乡选举结果.xlsx", "北山乡"},
		{"北山乡.xlsx", "北山乡"},
		{"福湾镇_当选人员.csv", "福湾镇"},
		{"2024年城关镇村两委换届统计表.xlsx", "城关镇"},
		{"北山乡村“两委”换届选举结果统计表.xls", "北山乡"},
		{"白水县东风街道_当选人员.xlsx", "东风街道"},
		{"附件1 东镇.xlsx", "东镇"},
		{"收到的表格/北山乡/选举结果.xlsx", "北山乡"},
		{"城关镇(改).xlsx", "城关镇"},
		{"乡镇换届统计表.xlsx", ""},
		{"城乡社区换届.xlsx", ""},
		{"全镇村两委.xlsx", ""},
		{"各乡镇汇总.xlsx", ""},
		{"选举结果.xlsx", ""},
		{"北山乡与南山镇.xlsx", ""},
		{"街道社区.xlsx", ""},
		{"Sheet1.csv", ""},
		{"北山鄉選舉結果.xlsx", "北山鄉"},
		{"白水縣青山鎮_當選人員.xlsx", "青山鎮"},
		{"青山鎮2021年村（社區）「兩委」換屆選舉情況統計表", "青山鎮"},
		{"北山乡2024年村级换届选举结果统计表", "北山乡"},
		{"2024年北山乡村级换届选举结果统计表", "北山乡"},
		{"鄉鎮換屆統計表.xlsx", ""},
		{"全鎮村兩委.xlsx", ""},
		{"白水縣2024年村級換屆選舉結果統計表", ""},
		{"和平镇2024年村两委换届选举结果统计表", "和平镇"},
		{"白河县和平镇.xlsx", "和平镇"},
		{"永和镇.xlsx", "永和镇"},
		{"北山乡和南山镇.xlsx", ""},
	} {
		if got := TownshipInName(c.name); got != c.want {
			t.Errorf("TownshipInName(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestUnitInName(t *testing.T) {
	for _, c := range []struct{ sheet, want string }{
		{"东岭村", "东岭村"},
		{" 城关社区 ", "城关社区"},
		{"城關社區", "城關社區"},
		{"東嶺村", "東嶺村"},
		{"东岭村两委", ""},
		{"全村", ""},
		{"村", ""},
		{"Sheet1", ""},
		{"村党组织", ""},
		{"东岭村(2024)", ""},
	} {
		if got := UnitInName(c.sheet); got != c.want {
			t.Errorf("UnitInName(%q) = %q, want %q", c.sheet, got, c.want)
		}
	}
}

func TestUnitWithoutBody(t *testing.T) {
	for _, c := range []struct {
		unit, want string
		ok         bool
	}{
		{"东山村党支部", "东山村", true},
		{"东山村村党支部", "东山村", true},
		{"东山村党总支部委员会", "东山村", true},
		{"东山村村委会", "东山村", true},
		{"东山村委会", "东山村", true},
		{"东山村村民委员会", "东山村", true},
		{"东山村监委会", "东山村", true},
		{"东山村村务监督委员会", "东山村", true},
		{"新村党支部", "新村", true},
		{"城关社区居委会", "城关社区", true},
		{"城关社区党委", "城关社区", true},
		{"東山村村委會", "東山村", true},
		{"城關社區黨總支", "城關社區", true},
		{"东山村", "东山村", false},
		{"青石镇党委", "青石镇党委", false},
		{"城关居委会", "城关居委会", false},
		{"村委会", "村委会", false},
		{"党支部", "党支部", false},
		{"第一选区", "第一选区", false},
	} {
		got, ok := UnitWithoutBody(c.unit)
		if got != c.want || ok != c.ok {
			t.Errorf("UnitWithoutBody(%q) = %q, %v; want %q, %v", c.unit, got, ok, c.want, c.ok)
		}
	}
}

func TestCountyInName(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"白河县五坪镇2024年村两委换届选举结果统计表", "白河县"},
		{"浏阳市集里街道2024年换届选举情况", "浏阳市"},
		{"湖南省长沙县黄兴镇", "长沙县"},
		{"长沙市岳麓区望岳街道", "岳麓区"},
		{"湘西土家族苗族自治州泸溪县", "泸溪县"},
		{"白河縣五坪鎮", "白河縣"},
		{"五坪镇2024年村两委换届选举结果统计表", ""},
		{"全县村两委换届选举情况", ""},
		{"城关社区", ""},
		{"第一选区", ""},
		{"2024年县乡两级人大换届", ""},
		{"白河县与黑山县", ""},
		{"白河县五坪镇与白河县三阳镇", "白河县"},
		{"五坪镇与白河县", "白河县"},
		{"和平县2024年村两委换届", "和平县"},
		{"广东省和平县", "和平县"},
		{"永和县五坪镇", "永和县"},
		{"太和县", "太和县"},
		{"青石镇县级人大代表选举选区情况统计表", ""},
		{"白河县县级人大代表选举情况", "白河县"},
		{"青石鎮縣級人大代表", ""},
		{"", ""},
	} {
		if got := CountyInName(c.name); got != c.want {
			t.Errorf("CountyInName(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestPlaceStem(t *testing.T) {
	for in, want := range map[string]string{
		"青石镇": "青石", "青石鎮": "青石", "北山乡": "北山", "东风街道": "东风", "东风街道办事处": "东风",
		"东山村": "东山", "城关社区": "城关", "城關社區": "城關", "青石": "青石", "镇": "镇", "村": "村", "": "",
	} {
		if got := PlaceStem(in); got != want {
			t.Errorf("PlaceStem(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUnitInTitle(t *testing.T) {
	for title, want := range map[string]string{
		"青石镇东山村“两委”班子成员花名册":      "东山村",
		"东山村村民委员会选举结果报告单":        "东山村",
		"城關社區黨委委員名單":             "城關社區",
		"白河县青石镇2024年东山村换届选举情况":   "东山村",
		"青石镇新镇村党支部委员名单":          "新镇村",
		"李村两委成员":                 "李村",
		"青石镇东山村":                 "东山村",
		"青石镇2024年村“两委”换届选举结果统计表": "",
		"青石镇各村两委名单":              "",
		"青石镇行政村党组织书记名单":          "",
		"青石镇农村党员名册":              "",
		"东山村、西河村两委名单":            "",
		"东山村等5个村换届选举情况":          "",
		"青石镇党委委员名册":              "",
	} {
		if got := UnitInTitle(title); got != want {
			t.Errorf("UnitInTitle(%q) = %q, want %q", title, got, want)
		}
	}
}
