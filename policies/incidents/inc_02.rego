# METADATA
# title: 执法人员被采取措施未按期报告
# description: |
#   不良影响执法事件中，执法人员被采取强制措施或追究责任的（officer_measures），应于被采取措施之日起
#   measure_report_days 日内报告。期限按 lib.period_deadline：采取措施当日不计，末日遇法定休假日顺延
#   （所在省把 10 日以内的法定期限按工作日计算的，按工作日）。截止日已过仍未报告（reported 为空）为
#   未报告；报告日晚于截止日为迟报，报告迟报天数（自然日）。每项措施一条，key 为执法人员 id；
#   无 taken 日期的措施无法计算期限，不判断。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: INC-02
#   title_en: Measure against an officer not reported in time
#   severity: error
#   partition: unit
#   sources:
#     - 003_706ab2c6f407d180.txt 附件第13项 被采取措施之日起7日内报告
#     - 003_706ab2c6f407d180.txt 一(三)11
#     - 民法典 第二百零一条、第二百零三条
#   params: [measure_report_days]
package jiandu.rules.inc_02

import data.jiandu.lib

findings contains f if {
	some inc in input.incidents
	some m in inc.officer_measures
	taken := m.taken
	is_string(taken)
	lib.judges("INC-02", taken)
	n := lib.param_at("INC-02", "measure_report_days", taken)
	deadline := lib.period_deadline(taken, n)
	reported := object.get(m, "reported", null)
	r := problem(reported, deadline)
	officer := officer_id(m)
	f := lib.finding(rego.metadata.chain(), {
		"kind": "incident",
		"record": inc.id,
		"unit": inc.unit,
		"key": officer,
		"message": sprintf("不良影响执法事件 %s：执法人员 %s 于 %s 被采取措施，%s（%s）", [inc.id, officer_label(officer), taken, r.zh, lib.param_source_at("INC-02", "measure_report_days", taken)]),
		"message_en": sprintf("Incident %s: the measure taken against officer %s on %s %s", [inc.id, officer, taken, r.en]),
		"detail": {
			"officer": officer,
			"taken": taken,
			"due": deadline,
			"days": n,
			"working_days": working_days(n),
			"reported": reported,
			"days_late": r.days_late,
		},
	})
}

problem(reported, deadline) := {
	"zh": sprintf("应于 %s 前报告，截至 %s 仍未报告", [deadline, lib.run.as_of_date]),
	"en": sprintf("was due to be reported by %s and is not reported by %s", [deadline, lib.run.as_of_date]),
	"days_late": null,
} if {
	not is_string(reported)
	lib.passed(deadline)
}

problem(reported, deadline) := {
	"zh": sprintf("应于 %s 前报告，%s 才报告，迟报 %d 天", [deadline, reported, days]),
	"en": sprintf("was reported on %s, %d days after the deadline %s", [reported, days, deadline]),
	"days_late": days,
} if {
	is_string(reported)
	reported > deadline
	days := lib.days_between(deadline, reported)
}

officer_id(m) := m.officer if is_string(m.officer)

officer_id(m) := "" if not is_string(object.get(m, "officer", null))

officer_label(id) := sprintf("%s（%s）", [id, ns[0]]) if {
	ns := names_of(id)
	count(ns) > 0
}

officer_label(id) := id if count(names_of(id)) == 0

names_of(id) := [o.name | some o in input.officers; o.id == id; is_string(o.name)]

# working_days(n): whether the n-day period counts working days (true) or calendar days (false).
working_days(n) if {
	lib.period_is_working(n)
} else := false
