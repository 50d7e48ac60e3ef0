package jiandu.lib.explain_test

import data.jiandu.lib.explain
import data.jiandu.lib.testing

national := testing.profile(null, [], {})

zhejiang := object.union(national, {"params": {"calendar": {"short_period_working_max": testing.dated([{"from": "", "value": 10, "source": "浙江省行政程序办法 第九十八条"}])}}})

law := object.union(national, {"params": {"CASE-10": {"delivery_working_days": testing.dated([
	{"from": "2018-01-01", "value": 7, "source": "行政处罚法(2017年修正) 第四十条"},
	{"from": "2021-07-15", "value": 7, "source": "行政处罚法(2021年修订) 第六十一条"},
])}}})

# The issue's own example of a calendar-day deadline rolled over a holiday to a 调休 working Sunday.
test_calendar_deadline_rolls_over_spring_festival_naming_the_notice if {
	s := explain.calendar_deadline("2024-02-02", 15, "2024-02-18")
	s.type == "step"
	s.zh == "2024-02-02 + 15 日 = 2024-02-17，春节假期（国办发明电〔2023〕7号）顺延至 2024-02-18（调休上班日）"
	s.en == "2024-02-02 + 15 days = 2024-02-17, a Spring Festival rest day (国办发明电〔2023〕7号), rolled forward to 2024-02-18 (a make-up working Sunday)"
}

test_calendar_deadline_on_national_day_rolls_to_the_tiaoxiu_saturday if {
	s := explain.calendar_deadline("2023-09-16", 15, "2023-10-07")
	contains(s.zh, "2023-10-01，中秋节、国庆节假期（国办发明电〔2022〕16号）顺延至 2023-10-07（调休上班日）")
}

test_calendar_deadline_over_a_weekend if {
	s := explain.calendar_deadline("2024-03-02", 15, "2024-03-18")
	s.zh == "2024-03-02 + 15 日 = 2024-03-17，星期日休息日顺延至 2024-03-18（星期一）"
}

test_calendar_deadline_on_a_working_day if {
	s := explain.calendar_deadline("2024-03-01", 15, "2024-03-16") with data.calendar.days["2024-03-16"].w as true
	contains(s.zh, "即期限 2024-03-16")
}

test_working_deadline_counts_tiaoxiu_weekend_days if {
	s := explain.working_deadline("2023-01-19", 3, "2023-01-29")
	s.zh == "2023-01-19 之后第 3 个工作日（当日不计，只数官方工作日）：01-20（1）、01-28（2，调休上班日）、01-29（3，调休上班日）；其间 01-21 至 01-27（春节假期，国办发明电〔2022〕16号）不计 → 期限 2023-01-29"
}

test_working_deadline_names_holiday_and_weekends if {
	s := explain.working_deadline("2024-02-06", 7, "2024-02-21")
	contains(s.zh, "02-18（4，调休上班日）")
	contains(s.zh, "02-10 至 02-17（春节假期，国办发明电〔2023〕7号）不计")
	s2 := explain.working_deadline("2024-03-01", 7, "2024-03-12")
	contains(s2.zh, "03-02 至 03-03（周末）、03-09 至 03-10（周末）不计")
	s3 := explain.working_deadline("2024-03-04", 1, "2024-03-05")
	not contains(s3.zh, "不计 →")
}

test_period_deadline_follows_the_province if {
	[s] := explain.period_deadline("2024-02-02", 15, "2024-02-18") with data.jiandu.profile as national
	contains(s.zh, "顺延至 2024-02-18")
	[a, b] := explain.period_deadline("2024-02-06", 7, "2024-02-21") with data.jiandu.profile as zhejiang
		with data.jiandu.run as testing.run("2024-03-31")
	contains(a.zh, "按工作日计算（浙江省行政程序办法 第九十八条）")
	contains(b.zh, "第 7 个工作日")
}

test_param_cites_the_text_in_force_on_the_date if {
	old := explain.param("CASE-10", "delivery_working_days", "2021-06-30") with data.jiandu.profile as law
	old == {
		"type": "param", "rule": "CASE-10", "name": "delivery_working_days", "value": 7, "on": "2021-06-30",
		"from": "2018-01-01", "to": "2021-07-15", "source": "行政处罚法(2017年修正) 第四十条",
	}
	new := explain.param("CASE-10", "delivery_working_days", "2021-07-15") with data.jiandu.profile as law
	new.source == "行政处罚法(2021年修订) 第六十一条"
	new.to == "9999-12-31"
	not explain.param("CASE-10", "delivery_working_days", "2017-12-31") with data.jiandu.profile as law
}

test_fact_names_the_record_and_path if {
	f := explain.fact("case", "C-1", "/decision/date", "决定日期", "decided on", "2024-02-02")
	f == {
		"type": "fact", "record": {"kind": "case", "id": "C-1"}, "path": "/decision/date", "value": "2024-02-02",
		"label": {"zh": "决定日期", "en": "decided on"},
	}
}

test_hours_sum_lists_each_counted_entry if {
	o := {"id": "O-1", "training": [
		{"date": "2023-03-01", "hours": 8, "category": "business"},
		{"date": "2023-04-01", "hours": 40, "category": "central"},
		{"date": "2023-05-01", "hours": 4.5},
	]}
	counted := [o.training[0], o.training[2]]
	steps := explain.hours_sum(o, counted, 12.5)
	count(steps) == 3
	steps[0].path == "/training/0"
	steps[1].path == "/training/2"
	steps[1].label.zh == "培训 2023-05-01（未分类 / uncategorised）学时"
	steps[1].value == 4.5
	steps[2].zh == "逐条相加：8 + 4.5 = 12.5 学时"
	[x] := explain.excluded_entries(o, counted, "初次申领培训", "pre-certification")
	contains(x.zh, "2023-04-01 central 40")
	explain.excluded_entries(o, o.training, "", "") == []
}

test_rate_lists_numerator_and_denominator if {
	steps := explain.rate(["法制审核人员", "legal reviewers"], ["O-1"], ["执法人员", "officers"], ["O-1", "O-2", "O-3"], 0.5)
	steps[0].zh == "分子（法制审核人员）1：O-1"
	steps[1].zh == "分母（执法人员）3：O-1、O-2、O-3"
	steps[2].zh == "1 ÷ 3 = 33.33% < 50.00%"
	n := explain.needed(1, 3, 0.5, "名", "people")
	n.zh == "达到 50.00% 至少需 2 名（2 ÷ 3 = 66.67%），差 1"
	not explain.rate(["a", "a"], [], ["b", "b"], [], 0.5)
}

test_obligation_instance if {
	ob := {"id": "annual_report", "title": "行政执法年报公开", "applies_to": ["department", "town"], "due": {"yearly": {"month": 1, "day": 31}}, "source": "国办发〔2018〕118号 (六)", "binds_from": null}
	[a, b] := explain.obligation(ob, {"period": "2022", "due": "2023-01-31"}, {"type": "town"}) with data.jiandu.profile as object.union(national, {"year": 2023})
	a.zh == "报送义务 annual_report「行政执法年报公开」：每年 1 月 31 日前报送上一年度；适用于 department、town（本单位类型 town）；依据：国办发〔2018〕118号 (六)"
	b.zh == "2023 年的期次 2022：截止 2023-01-31（方案规定的固定日期，不顺延）；国家义务每年约束"
}

test_due_forms if {
	explain.due_zh({"date": "2024-05-20"}) == "于 2024-05-20 前报送"
	explain.due_zh({"monthly": {"day": 6}}) == "每月 6 日前报送上月"
	explain.due_zh({"quarterly": {"months": [1, 4, 7, 10], "day": 10}}) == "每季度（1、4、7、10 月）10 日前报送上一季度"
	explain.due_zh({"dates": [{"date": "2023-06-01", "period": "2023-H1"}]}) == "分期报送：2023-06-01 前（2023-H1）"
	explain.due_zh({"by_type": {"town": {"date": "2023-09-30"}}}) == "按单位类型：town 于 2023-09-30 前报送"
	explain.due_en({"by_type": {"town": {"date": "2023-09-30"}}}) == "by unit type: town due 2023-09-30"
	explain.due_en({"yearly": {"month": 1, "day": 31}}) == "due every year by 1-31 for the year before"
}

test_hour_deadline if {
	s := explain.hour_deadline("2023-07-14T10:30:00+08:00", 48, "2023-07-16T10:30:00+08:00")
	s.zh == "2023-07-14T10:30:00+08:00 + 48 小时 = 2023-07-16T10:30:00+08:00（按时刻计算，恰好第 48 小时整仍在期限内）"
}

test_conclusions if {
	late := explain.days_late("2024-02-18", "2024-02-20", "备案", "filed")
	late.zh == "备案 2024-02-20 晚于期限 2024-02-18，逾期 2 日"
	late.type == "conclusion"
	over := explain.overdue("2024-02-18", "备案", "filing") with data.jiandu.run as testing.run("2024-02-28")
	over.zh == "截至检查基准日 2024-02-28 仍无备案，已过期限 2024-02-18 10 日"
}

# weekday reads a day's index: the same as the clock (every 11th day of the calendar, and days outside it).
test_weekday_of_the_calendar_days if {
	wrong := [d |
		some i, d in data.calendar.dates
		i % 11 == 0
		explain.weekday(d) != time.weekday(time.parse_ns("2006-01-02", d))
	]
	wrong == []
	explain.weekday("2027-01-01") == "Friday"
	explain.weekday_zh("2015-12-31") == "星期四"
}

# holiday_of reads a day's row: the days the notices name (rest days and 调休 days, each holiday's own)
# have rows naming that holiday and no day is named by two, so the holiday of a day's row is the only one
# a scan of the notices could find.
test_holiday_of_reads_the_day_table if {
	named := [[x, h.name] |
		some yr in data.calendar.years
		some h in yr.holidays
		some x in array.concat(
			[data.calendar.dates[i] | some i in numbers.range(data.calendar.days[h.from].i, data.calendar.days[h.to].i)],
			h.work,
		)
		data.calendar.days[x]
	]
	count(named) > 300
	count({x | some [x, _] in named}) == count(named)
	[x | some [x, name] in named; data.calendar.days[x].h != name] == []
	count([x | some x, day in data.calendar.days; day.h]) == count(named)
	every x in ["2016-02-06", "2016-02-10", "2023-01-01", "2023-10-07", "2024-02-18"] {
		explain.holiday_of(x) == explain.holiday_scan(x)
	}
	not explain.holiday_of("2027-01-01")
	not explain.holiday_of("2024-03-02")
}

# A rest day alone is named by itself; the runs before a due date that is not the last working day
# counted are found from the calendar (a run still going on at the due date is left out).
test_rest_runs_single_days_and_other_due_dates if {
	s := explain.working_deadline("2024-02-01", 3, "2024-02-05")
	s.zh == "2024-02-01 之后第 3 个工作日（当日不计，只数官方工作日）：02-02（1）、02-04（2，调休上班日）、02-05（3）；其间 02-03（周末）不计 → 期限 2024-02-05"
	s.en == "official working day 3 after 2024-02-01 (that day not counted): 02-02 (1), 02-04 (2, make-up working Sunday), 02-05 (3); not counted: 02-03 (weekend) → deadline 2024-02-05"
	s2 := explain.working_deadline("2024-03-01", 1, "2024-03-05")
	contains(s2.zh, "：03-04（1）；其间 03-02 至 03-03（周末）不计 → 期限 2024-03-05")
	explain.rest_runs("2024-02-08", "2024-02-19") == [["2024-02-10", "2024-02-17"]]
	explain.rest_runs("2024-03-01", "2024-03-10") == [["2024-03-02", "2024-03-03"]]
	explain.rest_runs("2024-03-01", "2024-03-02") == []
	explain.rest_runs("2024-03-01", "2099-01-01") == []
}
