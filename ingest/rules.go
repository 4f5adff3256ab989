package ingest

// ruleWords names each problem rule in a few Chinese words, for the summary at the end of `electsum
// ingest` (“错误 投票人数多于选民数 3”). The code itself stays in Problem.Rule, the JSON output, ingest_log
// and data_warnings, where scripts match on it. TestRuleWordsComplete fails when a rule has no words.
var ruleWords = map[string]string{
	// the cells themselves
	"missing_column":    "缺少必填列",
	"missing_value":     "必填项未填写",
	"wrong_type":        "数字或日期格式不对",
	"bad_enum":          "不是可选的值",
	"value_too_long":    "内容过长",
	"control_character": "含有控制字符",
	// a results row's figures
	"voted_gt_registered":  "投票人数多于选民数",
	"elected_gt_seats":     "当选人数多于应选职数",
	"ballots_mismatch":     "有效票加无效票不等于投票人数",
	"candidates_lt_seats":  "候选人数少于应选职数",
	"method_body_mismatch": "选举方式与选举类型不符",
	"unit_body_mismatch":   "村(社区)与选举类型不符",
	"turnout_mismatch":     "参选率与人数不符",
	// a people's congress results row
	"part_gt_whole":          "部分之和大于总数",
	"registration_mismatch":  "选民登记各项不符",
	"nomination_mismatch":    "推荐候选人数之和不符",
	"vote_modes_mismatch":    "各种投票方式之和不符",
	"round_mismatch":         "选举轮次与当选人数不符",
	"votes_gt_valid_ballots": "得票数多于有效票数",
	// a 选民登记 row against the results rows of its 选区
	"registration_without_results": "选民登记无对应的选举结果",
	"registration_duplicate":       "同一选区的选民登记填了两行",
	"registration_conflict":        "选民登记与选举结果表数字不一致",
	// a member
	"missing_birth_age":           "出生年月和年龄都未填",
	"age_out_of_range":            "年龄不在合理范围",
	"birth_after_election":        "出生晚于选举日期",
	"birth_month_ambiguous":       "出生月份需核对",
	"birth_month_from_id":         "出生月份按身份证号读出",
	"age_birth_mismatch":          "年龄与出生年月不符",
	"id_length":                   "身份证号位数不对",
	"id_checksum":                 "身份证号校验位不对",
	"id_truncated":                "身份证号被存成数字",
	"id_date":                     "身份证号中的日期不存在",
	"id_birth_mismatch":           "身份证号与出生年月不符",
	"id_gender_mismatch":          "身份证号与性别不符",
	"non_party_member":            "党组织成员不是党员",
	"probationary_member_elected": "预备党员当选党组织成员",
	"party_blank":                 "党组织成员未填政治面貌",
	// the whole file, and files against each other
	"duplicate_result":              "同一选举填了两行",
	"duplicate_person":              "同一人填了两行",
	"duplicate_key_across_files":    "同一选举由两个文件报送",
	"duplicate_person_across_files": "同一人在两个文件中当选",
	"person_elected_elsewhere":      "同一人已在别处当选",
	"no_data_sheet":                 "没有选举结果或当选人员表",
	"no_data_rows":                  "表中没有数据行",
	"second_table":                  "一个工作表中有两个表",
	"summary_only":                  "只有汇总表，没有数据",
	"total_mismatch":                "合计与各行之和不符",
	"no_result_row":                 "有当选人员但无选举结果",
	"member_count_mismatch":         "当选人数与人员名单不符",
	"county_unknown":                "无法确定所属县",
	"county_assumed":                "按数据库推定所属县",
	"township_from_name":            "按文件名或工作表名确定乡镇",
	"unit_body_name":                "村(社区)名称带组织名称",
	"date_from_year":                "日期按本行年份读出",
	"county_from_name":              "按标题或文件名确定县",
	"filled_down":                   "空白单元格按上方填写",
	"township_from_title":           "按标题确定乡镇",
	"year_from_title":               "按标题确定年份",
	"year_from_results":             "按选举结果表确定年份",
	"township_from_results":         "按选举结果表确定乡镇",
	"body_from_results":             "按选举结果表确定选举类型",
	"place_matched":                 "地名按选举结果表读出",
	"place_ambiguous":               "地名可能指多个地方",
	"unit_of_meeting":               "乡镇党代会归入本乡镇党代会",
	"party_of_body":                 "党组织成员按中共党员统计",
	"from_id_number":                "按身份证号读出性别或出生年月",
	"title_township_mismatch":       "标题所写乡镇与文件名或表中不同",
	"title_year_mismatch":           "标题与工作表名所写年份不同",
	"title_county_mismatch":         "标题所写县与指定的县不同",
	"unit_from_sheet":               "按工作表名或文件名确定村(社区)",
	"form_field":                    "按表格上方填写的内容确定各行",
	"form_result":                   "表格上方的数字作为选举结果",
	"form_result_incomplete":        "表格上方的数字不全，未作为选举结果",
	"body_from_name":                "按工作表名或文件名确定选举类型",
	"body_from_position":            "按职务确定选举类型",
	"post_without_body":             "职务看不出所属组织",
	"year_from_sheet":               "按工作表名确定年份",
	// layout
	"unknown_column":       "非标准列，已忽略",
	"column_read_as":       "列名按近似写法识别",
	"derived_column":       "计算得出的列，已忽略",
	"unknown_sheet":        "无法识别的工作表，已跳过",
	"hidden_sheet":         "隐藏工作表，已跳过",
	"list_sheet":           "下拉选项表，已跳过",
	"summary_sheet":        "汇总表，已跳过",
	"next_table":           "同一工作表中的另一种表",
	"election_postponed":   "暂缓换届的行，未导入",
	"empty_sheet":          "空白工作表，已跳过",
	"notes_row":            "表格下方的说明行",
	"rows_after_notes":     "说明行下方还有内容",
	"wide_header":          "分组表头无法识别",
	"wide_row_empty":       "各选举类型都未填写",
	"formula_computed":     "公式无计算结果，已按公式计算",
	"formula_not_computed": "公式无计算结果，也无法计算",
	// files that cannot be read
	"file_unreadable":   "文件无法读取",
	"file_not_workbook": "不是表格文件",
	"file_encrypted":    "文件设有打开密码",
	"file_too_large":    "文件过大",
	"file_zip_bomb":     "解压后过大",
	"file_encoding":     "文字编码无法识别",
	"file_corrupt":      "文件已损坏",
}

// RuleWord is a problem rule in Chinese words, for people; a rule without words (none in this
// package) is returned as its code.
func RuleWord(rule string) string {
	if w, ok := ruleWords[rule]; ok {
		return w
	}
	return rule
}
