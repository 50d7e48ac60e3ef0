# METADATA
# title: 监督线索未在期内处置
# description: |
#   期内收到的每条监督线索（received 在期内）须在期末当日或之前处置（disposed 不为空且不晚于期末），
#   处置率 100%。期间为导出头的 period（缺 from 或 to 的一端取 profile 年度的首日或末日），否则为
#   profile 的日历年度。期末已过（as-of 日期晚于期末）才报告：未处置，或处置日晚于期末（报告晚的天数）。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: CLUE-01
#   title_en: Supervision clue not disposed of by the end of the period
#   severity: error
#   partition: unit
#   sources:
#     - 001_8cc9de9d925df07c.txt 一(一)4 确保监督线索处置率100%
#     - 001_8cc9de9d925df07c.txt 附件分解清单 行政执法集成应用推进
#     - 000_290ff12546d35da7.txt 第12项 监督线索核查
#   params: []
package jiandu.rules.clue_01

import data.jiandu.lib

# period_from / period_to: the export header's period, else the profile's year.
header_period := lib.run.period if is_object(lib.run.period)

header_period := {} if not is_object(object.get(lib.run, "period", null))

period_from := header_period.from if is_string(header_period.from)

period_from := lib.year_start if not is_string(object.get(header_period, "from", null))

period_to := header_period.to if is_string(header_period.to)

period_to := lib.period_end if not is_string(object.get(header_period, "to", null))

findings contains f if {
	lib.passed(period_to)
	some c in input.clues
	c.received >= period_from
	c.received <= period_to
	lib.judges("CLUE-01", c.received)
	disposed := object.get(c, "disposed", null)
	r := problem(disposed)
	f := lib.finding(rego.metadata.chain(), {
		"kind": "clue",
		"record": c.id,
		"unit": c.unit,
		"message": sprintf("监督线索 %s（%s 收到）%s；期内线索须于期末 %s 前处置，处置率 100%%（001_8cc9de9d925df07c.txt 一(一)4）", [c.id, c.received, r.zh, period_to]),
		"message_en": sprintf("Clue %s (received %s) %s; clues received in the period %s..%s must be disposed of by its end", [c.id, c.received, r.en, period_from, period_to]),
		"detail": {
			"received": c.received,
			"disposed": disposed,
			"period": {"from": period_from, "to": period_to},
			"due": period_to,
			"days_late": r.days_late,
		},
	})
}

problem(disposed) := {"zh": sprintf("截至 %s 未处置", [lib.run.as_of_date]), "en": sprintf("is not disposed of by %s", [lib.run.as_of_date]), "days_late": null} if {
	not is_string(disposed)
}

problem(disposed) := {
	"zh": sprintf("于 %s 才处置，晚于期末 %d 天", [disposed, days]),
	"en": sprintf("was disposed of on %s, %d days after the period ended", [disposed, days]),
	"days_late": days,
} if {
	is_string(disposed)
	disposed > period_to
	days := lib.days_between(period_to, disposed)
}
