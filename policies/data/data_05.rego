# METADATA
# title: 期限计算超出内置法定节假日历范围
# description: |
#   A deadline of this record needs a calendar year the shipped official calendar does not cover
#   (国务院办公厅 notices 2016–2026): the decision date of a case (filing, publication, delivery and
#   withdrawal deadlines run from it), the opening date under CASE-09, an incident officer measure's
#   date. The deadline rules skip such a record rather than guess with weekends only; this rule says so.
#   A date outside the calendar that no arithmetic touches (an old certificate date) is fine. The
#   calendar must reach `margin_days` beyond the date (the longest short period plus holidays).
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: DATA-05
#   title_en: Deadline needs a year the shipped calendar does not cover
#   severity: error
#   partition: unit
#   sources:
#     - RULES.md 期限计算规则（官方日历覆盖 2016–2026 年）
#   params: [margin_days]
package jiandu.rules.data_05

import data.jiandu.lib

covered_text := sprintf("%d–%d", [lib.cal.covered_years[0], lib.cal.covered_years[count(lib.cal.covered_years) - 1]])

uncovered(d, _) if not lib.covered(d)

uncovered(d, margin) if not lib.add_days(d, margin)

bases contains [c.id, c.unit, "case", "decision.date", c.decision.date] if {
	some c in input.cases
	is_string(c.decision.date)
}

bases contains [c.id, c.unit, "case", "opened", c.opened] if {
	lib.profile.rules["CASE-09"].on
	some c in input.cases
	is_string(c.decision.date)
}

bases contains [i.id, i.unit, "incident", sprintf("officer_measures/%d/taken", [n]), m.taken] if {
	some i in input.incidents
	some n, m in i.officer_measures
	is_string(m.taken)
}

findings contains f if {
	some [id, unit, kind, field, d] in bases
	margin := lib.param_at("DATA-05", "margin_days", d)
	uncovered(d, margin)
	f := lib.finding(rego.metadata.chain(), {
		"kind": kind,
		"record": id,
		"unit": unit,
		"key": field,
		"message": sprintf("%s 的 %s（%s）所涉期限超出内置法定节假日历范围（%s 年），无法按法定休假日顺延计算，已跳过相关期限检查；请升级 jiandu 的官方日历或核对日期", [id, field, d, covered_text]),
		"message_en": sprintf("%s: a deadline from %s (%s) needs a year the shipped calendar does not cover (%s); its deadline checks were skipped", [id, field, d, covered_text]),
		"detail": {"field": field, "date": d, "covered_years": lib.cal.covered_years},
	})
}
