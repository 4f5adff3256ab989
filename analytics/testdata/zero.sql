-- Zero denominators and missing optional figures: 零村 registered 0 voters and 0 seats; its members gave
-- neither birth nor age, and no 是否连任.
INSERT INTO elections (county, township, unit, year, body, registered, voted, seats, candidates, elected,
                       source_file, source_sheet, source_row) VALUES
 ('零县', '零镇', '零村', 2024, '村民委员会', 0, 0, 0, 0, 1, 'z.xlsx', '选举结果', 2),
 ('零县', '零镇', '零村', 2024, '村党组织', NULL, NULL, NULL, NULL, 1, 'z.xlsx', '选举结果', 3);
INSERT INTO members (county, township, unit, year, body, name, position, gender, party, education, reelected,
                     person_key, source_file, source_sheet, source_row) VALUES
 ('零县', '零镇', '零村', 2024, '村民委员会', '甲', '主任', '女', '群众', '初中', NULL, 'name:零镇|零村|甲|', 'z.xlsx', '当选人员', 2),
 ('零县', '零镇', '零村', 2024, '村党组织', '乙', '书记', '男', '中共党员', '高中', NULL, 'name:零镇|零村|乙|', 'z.xlsx', '当选人员', 3);
