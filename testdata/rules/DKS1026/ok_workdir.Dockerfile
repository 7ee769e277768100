FROM node:22 AS base
WORKDIR /app
COPY package.json ./
FROM base
COPY foo bar
FROM node:22
COPY bla.sh /usr/local/bin/blubb.sh
COPY bla.sh c:\system32\blubb.sh
COPY bla.sh d:/mypath/blubb.sh
COPY src.sh ${SRC_BASE_ENV}
