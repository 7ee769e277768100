package rules

import "github.com/moby/buildkit/frontend/dockerfile/linter"

// DefinitionDescriptionInvalid: a comment above ARG or FROM … AS that does not
// start with the name it documents.
var DefinitionDescriptionInvalid = &Rule{
	ID:       "DKS1007",
	Name:     "definition-description-invalid",
	Title:    "Comment above ARG or stage is not `# <name> <description>`",
	Severity: Style,
	Since:    "0.1.0",
	Status:   Optional,
	Aliases:  []string{"InvalidDefinitionDescription"},
	BuildKit: &linter.RuleInvalidDefinitionDescription,
	Threat:   hygiene(),
	Doc: Doc{
		Vulnerability: "Misleading ARG or stage description",
		Mitigation:    "Start the comment with the name it documents.",

		Rationale: "BuildKit reads the comment directly above a build argument or named stage as its " +
			"description (`docker buildx build --call=outline`) when it starts with the name. A comment " +
			"there that does not is shown as nothing, or mistaken for documentation. Experimental in " +
			"BuildKit and off by default here; enable it in configuration or with " +
			"`# check=experimental=InvalidDefinitionDescription`.",
		Impact:       "Build arguments documented wrongly or not at all",
		Fix:          "Start the comment with the name (`# version the release to build`), or separate an unrelated comment with an empty line.",
		SeverityNote: "BuildKit's experimental InvalidDefinitionDescription is a warning; a comment's wording changes nothing in the build: style.",
		Bad:          Dockerfiles("FROM alpine:3.20\n# the release to build\nARG version=1.0\n"),
		Good:         Dockerfiles("FROM alpine:3.20\n# version the release to build\nARG version=1.0\n"),
		Refs:         []string{buildKitDoc("invalid-definition-description")},
	},
	Checks: []Check{FileCheck{Check: reportBuildKitWarnings(&linter.RuleInvalidDefinitionDescription)}},
}
