package records

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"sync"
)

// The pipeline checks records on every core while keeping the export's order where it matters. A
// reader (one file at a time) hands each record over with a sequence number; workers decode,
// normalize, prune and validate it and pass valid records to the sink; one collector takes the
// outcomes back in sequence order for what depends on order: the id index (which copy is first),
// unknown keys (reported at their first place), the facts, headers.

type job struct {
	seq    uint64
	kind   string // "" for an NDJSON line whose kind is read from it
	raw    []byte // JSON bytes, or nil when val holds the decoded value
	val    any
	loc    Location
	ndjson bool
	apply  func()    // an ordered action of the reader (a header, a break in a file, an unknown array)
	sheet  *sheetRow // a spreadsheet row: the cells its values came from (spreadsheet.go)
}

type outcome struct {
	seq       uint64
	apply     func()
	headerLoc Location
	rec       *Record // a record that was read (valid or not); nil for a header or a line that is no record
	header    map[string]any
	schemaErr *Fact
	unknown   []string
	refs      []ref
}

type pipeline struct {
	jobs    chan job
	outs    chan outcome
	workers sync.WaitGroup
	done    chan struct{}
	next    uint64
}

func (l *Loader) start() {
	if l.pipe != nil {
		return
	}
	n := runtime.GOMAXPROCS(0)
	p := &pipeline{jobs: make(chan job, 256*n), outs: make(chan outcome, 256*n), done: make(chan struct{})}
	for i := 0; i < n; i++ {
		p.workers.Add(1)
		go func() {
			defer p.workers.Done()
			dec := newFastDecoder()
			for j := range p.jobs {
				p.outs <- l.check(j, dec)
			}
		}()
	}
	go func() {
		pending := map[uint64]outcome{}
		var want uint64
		for o := range p.outs {
			pending[o.seq] = o
			for {
				x, ok := pending[want]
				if !ok {
					break
				}
				delete(pending, want)
				l.collect(x)
				want++
			}
		}
		close(p.done)
	}()
	l.pipe = p
}

// inOrder runs f in the collector, in export order with the records around it.
func (l *Loader) inOrder(f func()) { l.submit(job{apply: f}) }

// submit queues a record for checking.
func (l *Loader) submit(j job) {
	l.start()
	j.seq = l.pipe.next
	l.pipe.next++
	if j.apply == nil {
		l.submitted++
		if l.OnRead != nil && l.submitted%5000 == 0 {
			l.OnRead(len(l.Files), l.submitted)
		}
	}
	l.pipe.jobs <- j
}

// drain waits until every queued record has been collected; the loader can take more afterwards.
func (l *Loader) drain() {
	if l.pipe == nil {
		return
	}
	close(l.pipe.jobs)
	l.pipe.workers.Wait()
	close(l.pipe.outs)
	<-l.pipe.done
	l.pipe = nil
}

// check is the per-record work, done on any core; dec is the worker's own JSON decoder.
func (l *Loader) check(j job, dec *fastDecoder) outcome {
	o := outcome{seq: j.seq, apply: j.apply, headerLoc: j.loc}
	if j.apply != nil {
		return o
	}
	v := j.val
	if j.raw != nil {
		var ok bool
		if v, ok = dec.decodeRecord(j.raw); !ok {
			v, o.schemaErr = decodeStd(j.raw, j.loc)
			if o.schemaErr != nil {
				return o
			}
		}
	}
	kind := j.kind
	if j.ndjson {
		obj, ok := v.(map[string]any)
		if !ok {
			o.schemaErr = &Fact{Kind: "export", ID: j.loc.String(), Loc: j.loc, Path: "/",
				Reason: fmt.Sprintf("line %d is %s, not a record object", j.loc.Line, jsonType(v))}
			return o
		}
		kind, _ = obj["kind"].(string)
		delete(obj, "kind")
		if kind == "export" {
			o.header = obj
			return o
		}
		if _, ok := Plural[kind]; !ok {
			o.schemaErr = &Fact{Kind: "export", ID: j.loc.String(), Loc: j.loc, Path: "/",
				Reason: fmt.Sprintf("line %d: \"kind\" must be one of unit, officer, case, inspection, submission, incident, clue (or export for the header), not %q", j.loc.Line, kind)}
			return o
		}
	}
	obj, ok := v.(map[string]any)
	if !ok {
		o.rec = &Record{Kind: kind, Loc: j.loc}
		o.schemaErr = &Fact{Kind: kind, ID: o.rec.Label(), Loc: j.loc, Path: "/",
			Reason: fmt.Sprintf("a %s record must be a JSON object, not %s", kind, jsonType(v))}
		return o
	}
	normalize(kind, obj)
	o.unknown = l.v.Prune(kind, obj)
	rec := &Record{Kind: kind, Value: obj, Loc: j.loc, Seq: j.seq}
	rec.ID, _ = obj["id"].(string)
	if kind == "unit" {
		rec.Unit = rec.ID
	} else {
		rec.Unit, _ = obj["unit"].(string)
	}
	o.rec = rec
	if p := l.v.Validate(kind, obj); p != nil {
		o.schemaErr = &Fact{Kind: kind, ID: rec.Label(), Unit: rec.Unit, Loc: j.loc, Path: p.Path, Reason: p.Reason, Value: p.Value}
	}
	if j.sheet != nil {
		j.sheet.verdict(rec, &o.schemaErr)
	}
	if o.schemaErr != nil {
		return o
	}
	rec.Valid = true
	o.refs = references(rec)
	if l.sink != nil {
		l.sink(rec)
	}
	return o
}

// collect applies one outcome in export order.
func (l *Loader) collect(o outcome) {
	if o.apply != nil {
		o.apply()
		return
	}
	if o.header != nil {
		l.header(o.header, o.headerLoc)
		return
	}
	if o.rec == nil {
		if o.schemaErr != nil {
			l.Records++
			l.Facts.SchemaErrors = append(l.Facts.SchemaErrors, *o.schemaErr)
		}
		return
	}
	rec := o.rec
	l.Records++
	if l.All != nil {
		l.All(rec)
	}
	for _, k := range o.unknown {
		l.unknownKey(rec.Loc.File, rec.Kind, k, rec.Loc)
	}
	if o.schemaErr != nil {
		l.Facts.SchemaErrors = append(l.Facts.SchemaErrors, *o.schemaErr)
	}
	if rec.ID != "" {
		if first, dup := l.index.add(rec.Kind, rec.ID, rec.Loc); dup {
			f := l.index.location(first)
			l.Facts.Duplicates = append(l.Facts.Duplicates, Fact{Kind: rec.Kind, ID: rec.ID, Unit: rec.Unit, Loc: rec.Loc, First: &f})
		}
	}
	for _, r := range o.refs {
		if _, ok := l.index.get(r.refKind, r.ref); !ok {
			l.pending = append(l.pending, r)
		}
	}
}

// decodeStd decodes a record with encoding/json, for what decodeRecord does not vouch for: its errors
// are the ones the loader reports.
func decodeStd(raw []byte, loc Location) (any, *Fact) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, &Fact{Kind: "export", ID: loc.String(), Loc: loc, Path: "/",
			Reason: fmt.Sprintf("line %d is not a JSON object: %v", loc.Line, err)}
	}
	if dec.More() {
		return nil, &Fact{Kind: "export", ID: loc.String(), Loc: loc, Path: "/",
			Reason: fmt.Sprintf("line %d holds more than one JSON value: one record per line", loc.Line)}
	}
	return v, nil
}
