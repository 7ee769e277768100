//go:build race

package lint_test

// raceEnabled: the race detector slows linting about 20-fold, so the corpus
// test lints a sample and time bounds are widened.
const raceEnabled = true
