FROM node:22 AS build
# want: DKS1026 "COPY to relative destination \"app/\""
COPY package.json app/
ONBUILD WORKDIR /child
ONBUILD COPY ok.json here.json
WORKDIR /srv
COPY package.json app/
FROM node:22
# want: DKS1026 "blubb.sh"
COPY bla.sh "blubb.sh"
