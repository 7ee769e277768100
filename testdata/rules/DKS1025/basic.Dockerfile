FROM node:22
# want: DKS1025 "COPY with 2 sources needs a destination directory ending in /, not \"/app\""
COPY package.json yarn.lock /app
# want: DKS1025 "baz"
COPY foo bar "baz"
# want: DKS1025
COPY ["a", "b", "c"]
