// Package history keeps each scan's summary and findings in SQLite (modernc.org/sqlite, no cgo), keyed
// by jurisdiction, unit, rule and record, so that nightly runs can show trends and what is new and
// resolved since the previous run. Several nightly jobs may write one file at once: the database runs
// in WAL mode with a busy timeout and each scan is written in one transaction.
package history

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"

	_ "modernc.org/sqlite" // the database/sql driver "sqlite"

	"github.com/jiandu/jiandu/internal/findings"
)

// DB is an open history file.
type DB struct {
	db *sql.DB
}

const schema = `
CREATE TABLE IF NOT EXISTS scans (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  jurisdiction TEXT NOT NULL,
  as_of TEXT NOT NULL,
  scanned_at TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  records INTEGER NOT NULL,
  findings INTEGER NOT NULL,
  file_errors INTEGER NOT NULL,
  label TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS findings (
  scan_id INTEGER NOT NULL REFERENCES scans(id),
  finding_id TEXT NOT NULL,
  rule TEXT NOT NULL,
  severity TEXT NOT NULL,
  kind TEXT NOT NULL,
  record TEXT NOT NULL,
  unit TEXT NOT NULL,
  message TEXT NOT NULL,
  PRIMARY KEY (scan_id, finding_id, message)
);
CREATE INDEX IF NOT EXISTS findings_by_unit ON findings(unit, rule);
CREATE INDEX IF NOT EXISTS scans_by_jurisdiction ON scans(jurisdiction, id);
`

// Open opens (creating when needed) a history file.
func Open(path string) (*DB, error) {
	dsn := "file:" + path + "?_pragma=busy_timeout(30000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("opening history %s: %w", path, err)
	}
	if _, err := db.Exec(schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("history %s: %w (is it a jiandu history file?)", path, err)
	}
	return &DB{db: db}, nil
}

// Close closes the file.
func (h *DB) Close() error { return h.db.Close() }

// Record stores one scan and its findings in a single transaction; it returns the scan's id.
func (h *DB) Record(ctx context.Context, r *findings.Result, label string, now time.Time) (int64, error) {
	tx, err := h.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `INSERT INTO scans (jurisdiction, as_of, scanned_at, tool_version, records, findings, file_errors, label)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, r.Profile, r.AsOf, now.UTC().Format(time.RFC3339), r.Tool.Version,
		r.Summary.Records, len(r.Findings), len(r.Errors), label)
	if err != nil {
		return 0, fmt.Errorf("recording the scan: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO findings (scan_id, finding_id, rule, severity, kind, record, unit, message)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return 0, err
	}
	defer stmt.Close()
	for _, f := range r.Findings {
		if _, err := stmt.ExecContext(ctx, id, f.ID, f.Rule, f.Severity, f.Kind, f.Record, f.Unit, f.Message); err != nil {
			return 0, fmt.Errorf("recording finding %s: %w", f.ID, err)
		}
	}
	return id, tx.Commit()
}

// Scan is one recorded run.
type Scan struct {
	ID           int64  `json:"id"`
	Jurisdiction string `json:"jurisdiction"`
	AsOf         string `json:"as_of"`
	ScannedAt    string `json:"scanned_at"`
	Records      int    `json:"records"`
	Findings     int    `json:"findings"`
	FileErrors   int    `json:"file_errors"`
	Label        string `json:"label,omitempty"`
}

// Filter selects what a report covers.
type Filter struct {
	Jurisdiction string // "" = the jurisdiction of the latest scan
	Unit         string // "" = every unit
	Since        string // scanned on or after this date (YYYY-MM-DD), "" = all
}

// Count is a number of findings for one key in one scan.
type Count struct {
	ScanID int64  `json:"scan_id"`
	Key    string `json:"key"`
	N      int    `json:"n"`
}

// Report is what `jiandu history` shows.
type Report struct {
	Jurisdiction string   `json:"jurisdiction"`
	Scans        []Scan   `json:"scans"`
	ByUnit       []Count  `json:"by_unit"`
	ByRule       []Count  `json:"by_rule"`
	New          []string `json:"new"`      // finding ids in the latest scan but not the one before
	Resolved     []string `json:"resolved"` // finding ids in the scan before but not the latest
}

// Report summarises the scans a filter selects: per-unit and per-rule counts per scan, and what is new
// and resolved between the last two.
func (h *DB) Report(ctx context.Context, f Filter) (*Report, error) {
	rep := &Report{Jurisdiction: f.Jurisdiction, New: []string{}, Resolved: []string{}}
	if rep.Jurisdiction == "" {
		err := h.db.QueryRowContext(ctx, `SELECT jurisdiction FROM scans ORDER BY id DESC LIMIT 1`).Scan(&rep.Jurisdiction)
		if err == sql.ErrNoRows {
			return rep, nil
		}
		if err != nil {
			return nil, err
		}
	}
	since := f.Since
	if since == "" {
		since = "0000"
	}
	rows, err := h.db.QueryContext(ctx, `SELECT id, jurisdiction, as_of, scanned_at, records, findings, file_errors, label
		FROM scans WHERE jurisdiction = ? AND scanned_at >= ? ORDER BY id`, rep.Jurisdiction, since)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var s Scan
		if err := rows.Scan(&s.ID, &s.Jurisdiction, &s.AsOf, &s.ScannedAt, &s.Records, &s.Findings, &s.FileErrors, &s.Label); err != nil {
			rows.Close()
			return nil, err
		}
		rep.Scans = append(rep.Scans, s)
	}
	rows.Close()
	if len(rep.Scans) == 0 {
		return rep, nil
	}
	first := rep.Scans[0].ID
	unitCond, args := "", []any{rep.Jurisdiction, first}
	if f.Unit != "" {
		unitCond, args = " AND f.unit = ?", append(args, f.Unit)
	}
	for _, q := range []struct {
		col string
		dst *[]Count
	}{{"unit", &rep.ByUnit}, {"rule", &rep.ByRule}} {
		rows, err := h.db.QueryContext(ctx, `SELECT f.scan_id, f.`+q.col+`, COUNT(*) FROM findings f JOIN scans s ON s.id = f.scan_id
			WHERE s.jurisdiction = ? AND f.scan_id >= ?`+unitCond+` GROUP BY f.scan_id, f.`+q.col+` ORDER BY f.scan_id, f.`+q.col, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var c Count
			if err := rows.Scan(&c.ScanID, &c.Key, &c.N); err != nil {
				rows.Close()
				return nil, err
			}
			*q.dst = append(*q.dst, c)
		}
		rows.Close()
	}
	if len(rep.Scans) >= 2 {
		last, prev := rep.Scans[len(rep.Scans)-1].ID, rep.Scans[len(rep.Scans)-2].ID
		a, err := h.ids(ctx, last, f.Unit)
		if err != nil {
			return nil, err
		}
		b, err := h.ids(ctx, prev, f.Unit)
		if err != nil {
			return nil, err
		}
		for id := range a {
			if !b[id] {
				rep.New = append(rep.New, id)
			}
		}
		for id := range b {
			if !a[id] {
				rep.Resolved = append(rep.Resolved, id)
			}
		}
		sort.Strings(rep.New)
		sort.Strings(rep.Resolved)
	}
	return rep, nil
}

func (h *DB) ids(ctx context.Context, scan int64, unit string) (map[string]bool, error) {
	q, args := `SELECT DISTINCT finding_id FROM findings WHERE scan_id = ?`, []any{scan}
	if unit != "" {
		q, args = q+` AND unit = ?`, append(args, unit)
	}
	rows, err := h.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}
