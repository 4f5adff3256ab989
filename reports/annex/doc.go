// Package annex writes the 附件 workbook a county files with its election summary, from the
// analytics model alone:
//
//	表1   选举基本情况统计表 — one sheet per body: a row per unit, grouped by township, with a 小计 row
//	      per township and a 合计 row;
//	表2   村“两委”成员结构统计表 — a row per township (per unit at township scope), one section each for
//	      the 村党组织, the 村民委员会, the two together counted once per person, and the heads;
//	表3   与上届对比表 — every structure figure this term, previous term and the change;
//	表4   当选人员名册 — every elected person, id numbers masked unless asked otherwise;
//	表5   存在问题的村（社区）名单 — every unit 四、存在的问题 names (the draft lists five or ten and
//	      counts them), a row per unit and body with the rate it is named for;
//	表6   数据核对 — legal-check failures, data warnings and the model's own failed cross-checks;
//	图表  native Excel charts over 表2 and 表3 (age, education, women share by township).
//
// A sheet the model has no figures for is left out and the sheets after it move up, so that 表N is
// always 附件N of the draft (reports.AnnexSheets): without members sheets there is no 成员结构 or
// 当选人员名册, without a previous term no 与上届对比.
//
// Clerks keep working on the workbook in Excel, so every 小计/合计 is a SUM formula and every share a
// formula over the counts beside it — each stored with its computed value, so that viewers which do not
// recalculate still show the figures. All sheets are written with excelize's StreamWriter, which keeps
// memory flat at province scale and is also the excelize API that stores a formula together with its
// cached value (File.SetCellFormula marks the cached value as text).
//
// The same tables can be written as UTF-8 CSV files with a byte-order mark (WriteCSV), which Chinese
// Excel opens without garbling.
package annex
