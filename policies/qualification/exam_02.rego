# METADATA
# title: 执法考试合格率未达到要求
# description: |
#   合格率 = 通过 ÷ 参考：读 EXAM-01 同样的条目——执法人员 exams 中 kind 为 exam_kind（按方案：执法资格考试
#   或年度培训考试）、日期在方案年度内的条目；参考 = sat 为 true 的条目，通过 = 其中 passed 为 true 的条目
#   （未参考者的 passed 不计）。每个单位一条（kind unit），全辖区一条（kind export）：全辖区汇总各单位
#   summary 的计数（Σ 通过 ÷ Σ 参考），不是各单位比率的平均。恰好达到 pass_rate_min 为合格；参考为 0 不评判。
#   年度规则：as-of 日期晚于方案年度最后一日才评判。summary 给出每个单位的 sat、passed（年度未结束时也给出）。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: EXAM-02
#   title_en: Enforcement exam pass rate below the required rate
#   severity: error
#   partition: unit, export
#   sources:
#     - 000_290ff12546d35da7.txt 第2项(2)
#     - 001_8cc9de9d925df07c.txt 一(二)3
#     - 003_706ab2c6f407d180.txt 正文第9项
#     - 003_706ab2c6f407d180.txt 附件第10项第2点
#   params: [exam_kind, pass_rate_min]
package jiandu.rules.exam_02

import data.jiandu.lib

# registrations: as for EXAM-01, the exams entries of the profile's exam kind dated in the profile's year.
registrations := rs if {
	rs := lib.exam_registrations(lib.param("EXAM-02", "exam_kind"))
} else := []

sat := [e | some e in registrations; object.get(e, "sat", null) == true]

passed := [e | some e in sat; object.get(e, "passed", null) == true]

summary := {"sat": count(sat), "passed": count(passed)} if input.scope == "unit"

# Per unit.
findings contains f if {
	input.scope == "unit"
	lib.year_closed
	u := input.unit_id
	f := lib.finding(rego.metadata.chain(), object.union(
		{"kind": "unit", "record": u, "unit": u},
		shortfall(sprintf("单位 %s", [lib.unit_label(u)]), sprintf("Unit %s", [lib.unit_label_en(u)]), count(passed), count(sat)),
	))
}

# For the jurisdiction: the units' counts pooled.
findings contains f if {
	input.scope == "export"
	lib.year_closed
	ss := [s | some us in input.unit_summaries; s := us.rules["EXAM-02"]]
	f := lib.finding(rego.metadata.chain(), object.union(
		{"kind": "export", "record": "export", "unit": ""},
		shortfall("全辖区", "The jurisdiction", sum([s.passed | some s in ss]), sum([s.sat | some s in ss])),
	))
}

# shortfall(who, who_en, n, d): message and detail when n ÷ d is below the minimum; undefined otherwise.
shortfall(who, who_en, n, d) := {"message": msg, "message_en": msg_en, "detail": detail} if {
	minimum := lib.param("EXAM-02", "pass_rate_min")
	src := lib.param_source("EXAM-02", "pass_rate_min")
	kind := lib.param("EXAM-02", "exam_kind")
	r := lib.ratio(n, d)
	r < minimum
	needed := lib.needed_count(n, d, minimum)
	msg := sprintf("%s %d 年%s合格率 %s（通过 %d 人次 / 参考 %d 人次），低于 %s，差 %d 人次（依据：%s）", [who, lib.profile_year, kind_zh(kind), lib.pct2(r), n, d, lib.pct2(minimum), needed - n, src])
	msg_en := sprintf("%s: %d %s exam pass rate %s (%d passed of %d sat), below %s, short by %d (per %s)", [who_en, lib.profile_year, kind, lib.pct2(r), n, d, lib.pct2(minimum), needed - n, src])
	detail := {
		"exam_kind": kind, "year": lib.profile_year, "numerator": n, "denominator": d, "rate": r,
		"min": minimum, "needed": needed, "short": needed - n, "source": src,
	}
}

kind_zh(k) := object.get({"qualification": "执法资格考试", "annual": "年度培训考试"}, k, k)
