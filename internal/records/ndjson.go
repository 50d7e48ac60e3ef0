package records

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
)

// ndjsonFormat reads one record per line, each with "kind"; a line that does not parse is a DATA-01
// finding and the lines after it are still read.
type ndjsonFormat struct{}

// maxLine bounds one NDJSON line (a record); a longer line is reported, not loaded.
const maxLine = 64 << 20

func (ndjsonFormat) Read(name string, r io.Reader, l *Loader) error {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 1<<16)
	}
	for line := 1; ; line++ {
		b, err := readLine(br)
		if len(bytes.TrimSpace(b)) > 0 {
			l.ndjsonLine(name, line, b)
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading line %d: %v", line, err)
		}
	}
}

func readLine(br *bufio.Reader) ([]byte, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(buf)+len(chunk) <= maxLine {
			buf = append(buf, chunk...)
		} else if buf != nil || len(chunk) > 0 {
			buf = append(buf[:0], []byte(`"line too long"`)...) // reported as not a record
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return buf, err
	}
}

func (l *Loader) ndjsonLine(name string, line int, b []byte) {
	l.submit(job{raw: b, loc: Location{File: name, Line: line}, ndjson: true})
}
