package electsum

// Educations are the canonical 学历 values ingest stores, highest first; every other spelling a sheet
// uses (硕士, 大专, 中技 …) is normalised to one of them. A new slice each call.
func Educations() []string {
	return []string{"研究生", "大学本科", "大学专科", "中专", "高中", "初中", "小学及以下"}
}
