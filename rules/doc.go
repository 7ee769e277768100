package rules

// The rule pages under docs/rules and the CLI reference under docs/cli are
// generated from All() and the command tree; internal/gendocs's test fails
// while they are stale.
//go:generate go run -tags devtools ../internal/gendocs/cmd/gendocs -root ..
