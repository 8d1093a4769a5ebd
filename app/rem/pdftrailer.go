package rem

import "math"

// Text may follow a table on its page: a closing note, a signature block.
// Below the last line that holds a requirement ID, the lines of the last
// row go on until one does not fit the table: text in the ID column that
// does not continue the ID, words running across two column gutters or
// more, or a gap larger than twice the table's widest line spacing. From
// there to the end of the page, the text is after the table.

// tableCells cuts the lines of a table page (from start) into cells and
// tells where the text after the table begins (len(lines) when none). The
// columns' boundaries are found on the lines down to the last one with an
// ID, so that text after the table cannot move them.
func tableCells(cols []pdfColumn, lines []line, start int) (cells [][]string, after int) {
	id := -1
	for i, c := range cols {
		if c.role == roleID {
			id = i
		}
	}
	bounds := boundaries(cols, gutterLines(lines, start))
	cells = cutCells(lines, bounds, len(cols))
	last := lastIDLine(cells, id, start)
	if last < 0 {
		return cells, len(lines)
	}
	if after = afterTable(lines, cells, bounds, id, start, last); after == len(lines) {
		return cells, after // the usual page: the table runs to its end
	}
	bounds = boundaries(cols, gutterLines(lines[:last+1], start))
	cells = cutCells(lines, bounds, len(cols))
	return cells, afterTable(lines, cells, bounds, id, start, last)
}

// cutCells assigns each line's words to columns by position.
func cutCells(lines []line, bounds []float64, n int) [][]string {
	out := make([][]string, len(lines))
	for i, l := range lines {
		out[i] = make([]string, n)
		for _, w := range l.words {
			k := colAt(bounds, w.x)
			if out[i][k] != "" {
				out[i][k] += " "
			}
			out[i][k] += w.s
		}
	}
	return out
}

// lastIDLine is the index of the last line from start whose ID cell holds
// a requirement ID, or -1.
func lastIDLine(cells [][]string, id, start int) int {
	if id < 0 {
		return -1
	}
	for i := len(cells) - 1; i >= start; i-- {
		if _, _, ok := leadingID(cells[i][id]); ok {
			return i
		}
	}
	return -1
}

// afterTable is the index of the first line after last (the last line
// with an ID) that does not fit the table, or len(lines).
func afterTable(lines []line, cells [][]string, bounds []float64, id, start, last int) int {
	step := 0.0
	for i := start + 1; i <= last; i++ {
		step = math.Max(step, math.Abs(lines[i].y-lines[i-1].y))
	}
	idText := cells[last][id]
	for i := last + 1; i < len(lines); i++ {
		if c := cells[i][id]; c != "" {
			if _, ok := parseReqID(idText); ok {
				return i
			}
			if _, ok := parseReqID(idText + c); !ok {
				return i
			}
			idText += c // an ID wrapped in its cell
		}
		if step > 0 && math.Abs(lines[i].y-lines[i-1].y) > 2*step {
			return i
		}
		if crossings(lines[i], bounds) >= 2 {
			return i
		}
	}
	return len(lines)
}

// crossings counts the column boundaries a word of l runs across.
func crossings(l line, bounds []float64) int {
	n := 0
	for _, b := range bounds {
		for _, w := range l.words {
			if w.x < b-0.5 && w.end > b+0.5 {
				n++
				break
			}
		}
	}
	return n
}
