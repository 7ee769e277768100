# A dev container template: the tooling fills ${templateOption:…} in before building.
FROM mcr.microsoft.com/devcontainers/dotnet:0-${templateOption:imageVariant}
