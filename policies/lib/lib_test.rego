package jiandu.lib_test

import data.jiandu.lib
import data.jiandu.lib.testing

national := testing.profile(null, [], {})

zhejiang := object.union(national, {"params": {"calendar": {"short_period_working_max": testing.dated([{"from": "", "value": 10, "source": "浙江省行政程序办法 第九十八条"}])}}})

# RULES.md worked examples
test_15_days_after_spring_festival_rolls_to_the_tiaoxiu_sunday if {
	lib.add_days("2024-02-02", 15) == "2024-02-17"
	lib.add_days_rolled("2024-02-02", 15) == "2024-02-18"
}

test_deadline_on_national_day_rolls_to_the_tiaoxiu_saturday if {
	lib.roll_forward("2023-10-01") == "2023-10-07"
	lib.add_days_rolled("2023-09-16", 15) == "2023-10-07"
}

test_working_weekends_and_rest_monday if {
	lib.is_working_day("2023-04-23")
	lib.is_working_day("2023-05-06")
	not lib.is_working_day("2024-10-07")
	not lib.is_working_day("2024-03-02")
	lib.is_working_day("2024-03-04")
}

test_3_working_days_across_spring_festival if {
	lib.add_working_days("2023-01-19", 3) == "2023-01-29"
}

test_7_working_days_across_spring_festival if {
	lib.add_working_days("2024-02-06", 7) == "2024-02-21"
}

test_working_days_from_a_rest_day_start_on_the_next_working_day if {
	lib.add_working_days("2024-02-10", 1) == "2024-02-18"
}

test_ordinary_day_does_not_roll if {
	lib.roll_forward("2024-03-04") == "2024-03-04"
}

test_month_end if {
	lib.month_end(2024, 2) == "2024-02-29"
	lib.month_end(2023, 2) == "2023-02-28"
	lib.month_end(2023, 12) == "2023-12-31"
	lib.month_end(2023, 4) == "2023-04-30"
}

test_quarter_and_half if {
	lib.quarter("2023-01-01") == 1
	lib.quarter("2023-03-31") == 1
	lib.quarter("2023-04-01") == 2
	lib.quarter("2023-12-31") == 4
	lib.half("2023-06-30") == 1
	lib.half("2023-07-01") == 2
}

test_outside_calendar_is_undefined if {
	not lib.covered("2015-12-31")
	not lib.add_days_rolled("2026-12-25", 15)
	lib.covered("2026-12-31")
}

test_deadline_passed_only_after_the_day if {
	not lib.passed("2025-03-10") with data.jiandu.run as testing.run("2025-03-10")
	lib.passed("2025-03-10") with data.jiandu.run as testing.run("2025-03-11")
}

test_hour_deadlines_are_inclusive if {
	lib.hours_between("2023-05-01T10:00:00+08:00", "2023-05-03T10:00:00+08:00") == 48
	lib.add_hours("2023-05-01T10:00:00+08:00", 48) == "2023-05-03T10:00:00+08:00"
}

test_short_periods_count_working_days_in_zhejiang if {
	r := testing.run("2024-03-01")
	lib.period_deadline("2024-02-06", 7) == "2024-02-21" with data.jiandu.profile as zhejiang with data.jiandu.run as r
	lib.period_deadline("2024-02-06", 7) == "2024-02-18" with data.jiandu.profile as national with data.jiandu.run as r
	lib.period_deadline("2024-02-02", 15) == "2024-02-18" with data.jiandu.profile as zhejiang with data.jiandu.run as r
}

test_dated_parameter_in_force if {
	p := object.union(national, {"params": {"EXAM-02": {"pass_rate_min": testing.dated([
		{"from": "2022-01-01", "value": 0.8, "source": "001"},
		{"from": "2024-01-01", "value": 0.9, "source": "000"},
	])}}})
	lib.param_at("EXAM-02", "pass_rate_min", "2023-06-30") == 0.8 with data.jiandu.profile as p
	lib.param_at("EXAM-02", "pass_rate_min", "2024-01-01") == 0.9 with data.jiandu.profile as p
	lib.param_source_at("EXAM-02", "pass_rate_min", "2024-05-01") == "000" with data.jiandu.profile as p
	not lib.param_at("EXAM-02", "pass_rate_min", "2021-12-31") with data.jiandu.profile as p
}

test_year_profile_judges_its_own_year_national_every_year if {
	p := testing.profile(2023, ["CASE-02"], {})
	lib.judges("CASE-02", "2023-12-31") with data.jiandu.profile as p
	not lib.judges("CASE-02", "2024-01-01") with data.jiandu.profile as p
	lib.judges("CASE-10", "2019-01-01") with data.jiandu.profile as testing.profile(null, ["CASE-10"], {})
}

test_pct_whole_and_fractional_rates if {
	lib.pct(0.05) == "5%"
	lib.pct(2 / 3) == "66.67%"
	lib.pct(1) == "100%"
}

test_days_between_past_the_calendar_counts_by_the_clock if {
	lib.days_between("2026-12-20", "2027-03-01") == 71
	lib.days_between("2024-02-01", "2024-03-01") == 29
	lib.days_between("2015-12-31", "2016-01-02") == 2
}

test_clauses_of_a_source if {
	lib.clauses("行政处罚法(2021年修订) 第四十八条第二款 公开的…应当在三日内撤回；第八十五条 “三日”是指工作日 (2021年修订新增)") == [
		"行政处罚法(2021年修订) 第四十八条第二款",
		"行政处罚法(2021年修订) 第八十五条",
	]
	lib.clauses("国办发〔2018〕118号 (六) 7个工作日内公开；同见 000 第1项") == ["国办发〔2018〕118号 (六)"]
}
