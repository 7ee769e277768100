package lazyre

import "testing"

func TestNewCompilesOnce(t *testing.T) {
	re := New(`^a+b$`)
	if !re().MatchString("aab") || re().MatchString("ba") {
		t.Fatal("the compiled expression does not match as regexp does")
	}
	first, second := re(), re()
	if first != second {
		t.Fatal("each call compiled the expression again")
	}
}

func TestNewPanicsOnBadExpression(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("a bad expression did not panic in a test binary")
		}
	}()
	New(`(`)
}
