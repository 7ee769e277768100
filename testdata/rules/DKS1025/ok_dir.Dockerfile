FROM node:22
COPY package.json yarn.lock /app/
COPY foo bar "baz/"
COPY foo /app
