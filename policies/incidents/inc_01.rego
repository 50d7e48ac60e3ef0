# METADATA
# title: 不良影响执法事件未报送初步或完整调查报告
# description: |
#   在社会面产生不良影响的执法事件，须即时报送初步调查报告（preliminary_report），并在事件发生后
#   full_report_hours 小时内（含第 full_report_hours 小时整）报送完整调查报告（full_report）。按时刻计算
#   （无时区的时刻按 +08:00）。读法：初步报告“即时”报送，无确定时限，as-of 时刻晚于事件发生时刻而仍
#   无初步报告即为问题；完整报告缺失只在截止时刻已过（as-of 时刻晚于 发生 + full_report_hours）后才
#   报告；完整报告晚于截止时刻为迟报，报告超出的小时数。同一事件的问题合并为一条 finding（key 为空），
#   detail.problems 逐项列出（no_preliminary、no_full_report、full_report_late）。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: INC-01
#   title_en: Adverse enforcement incident without a timely preliminary and full report
#   severity: error
#   partition: unit
#   sources:
#     - 003_706ab2c6f407d180.txt 附件第13项 完整调查报告 48 小时内报送
#     - 003_706ab2c6f407d180.txt 一(三)11 即时报送初步调查报告，2日内报送完整调查报告
#   params: [full_report_hours]
package jiandu.rules.inc_01

import data.jiandu.lib
import data.jiandu.lib.explain

findings contains f if {
	some inc in input.incidents
	lib.judges("INC-01", lib.date_of(inc.occurred))
	limit := lib.param_at("INC-01", "full_report_hours", lib.date_of(inc.occurred))
	deadline := lib.add_hours(inc.occurred, limit)
	prelim := object.get(inc, "preliminary_report", null)
	full := object.get(inc, "full_report", null)
	ps := [p |
		some p in [
			no_preliminary(inc, prelim),
			no_full_report(full, deadline),
			full_report_late(inc, full, limit),
		]
		p != null
	]
	count(ps) > 0
	f := lib.finding(rego.metadata.chain(), {
		"kind": "incident",
		"record": inc.id,
		"unit": inc.unit,
		"message": sprintf("不良影响执法事件 %s（发生于 %s）%s（%s）", [inc.id, inc.occurred, concat("；", [p.zh | some p in ps]), lib.param_source_at("INC-01", "full_report_hours", lib.date_of(inc.occurred))]),
		"message_en": sprintf("Incident %s (occurred %s): %s", [inc.id, inc.occurred, concat("; ", [p.en | some p in ps])]),
		"detail": {
			"occurred": inc.occurred,
			"preliminary_report": prelim,
			"full_report": full,
			"deadline": deadline,
			"max_hours": limit,
			"hours": hours_taken(inc, full),
			"problems": [p.code | some p in ps],
			"steps": array.concat(
				[
					explain.fact("incident", inc.id, "/occurred", "事件发生时刻", "occurred at", inc.occurred),
					explain.fact("incident", inc.id, "/preliminary_report", "初步调查报告报送时刻", "preliminary report made at", prelim),
					explain.fact("incident", inc.id, "/full_report", "完整调查报告报送时刻", "full report made at", full),
					explain.param("INC-01", "full_report_hours", lib.date_of(inc.occurred)),
					explain.hour_deadline(inc.occurred, limit, deadline),
				],
				array.concat(
					[explain.step(
						sprintf("%s − %s = %v 小时", [full, inc.occurred, hours_label(lib.hours_between(inc.occurred, full))]),
						sprintf("%s − %s = %v hours", [full, inc.occurred, hours_label(lib.hours_between(inc.occurred, full))]),
					) |
						is_string(full)
					],
					[explain.conclusion(concat("；", [p.zh | some p in ps]), concat("; ", [p.en | some p in ps]))],
				),
			),
		},
	})
}

no_preliminary(inc, prelim) := {"code": "no_preliminary", "zh": "未报送初步调查报告（应即时报送）", "en": "no preliminary report (due immediately)"} if {
	not is_string(prelim)
	lib.instant_passed(inc.occurred)
} else := null

no_full_report(full, deadline) := p if {
	not is_string(full)
	lib.instant_passed(deadline)
	p := {
		"code": "no_full_report",
		"zh": sprintf("截至 %s 未报送完整调查报告，应于 %s 前报送", [lib.run.as_of, deadline]),
		"en": sprintf("no full report by %s, due %s", [lib.run.as_of, deadline]),
	}
} else := null

full_report_late(inc, full, limit) := p if {
	is_string(full)
	h := lib.hours_between(inc.occurred, full)
	h > limit
	p := {
		"code": "full_report_late",
		"zh": sprintf("完整调查报告于 %s 报送，距事件发生 %v 小时，超过 %v 小时时限 %v 小时", [full, hours_label(h), limit, hours_label(h - limit)]),
		"en": sprintf("full report made %s, %v hours after the incident, %v hours past the %v-hour limit", [full, hours_label(h), hours_label(h - limit), limit]),
	}
} else := null

hours_taken(inc, full) := lib.hours_between(inc.occurred, full) if is_string(full)

hours_taken(_, full) := null if not is_string(full)

# hours_label(h): hours rounded to two decimals for a message (49, 48.5, 0.25).
hours_label(h) := round(h * 100) / 100
