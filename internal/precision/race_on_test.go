//go:build race

package precision

// raceEnabled: the race detector slows linting about 20-fold, so
// TestPrecision then lints only the files whose false positives it guards.
const raceEnabled = true
