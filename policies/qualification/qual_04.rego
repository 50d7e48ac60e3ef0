# METADATA
# title: 一般程序案件执法人员少于两人
# description: |
#   procedure 属于 procedures（一般程序）的案件，handlers 须不少于 min_handlers 名。按列出的执法人员 id
#   计数（导出中找不到的 id 也计入，其悬空引用归 DATA-02）；同一 id 重复列出只算一人。
#   不论是否已作决定都检查。
#   各文本的差异：行政处罚法2009年修正文本和2017年修正文本第三十七条第一款（调查或者检查时执法人员不得少于两人）与
#   2021年修订文本第四十二条第一款（执法人员不得少于两人，法律另有规定的除外，2021-07-15 起）要求相同、条文号不同；
#   参数按执法行为日（决定日期，未决时立案日期）取当日施行文本的值，finding 引用该条款（sources）。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: QUAL-04
#   title_en: General-procedure case with fewer than two handlers
#   severity: error
#   partition: unit
#   sources:
#     - 行政处罚法 第四十二条
#   params: [min_handlers, procedures]
package jiandu.rules.qual_04

import data.jiandu.lib

findings contains f if {
	procs := procedures
	top := top_minimum
	some c in input.cases
	not distinct_at_least(object.get(c, "handlers", []), top)
	p := object.get(c, "procedure", null)
	p in procs
	hs := {h | some h in object.get(c, "handlers", [])}
	d := lib.act_date(c)
	lib.judges("QUAL-04", d)
	p in lib.param_at("QUAL-04", "procedures", d)
	minimum := lib.param_at("QUAL-04", "min_handlers", d)
	count(hs) < minimum
	src := lib.param_source_at("QUAL-04", "min_handlers", d)
	n := count(hs)
	ids := sort(hs)
	f := lib.finding(rego.metadata.chain(), {
		"kind": "case",
		"record": c.id,
		"unit": c.unit,
		"message": sprintf("%s案件 %s 有 %d 名执法人员%s，少于 %d 名，差 %d 名（依据：%s）", [procedure_zh(c.procedure), c.id, n, listed(ids), minimum, minimum - n, src]),
		"message_en": sprintf("%s-procedure case %s has %d handler(s)%s, fewer than %d (short by %d; per %s)", [c.procedure, c.id, n, listed_en(ids), minimum, minimum - n, src]),
		"detail": {"procedure": c.procedure, "handlers": ids, "count": n, "min": minimum, "short": minimum - n, "source": src},
		"sources": lib.clauses(src),
	})
}

# procedures: every procedure the parameter names on some date; top_minimum: the largest minimum on any
# date. A case outside them passes on every date and is not looked at further.
procedures := {p | some e in lib.profile.params["QUAL-04"].procedures; some p in e.value}

top_minimum := max({e.value | some e in lib.profile.params["QUAL-04"].min_handlers})

# distinct_at_least(hs, n): the list names at least n different handlers (a function: cases with the
# same handlers share one evaluation).
distinct_at_least(hs, n) if count({h | some h in hs}) >= n

procedure_zh(p) := object.get({"general": "一般程序", "simple": "简易程序"}, p, p)

listed(hs) := sprintf("（%s）", [concat("、", hs)]) if count(hs) > 0

listed(hs) := "" if count(hs) == 0

listed_en(hs) := sprintf(" (%s)", [concat(", ", hs)]) if count(hs) > 0

listed_en(hs) := "" if count(hs) == 0
