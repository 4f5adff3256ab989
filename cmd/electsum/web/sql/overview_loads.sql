-- 数据总览: the latest loads from ingest_log, newest first; the file by its name only.
SELECT strftime(ingested_at, '%Y-%m-%d %H:%M:%S') AS 时间,
       regexp_replace(path, '^.*[/\\]', '') AS 文件,
       CASE outcome WHEN 'loaded' THEN '已导入' WHEN 'unchanged' THEN '未变化' WHEN 'rejected' THEN '被拒绝' ELSE outcome END AS 结果,
       result_rows AS 选举结果行, member_rows AS 当选人员行, coalesce(message, '') AS 说明
FROM ingest_log
ORDER BY ingested_at DESC, id DESC
LIMIT 50
