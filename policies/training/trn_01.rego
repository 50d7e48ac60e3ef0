# METADATA
# title: 执法人员年度培训学时不足
# description: |
#   role 属于 roles 的人员，方案年度内（training.date 在该年）的培训学时合计 ≥ annual_min_hours。
#   excluded_categories（初次申领集中学习 central、岗位实训 practical，属 TRN-04）不计；无类别的培训计入；
#   无日期或学时的条目不计。恰好达到为合格。年度规则：as-of 日期晚于方案年度最后一日才评判。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: TRN-01
#   title_en: Annual training hours below the minimum
#   severity: error
#   partition: unit
#   sources:
#     - 002_9b0a4fc8e477fbdb.txt 二(二)1
#     - 003_706ab2c6f407d180.txt 正文第9项
#     - 003_706ab2c6f407d180.txt 附件第10项第2点
#   params: [annual_min_hours, roles, excluded_categories]
package jiandu.rules.trn_01

import data.jiandu.lib
import data.jiandu.lib.explain
import data.jiandu.lib.training

# The hours come from training.annual (computed once per evaluation, shared with TRN-02); the entries
# themselves are listed only for the officers short of the minimum.
findings contains f if {
	lib.year_closed
	minimum := lib.param("TRN-01", "annual_min_hours")
	some i, [h, _] in training.annual
	h < minimum
	o := input.officers[i]
	excluded := training.excluded
	entries := lib.counted_training(o, excluded)
	src := lib.param_source("TRN-01", "annual_min_hours")
	hours := round(h * 100) / 100
	short := round((minimum - h) * 100) / 100
	f := lib.finding(rego.metadata.chain(), {
		"kind": "officer",
		"record": o.id,
		"unit": o.unit,
		"message": sprintf("执法人员 %s %d 年培训 %v 学时，少于 %v 学时，差 %v 学时（依据：%s）", [lib.officer_label(o), lib.profile_year, hours, minimum, short, src]),
		"message_en": sprintf("%s: %v training hours in %d, below %v, short by %v (per %s)", [lib.officer_label_en(o), hours, lib.profile_year, minimum, short, src]),
		"detail": {"year": lib.profile_year, "hours": hours, "min": minimum, "short": short, "excluded_categories": excluded, "source": src, "steps": steps(o, entries, excluded, h, minimum)},
	})
}

# counted(o, excluded): the officer's training entries of the profile's year with hours, outside the
# excluded (pre-certification) categories (lib.counted_training; the KPI counts read it here). All of
# o.training when training.plain_sum says every entry counts (checked without filtering each entry).
counted(o, excluded) := o.training if {
	is_number(training.plain_sum(o, excluded))
} else := lib.counted_training(o, excluded)

# steps(o, entries, excluded, h, minimum): how the officer's hours were summed (jiandu explain): the
# parameters in force on the last day of the year, each counted entry, the entries left out, the result.
steps(o, entries, excluded, h, minimum) := array.concat(
	array.concat(
		[
			explain.fact("officer", o.id, "/role", "角色", "role", o.role),
			explain.annual_param("TRN-01", "annual_min_hours"),
			explain.annual_param("TRN-01", "roles"),
			explain.annual_param("TRN-01", "excluded_categories"),
		],
		explain.hours_sum(o, entries, h),
	),
	array.concat(
		explain.excluded_entries(
			o, entries,
			sprintf("不在 %d 年、无学时或属于不计入的类别 %s", [lib.profile_year, concat("、", excluded)]),
			sprintf("outside %d, without hours, or in the excluded categories %s", [lib.profile_year, concat(", ", excluded)]),
		),
		[explain.conclusion(
			sprintf("%v 学时 < %v 学时，差 %v 学时", [round(h * 100) / 100, minimum, round((minimum - h) * 100) / 100]),
			sprintf("%v hours < %v hours: short by %v", [round(h * 100) / 100, minimum, round((minimum - h) * 100) / 100]),
		)],
	),
)
