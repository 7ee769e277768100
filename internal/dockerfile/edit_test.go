package dockerfile

import "testing"

func TestPosition(t *testing.T) {
	cases := []struct {
		name, src         string
		offset, line, col int
	}{
		{"start", "FROM a\nRUN b\n", 0, 1, 1},
		{"second line", "FROM a\nRUN b\n", 9, 2, 3},
		{"line terminator", "FROM a\nRUN b\n", 6, 1, 7},
		{"end after a newline", "FROM a\nRUN b\n", 13, 3, 1},
		{"end without a newline", "FROM a\nRUN b", 12, 2, 6},
		{"code points, not bytes", "FROM a\nLABEL é=ü\n", 18, 2, 10},
		{"CRLF", "FROM a\r\nRUN b\r\n", 12, 2, 5},
		{"past the end", "FROM a\n", 99, 2, 1},
		{"before the start", "FROM a\n", -3, 1, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := Parse("Dockerfile", []byte(c.src))
			if err != nil {
				t.Fatal(err)
			}
			if line, col := f.Position(c.offset); line != c.line || col != c.col {
				t.Errorf("Position(%d) = %d:%d, want %d:%d", c.offset, line, col, c.line, c.col)
			}
		})
	}
}
