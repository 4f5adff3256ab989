-- 数据总览: the latest loads from ingest_log, newest first. A file the command line loaded (an absolute
-- path) by its file name only; one uploaded on the page as it was uploaded (青山镇.xlsx, or
-- 收到的表格/青山镇.xlsx from a dropped folder or a zip: ingest.LoadOptions.Names).
SELECT strftime(ingested_at, '%Y-%m-%d %H:%M:%S') AS 时间,
       CASE WHEN regexp_matches(path, '^([/\\]|[A-Za-z]:[/\\])') THEN regexp_replace(path, '^.*[/\\]', '')
            ELSE path END AS 文件,
       CASE outcome WHEN 'loaded' THEN '已导入' WHEN 'unchanged' THEN '未变化' WHEN 'rejected' THEN '被拒绝' ELSE outcome END AS 结果,
       result_rows AS 选举结果行, member_rows AS 当选人员行, coalesce(message, '') AS 说明
FROM ingest_log
ORDER BY ingested_at DESC, id DESC
LIMIT 50
